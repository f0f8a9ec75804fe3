/**
 * Pagefind 1.5's on-disk format, read and written byte for byte: every index, filter, meta and
 * fragment file is gzip over the signature `pagefind_dcd` and a body (CBOR for the index files,
 * JSON for fragments). Used by pagefind-canonical.ts (fixed order) and pagefind-merge.ts
 * (one bundle from the shards' bundles); both refuse a layout they would not write back.
 */
import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { promisify } from 'node:util';
import { gunzipSync, gzip, gzipSync } from 'node:zlib';

const SIGNATURE = Buffer.from('pagefind_dcd');

/**
 * The language Pagefind indexes under: one it neither segments nor stems, so that it splits the
 * pages' text (already cut: han-words.ts segmentForIndex) only on whitespace. A bundle of it is
 * served as SERVED_LANGUAGE, the pages' own (the browser picks a bundle's index by the page's lang).
 */
export const INDEX_LANGUAGE = 'xx';
export const SERVED_LANGUAGE = 'zh-cn';

/** A decoded CBOR item; only what Pagefind writes (RFC 8949 major types 0, 1, 3, 4). */
export type Cbor = number | string | Cbor[];

/**
 * A cursor over CBOR bytes, reading heads one at a time without building values: what a run's
 * index holds can be copied as it is (pagefind-merge.ts bundleRecords). Refuses any head CborWriter
 * would not write back byte for byte (a longer head than needed, a number past 2^53).
 */
export class CborReader {
  /** Where the next head starts. */
  at: number;
  /** The major type of the last head read. */
  major = 0;
  readonly buf: Buffer;

  constructor(buf: Buffer, at = 0) {
    this.buf = buf;
    this.at = at;
  }

  /** The next head's number (a list's length, a text's bytes, an integer); its major type in `major`. */
  head(): number {
    const { buf } = this;
    const first = buf[this.at++];
    if (first === undefined) throw new Error('CBOR ends early');
    this.major = first >> 5;
    const info = first & 31;
    if (info < 24) return info;
    const size = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : info === 27 ? 8 : 0;
    if (size === 0) throw new Error(`unexpected CBOR length ${info}`);
    if (this.at + size > buf.length) throw new Error('CBOR ends early');
    const n = size === 8 ? Number(buf.readBigUInt64BE(this.at)) : buf.readUIntBE(this.at, size);
    // Only the shortest head of a number is written back (CborWriter): a longer one, or a number
    // past what a double holds exactly, would not round-trip.
    if (n < (size === 1 ? 24 : 2 ** (4 * size)) || n > Number.MAX_SAFE_INTEGER)
      throw new Error(`CBOR length ${n} in a ${size}-byte head does not round-trip`);
    this.at += size;
    return n;
  }

  /** The next head, which must be of major type `major` (`what` names it in the error). */
  expect(major: number, what: string): number {
    const n = this.head();
    if (this.major !== major) throw new Error(`unexpected Pagefind layout: ${what} is not of CBOR type ${major}`);
    return n;
  }

  /** The next item, a text. */
  text(what: string): string {
    const n = this.expect(3, what);
    const end = this.at + n;
    // Invalid UTF-8 would be decoded with replacement characters and written back differently.
    if (end > this.buf.length) throw new Error('CBOR ends early');
    if (!isUtf8(this.buf.subarray(this.at, end))) throw new Error('CBOR text is not UTF-8');
    this.at = end;
    return this.buf.toString('utf8', end - n, end);
  }

  /** The next item, a list of integers, skipped; returns its length. */
  skipIntegers(what: string): number {
    const length = this.expect(4, what);
    for (let i = 0; i < length; i++) {
      this.head();
      if (this.major > 1)
        throw new Error(`unexpected Pagefind layout: ${what} holds a CBOR item of type ${this.major}`);
    }
    return length;
  }
}

/**
 * The one CBOR item `buf` holds. Refuses any encoding CborWriter would not write back byte for
 * byte (a longer head than needed, text that is not UTF-8, another major type, trailing bytes), so
 * that what is decoded re-encodes to the same bytes without encoding it again to compare.
 */
