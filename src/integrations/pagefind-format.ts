/**
 * Pagefind 1.5's on-disk format, read and written byte for byte: every index, filter, meta and
 * fragment file is gzip over the signature `pagefind_dcd` and a body (CBOR for the index files,
 * JSON for fragments). Used by pagefind-canonical.ts (fixed order) and pagefind-merge.ts
 * (one bundle from the shards' bundles); both refuse a layout they would not write back.
 */
import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';

const SIGNATURE = Buffer.from('pagefind_dcd');

/** A decoded CBOR item; only what Pagefind writes (RFC 8949 major types 0, 1, 3, 4). */
export type Cbor = number | string | Cbor[];

/**
 * The one CBOR item `buf` holds. Refuses any encoding CborWriter would not write back byte for
 * byte (a longer head than needed, text that is not UTF-8, another major type, trailing bytes), so
 * that what is decoded re-encodes to the same bytes without encoding it again to compare.
 */
export function decodeCbor(buf: Buffer): Cbor {
  let at = 0;
  const length = (info: number): number => {
    if (info < 24) return info;
    const size = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : info === 27 ? 8 : 0;
    if (size === 0) throw new Error(`unexpected CBOR length ${info}`);
    const n = size === 8 ? Number(buf.readBigUInt64BE(at)) : buf.readUIntBE(at, size);
    // Only the shortest head of a number is written back (CborWriter): a longer one, or a number
    // past what a double holds exactly, would not round-trip.
    if (n < (size === 1 ? 24 : 2 ** (4 * size)) || n > Number.MAX_SAFE_INTEGER)
      throw new Error(`CBOR length ${n} in a ${size}-byte head does not round-trip`);
    at += size;
    return n;
  };
  const item = (): Cbor => {
    const head = buf[at++];
    if (head === undefined) throw new Error('CBOR ends early');
    const major = head >> 5;
    const n = length(head & 31);
    if (major === 0) return n;
    if (major === 1) return -1 - n;
    if (major === 3) {
      // Invalid UTF-8 would be decoded with replacement characters and written back differently.
      if (!isUtf8(buf.subarray(at, at + n))) throw new Error('CBOR text is not UTF-8');
      const text = buf.toString('utf8', at, at + n);
      at += n;
      return text;
    }
    if (major === 4) return Array.from({ length: n }, item);
    throw new Error(`unexpected CBOR major type ${major}`);
  };
  const value = item();
  if (at !== buf.length) throw new Error('trailing bytes after CBOR item');
  return value;
}

/**
 * CBOR written into one growing buffer: a merged city index is millions of small items, and a
 * Buffer per item made the merge spend its time allocating and collecting them.
 */
export class CborWriter {
  #buf = Buffer.allocUnsafe(1 << 16);
  #at = 0;

  #room(n: number): void {
    if (this.#at + n <= this.#buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.#buf.length * 2, this.#at + n));
    this.#buf.copy(bigger, 0, 0, this.#at);
    this.#buf = bigger;
  }

  /** How many bytes are written so far. */
  get length(): number {
    return this.#at;
  }

  /** An item's head: its major type and its number (a list's length, a text's bytes, an integer). */
  head(major: number, n: number): void {
    const m = major << 5;
    this.#room(9);
    const buf = this.#buf;
    if (n < 24) buf[this.#at++] = m | n;
    else if (n < 0x100) {
      buf[this.#at++] = m | 24;
      buf[this.#at++] = n;
    } else if (n < 0x10000) {
      buf[this.#at++] = m | 25;
      this.#at = buf.writeUInt16BE(n, this.#at);
    } else if (n < 0x100000000) {
      buf[this.#at++] = m | 26;
      this.#at = buf.writeUInt32BE(n, this.#at);
    } else {
      buf[this.#at++] = m | 27;
      this.#at = buf.writeBigUInt64BE(BigInt(n), this.#at);
    }
  }

  text(v: string): void {
    const length = Buffer.byteLength(v, 'utf8');
    this.head(3, length);
    this.#room(length);
    this.#at += this.#buf.write(v, this.#at, 'utf8');
  }

  /** Bytes already encoded (`bytes` from `start` to `end`), copied as they are. */
  raw(bytes: Uint8Array, start = 0, end = bytes.length): void {
    this.#room(end - start);
    this.#buf.set(bytes.subarray(start, end), this.#at);
    this.#at += end - start;
  }

  item(v: Cbor): void {
    if (typeof v === 'number') {
      if (!Number.isInteger(v)) throw new Error('only integers are supported');
      if (v >= 0) this.head(0, v);
      else this.head(1, -1 - v);
    } else if (typeof v === 'string') this.text(v);
    else {
      this.head(4, v.length);
      for (const x of v) this.item(x);
    }
  }

  /** A copy of what is written. */
  bytes(): Buffer {
    return Buffer.from(this.#buf.subarray(0, this.#at));
  }
}

export function readPagefindFile(path: string): Cbor {
  const raw = gunzipSync(readFileSync(path));
  if (!raw.subarray(0, SIGNATURE.length).equals(SIGNATURE)) throw new Error(`${path}: no Pagefind signature`);
  // decodeCbor refuses a layout we would not write back byte for byte.
  try {
    return decodeCbor(raw.subarray(SIGNATURE.length));
  } catch (error) {
    throw new Error(`${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** A writer of a Pagefind file's body: the signature, then the caller's CBOR item. */
export function pagefindWriter(): CborWriter {
  const w = new CborWriter();
  w.raw(SIGNATURE);
  return w;
}

export function pagefindBytes(value: Cbor): Buffer {
  const w = pagefindWriter();
  w.item(value);
  return w.bytes();
}

export const hashOf = (bytes: Buffer, length: number) =>
  createHash('sha256').update(bytes).digest('hex').slice(0, length);

export function asList(v: Cbor | undefined, what: string): Cbor[] {
  if (!Array.isArray(v)) throw new Error(`unexpected Pagefind layout: ${what} is not a list`);
  return v;
}
export function asText(v: Cbor | undefined, what: string): string {
  if (typeof v !== 'string') throw new Error(`unexpected Pagefind layout: ${what} is not text`);
  return v;
}

/** A file's body, gzipped as Pagefind's browser code expects (level 9, like Pagefind's own). */
export function gzipPagefind(body: Buffer): Buffer {
  return gzipSync(body, { level: 9 });
}

/** A fragment file's JSON (the page's URL, excerpt text, filters, meta). */
export function readFragment(path: string): { url: string; meta?: Record<string, string> } {
  const raw = gunzipSync(readFileSync(path));
  if (!raw.subarray(0, SIGNATURE.length).equals(SIGNATURE)) throw new Error(`${path}: no Pagefind signature`);
  return JSON.parse(raw.subarray(SIGNATURE.length).toString('utf8')) as { url: string; meta?: Record<string, string> };
}
