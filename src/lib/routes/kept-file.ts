/**
 * What a re-publishing build keeps for the next one in the cache folder (kept-deflated.ts: the
 * city archive's deflated tables; key-hash.ts: the tables' digests per compound): one sealed file
 * per name (sealed.ts), holding its format, the code that made it (the check's: src/lib,
 * src/pages, the lockfile, Node) and the key of what it was made from. A file is used only when it
 * is intact and of this very format, code, name and key; anything else is made again and
 * overwritten. Only a build that checked from its cache keeps files (validate/once.ts
 * `checkedFromCache`).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { unseal, writeSealed } from '../validate/sealed.ts';

/** A folder of kept files and the code they are kept for. */
export interface KeptIn {
  dir: string;
  code: string;
}

interface Entry {
  format: string;
  key: string;
  value: unknown;
}

const fileOf = (kept: KeptIn, name: string) => path.join(kept.dir, `${name.replace(/[^A-Za-z0-9_.-]/g, '_')}.bin`);
const fullKey = (kept: KeptIn, name: string, key: string) => `${kept.code}\0${name}\0${key}`;

/** The value kept under `name` for `key`, or undefined. */
export function readKept(kept: KeptIn, format: string, name: string, key: string): unknown {
  let bytes: Buffer;
  try {
    bytes = readFileSync(fileOf(kept, name));
  } catch {
    return undefined;
  }
  const sealed = unseal(bytes);
  if (typeof sealed === 'string') return undefined;
  const e = sealed.value as Partial<Entry> | null;
  return e?.format === format && e.key === fullKey(kept, name, key) ? e.value : undefined;
}

/** Keeps `value` under `name` for `key`, replacing what was kept; a folder that cannot be written keeps nothing. */
export function writeKept(kept: KeptIn, format: string, name: string, key: string, value: unknown): void {
  try {
    mkdirSync(kept.dir, { recursive: true });
    writeSealed(fileOf(kept, name), { format, key: fullKey(kept, name, key), value } satisfies Entry);
  } catch {
    // Not kept: the next build makes it again.
  }
}

/** The value kept under `name` for `key` when `valid` takes it, else `make()`'s, kept. */
export function keptValue<T>(
  kept: KeptIn,
  format: string,
  name: string,
  key: string,
  make: () => T,
  valid: (v: unknown) => v is T,
): T {
  const found = readKept(kept, format, name, key);
  if (valid(found)) return found;
  const made = make();
  writeKept(kept, format, name, key, made);
  return made;
}