export function decodeCbor(buf: Buffer): Cbor {
  const r = new CborReader(buf);
  const item = (): Cbor => {
    const start = r.at;
    const n = r.head();
    const { major } = r;
    if (major === 0) return n;
    if (major === 1) return -1 - n;
    if (major === 3) {
      r.at = start;
      return r.text('text');
    }
    if (major === 4) return Array.from({ length: n }, item);
    throw new Error(`unexpected CBOR major type ${major}`);
  };
  const value = item();
  if (r.at !== buf.length) throw new Error('trailing bytes after CBOR item');
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
    // A join copies millions of a few bytes each (a word's locations on one page): a view of each
    // to copy from cost more than the copy (h17n).
    if (end - start <= 64) {
      const buf = this.#buf;
      let at = this.#at;
      for (let i = start; i < end; i++) buf[at++] = bytes[i]!;
      this.#at = at;
      return;
    }
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

/** A Pagefind file's CBOR body, after its signature (to read with CborReader), from its bytes (`path` names it in errors). */
export function pagefindBody(gzipped: Buffer, path: string): Buffer {
  const raw = gunzipSync(gzipped);
  if (!raw.subarray(0, SIGNATURE.length).equals(SIGNATURE)) throw new Error(`${path}: no Pagefind signature`);
  return raw.subarray(SIGNATURE.length);
}

/** `read`'s answer, or its error with `path` in front. */
export function inFile<T>(path: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new Error(`${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** A Pagefind file's CBOR item, from its bytes (`path` names it in errors). */
export function pagefindFile(gzipped: Buffer, path: string): Cbor {
  // decodeCbor refuses a layout we would not write back byte for byte.
  const body = pagefindBody(gzipped, path);
  return inFile(path, () => decodeCbor(body));
}

export const readPagefindFile = (path: string): Cbor => pagefindFile(readFileSync(path), path);

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

/** Level 9, like Pagefind's own, for the entry's meta file and the filters: every query loads the meta, and they are few. */
const GZIP = { level: 9 };
/**
 * Level 7 for the index chunks, which are nearly all of the bundles' bytes and of their gzip time.
 * On the chunks of 15,000 compounds level 9 took 4.9 times level 7's CPU for 1.0% fewer bytes in
 * the bundle the first query loads (2.6% in the compound pages'): its 4,096-long match chains find
 * almost nothing in CBOR that level 7's 256 do not (bench/README.md, h16m).
 */
const CHUNK_GZIP = { level: 7 };

/** A file's body, gzipped as Pagefind's browser code expects. */
export function gzipPagefind(body: Buffer): Buffer {
  return gzipSync(body, GZIP);
}

/** An index chunk's body, gzipped as Pagefind's browser code expects (any level reads the same). */
export function gzipIndexChunk(body: Buffer): Buffer {
  return gzipSync(body, CHUNK_GZIP);
}

const gzipAsync = promisify(gzip);

/** The same bytes as gzipIndexChunk (same zlib, level and settings), compressed on Node's thread pool. */
export function gzipIndexChunkAsync(body: Buffer): Promise<Buffer> {
  return gzipAsync(body, CHUNK_GZIP);
}

/**
 * Work done off the main thread (gzip on the thread pool), at most `width` pieces at once, each
 * result handed on in the order the work was added, whatever order it finishes in: what is written
 * and in what order never depends on timing, and the pieces not yet started are not held.
 */
export class InOrder {
  readonly #width: number;
  readonly #pending: Promise<void>[] = [];
  #last: Promise<void> = Promise.resolve();

  /** By default one piece per core: the main thread only makes the pieces and writes the results. */
  constructor(width = availableParallelism()) {
    this.#width = Math.max(1, width);
  }

  /** Waits for room, then starts `work` (its result, or a promise of it), whose result goes to `then` after every earlier one's. */
  async add<T>(work: () => T | Promise<T>, then: (value: T) => void): Promise<void> {
    while (this.#pending.length >= this.#width) await this.#pending.shift();
    const result = work();
    const step = Promise.all([this.#last, result]).then(([, value]) => then(value));
    // A failure is thrown where the step is awaited (add or done); a step that is never awaited
    // because an earlier one failed must not end the process as an unhandled rejection.
    step.catch(() => undefined);
    this.#last = step;
    this.#pending.push(step);
  }

  /** Waits for every piece added and its `then`. */
  async done(): Promise<void> {
    while (this.#pending.length > 0) await this.#pending.shift();
  }
}

/** A fragment file's JSON (the page's URL, excerpt text, filters, meta), from its bytes (`path` names it in errors). */
export function fragmentJson(gzipped: Buffer, path: string): { url: string; meta?: Record<string, string> } {
  return JSON.parse(pagefindBody(gzipped, path).toString('utf8')) as { url: string; meta?: Record<string, string> };
}
