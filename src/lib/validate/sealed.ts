/**
 * Files the checker writes for a later run to trust: a v8-serialised value behind the sha256
 * of its bytes, so a truncated or altered file is told apart from a good one and never read as
 * data. The validated snapshot (snapshot.ts) and the check cache (check-cache.ts) use it.
 */
import { createHash } from 'node:crypto';
import { renameSync, writeFileSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export function seal(value: unknown): Buffer {
  const body = serialize(value);
  return Buffer.concat([Buffer.from(`${sha256(body)}\n`), body]);
}

/** The sealed value; 'altered' when the bytes are not what was sealed, 'unreadable' when they do not deserialise. */
export function unseal(bytes: Buffer): { value: unknown } | 'altered' | 'unreadable' {
  const digest = bytes.subarray(0, 64).toString('latin1');
  const body = bytes.subarray(65);
  if (bytes[64] !== 0x0a || sha256(body) !== digest) return 'altered';
  try {
    return { value: deserialize(body) };
  } catch {
    return 'unreadable';
  }
}

/** Written beside and renamed into place: a reader sees the old file or the new one, never half of one. */
export function writeSealed(file: string, value: unknown): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, seal(value));
  renameSync(tmp, file);
}
