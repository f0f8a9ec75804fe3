/**
 * Makes Pagefind's output byte-identical from one build to the next.
 *
 * Pagefind (a Rust binary) writes its filter index from a HashMap with a per-process random
 * seed, so the ORDER of the values inside each `filter/*.pf_filter` file, and of the filter and
 * sort lists inside the `.pf_meta` file, changes from run to run. File names are hashes of the
 * contents, so the names change too, and with them `pagefind-entry.json`. Everything else
 * (index chunks, fragments) is already stable.
 *
 * This rewrites those files in a fixed order (filter values and names sorted by code point),
 * names them by a hash of the new contents and updates the references. It understands exactly
 * the layout Pagefind 1.5 writes and refuses (throws) on anything else, rather than emit an
 * index the browser cannot read.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { cmp } from '../lib/util/compare.ts';

const SIGNATURE = Buffer.from('pagefind_dcd');

/** A decoded CBOR item; only what Pagefind writes (RFC 8949 major types 0, 1, 3, 4). */
type Cbor = number | string | Cbor[];

function decodeCbor(buf: Buffer): Cbor {
  let at = 0;
  const length = (info: number): number => {
    if (info < 24) return info;
    const size = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : info === 27 ? 8 : 0;
    if (size === 0) throw new Error(`unexpected CBOR length ${info}`);
    const n = size === 8 ? Number(buf.readBigUInt64BE(at)) : buf.readUIntBE(at, size);
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

function encodeCbor(value: Cbor): Buffer {
  const parts: Buffer[] = [];
  const head = (major: number, n: number) => {
    const m = major << 5;
    if (n < 24) parts.push(Buffer.from([m | n]));
    else if (n < 0x100) parts.push(Buffer.from([m | 24, n]));
    else if (n < 0x10000) {
      const b = Buffer.alloc(3);
      b[0] = m | 25;
      b.writeUInt16BE(n, 1);
      parts.push(b);
    } else if (n < 0x100000000) {
      const b = Buffer.alloc(5);
      b[0] = m | 26;
      b.writeUInt32BE(n, 1);
      parts.push(b);
    } else {
      const b = Buffer.alloc(9);
      b[0] = m | 27;
      b.writeBigUInt64BE(BigInt(n), 1);
      parts.push(b);
    }
  };
  const item = (v: Cbor) => {
    if (typeof v === 'number') {
      if (!Number.isInteger(v)) throw new Error('only integers are supported');
      if (v >= 0) head(0, v);
      else head(1, -1 - v);
    } else if (typeof v === 'string') {
      const bytes = Buffer.from(v, 'utf8');
      head(3, bytes.length);
      parts.push(bytes);
    } else {
      head(4, v.length);
      v.forEach(item);
    }
  };
  item(value);
  return Buffer.concat(parts);
}

function readPagefindFile(path: string): Cbor {
  const raw = gunzipSync(readFileSync(path));
  if (!raw.subarray(0, SIGNATURE.length).equals(SIGNATURE)) throw new Error(`${path}: no Pagefind signature`);
  const body = raw.subarray(SIGNATURE.length);
  const value = decodeCbor(body);
  // Refuse a layout we would not write back byte for byte.
  if (!encodeCbor(value).equals(body)) throw new Error(`${path}: CBOR does not round-trip`);
  return value;
}

function pagefindBytes(value: Cbor): Buffer {
  return Buffer.concat([SIGNATURE, encodeCbor(value)]);
}

const hashOf = (bytes: Buffer, length: number) => createHash('sha256').update(bytes).digest('hex').slice(0, length);

function asList(v: Cbor | undefined, what: string): Cbor[] {
  if (!Array.isArray(v)) throw new Error(`unexpected Pagefind layout: ${what} is not a list`);
  return v;
}
function asText(v: Cbor | undefined, what: string): string {
  if (typeof v !== 'string') throw new Error(`unexpected Pagefind layout: ${what} is not text`);
  return v;
}

/** [name, [[value, [page ids]]…]] with the values in code-point order. */
function sortFilterFile(value: Cbor): Cbor {
  const [name, entries] = asList(value, 'filter file');
  const sorted = [...asList(entries, 'filter values')].sort((a, b) =>
    cmp(asText(asList(a, 'filter value')[0], 'filter value'), asText(asList(b, 'filter value')[0], 'filter value')),
  );
  return [asText(name, 'filter name'), sorted];
}

/** Sorts a list of [name, …] pairs by name. */
function sortNamed(list: Cbor | undefined, what: string): Cbor[] {
  return [...asList(list, what)].sort((a, b) =>
    cmp(asText(asList(a, what)[0], what), asText(asList(b, what)[0], what)),
  );
}

/**
 * Rewrites the order-dependent files of the Pagefind bundle at `bundleDir` (…/pagefind) in a
 * canonical order. Returns how many filter files it rewrote.
 */
export function canonicalizePagefindBundle(bundleDir: string): number {
  const entryPath = join(bundleDir, 'pagefind-entry.json');
  const entry = JSON.parse(readFileSync(entryPath, 'utf8')) as { languages: Record<string, { hash: string }> };
  let rewritten = 0;
  for (const [, language] of Object.entries(entry.languages)) {
    const metaPath = join(bundleDir, `pagefind.${language.hash}.pf_meta`);
    const meta = asList(readPagefindFile(metaPath), 'meta');
    // Pagefind 1.5 meta: [version, pages, index chunks, filters [[name, file]], sorts [[name, pages]], meta fields]
    if (meta.length !== 6) throw new Error(`unexpected Pagefind meta layout (${meta.length} parts) in ${metaPath}`);
    const prefix = language.hash.replace(/_[0-9a-f]+$/, '');
    const filters = sortNamed(meta[3], 'filter list').map((pair) => {
      const [name, oldHash] = asList(pair, 'filter list');
      const oldPath = join(bundleDir, 'filter', `${asText(oldHash, 'filter file')}.pf_filter`);
      const bytes = pagefindBytes(sortFilterFile(readPagefindFile(oldPath)));
      const newHash = `${prefix}_${hashOf(bytes, 7)}`;
      writeFileSync(oldPath, gzipSync(bytes, { level: 9 }));
      renameSync(oldPath, join(bundleDir, 'filter', `${newHash}.pf_filter`));
      rewritten++;
      return [asText(name, 'filter name'), newHash];
    });
    const metaBytes = pagefindBytes([meta[0]!, meta[1]!, meta[2]!, filters, sortNamed(meta[4], 'sort list'), meta[5]!]);
    const newMetaHash = `${prefix}_${hashOf(metaBytes, 13)}`;
    writeFileSync(metaPath, gzipSync(metaBytes, { level: 9 }));
    renameSync(metaPath, join(bundleDir, `pagefind.${newMetaHash}.pf_meta`));
    language.hash = newMetaHash;
  }
  writeFileSync(entryPath, JSON.stringify(entry));
  const filterDir = join(bundleDir, 'filter');
  const leftovers = (existsSync(filterDir) ? readdirSync(filterDir).length : 0) - rewritten;
  if (leftovers !== 0) throw new Error(`${leftovers} Pagefind filter file(s) not listed in any meta file`);
  return rewritten;
}
