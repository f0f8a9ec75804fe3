/**
 * Files the checker writes for a later run to trust: a v8-serialised value behind the sha256
 * of its bytes, so a truncated or altered file is told apart from a good one and never read as
 * data. The validated snapshot (snapshot.ts) and the check cache (check-cache.ts) use it.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export function seal(value: unknown): Buffer {
  const body = serialize(value);
  return Buffer.concat([Buffer.from(`${sha256(body)}\n`), body]);
}

/** The sealed value; 'altered' when the bytes are not what was sealed, 'unreadable' when they do not deserialise. */
export function unseal(bytes: Buffer): { value: unknown } | 'altered' | 'unreadable' {
  const body = intactBody(bytes);
  if (!body) return 'altered';
  try {
    return { value: deserialize(body) };
  } catch {
    return 'unreadable';
  }
}

function intactBody(bytes: Buffer): Buffer | undefined {
  const digest = bytes.subarray(0, 64).toString('latin1');
  const body = bytes.subarray(65);
  return bytes[64] === 0x0a && sha256(body) === digest ? body : undefined;
}

/** Written beside and renamed into place: a reader sees the old file or the new one, never half of one. */
export function writeSealed(file: string, value: unknown): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, seal(value));
  renameSync(tmp, file);
}

/** Each part's length before its bytes (a part is at most what a Buffer holds, under 2⁵³). */
const LENGTH = 8;

/**
 * A sealed file of several values, each serialised, hashed and written before the next is made:
 * a city's snapshot is never in memory as one body, nor copied behind its digest. The digest
 * is written last, over the place kept for it; renamed into place as writeSealed.
 */
export function writeSealedParts(file: string, parts: Iterable<unknown>): void {
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  let written = false;
  try {
    const hash = createHash('sha256');
    let at = 65;
    const put = (bytes: Uint8Array) => {
      for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done, bytes.length - done, at + done);
      at += bytes.length;
    };
    for (const part of parts) {
      const body = serialize(part);
      const length = Buffer.alloc(LENGTH);
      length.writeDoubleLE(body.length);
      hash.update(length).update(body);
      put(length);
      put(body);
    }
    writeSync(fd, `${hash.digest('hex')}\n`, 0);
    written = true;
  } finally {
    closeSync(fd);
    // Never left behind half written: a failed part (or a full disk) leaves no file at all.
    if (!written) rmSync(tmp, { force: true });
  }
  renameSync(tmp, file);
}

/**
 * The parts of a file writeSealedParts wrote, still serialised (each is deserialised when its
 * reader comes to it, so it can be let go before the next); 'altered' as unseal, 'unreadable'
 * when the intact bytes are not parts (another format).
 */
export function unsealParts(bytes: Buffer): { parts: Buffer[] } | 'altered' | 'unreadable' {
  const body = intactBody(bytes);
  if (!body) return 'altered';
  const parts: Buffer[] = [];
  for (let at = 0; at < body.length;) {
    const length = at + LENGTH <= body.length ? body.readDoubleLE(at) : -1;
    if (!Number.isSafeInteger(length) || length < 0 || at + LENGTH + length > body.length) return 'unreadable';
    parts.push(body.subarray(at + LENGTH, at + LENGTH + length));
    at += LENGTH + length;
  }
  return { parts };
}
