/** How a cache key (page-keys.ts, firm-key.ts) takes in one labelled input. */
import type { Hash } from 'node:crypto';

/** The label keeps `{a: 1}` under one name apart from the same value under another. */
export function feed(h: Hash, label: string, value: unknown): void {
  h.update(label);
  h.update('\0');
  h.update(JSON.stringify(value) ?? 'undefined');
  h.update('\0');
}
