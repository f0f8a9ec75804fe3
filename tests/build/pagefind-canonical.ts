/**
 * Pagefind (a Rust binary) serialises its filter index from a HashMap with a
 * per-process random seed: the *order* of values inside pagefind/filter/*.pf_filter
 * differs from run to run, and so do those files' content-hash names, the filter
 * hashes listed in the .pf_meta file, its name, and pagefind-entry.json. The
 * contents are the same. This reads those files into an order-free form so the
 * determinism test can still prove that everything else is byte-identical and
 * that the search index means the same thing.
 */
import { gunzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const SIGNATURE = 'pagefind_dcd';

/** Minimal CBOR (RFC 8949) decoder for what Pagefind writes: ints, strings, arrays, maps, simple values. */
function decodeCbor(buf: Buffer): unknown {
  let at = 0;
  const length = (info: number): number => {
    if (info < 24) return info;
    const size = { 24: 1, 25: 2, 26: 4, 27: 8 }[info];
    if (size === undefined) throw new Error(`CBOR: indefinite length at ${at}`);
    const n = size === 8 ? Number(buf.readBigUInt64BE(at)) : buf.readUIntBE(at, size);
    at += size;
    return n;
  };
  const item = (): unknown => {
    const head = buf[at++] as number;
    const major = head >> 5;
    const info = head & 31;
    if (major === 7) return info === 20 ? false : info === 21 ? true : null;
    const n = length(info);
    switch (major) {
      case 0:
        return n;
      case 1:
        return -1 - n;
      case 2:
      case 3: {
        const s = buf.subarray(at, at + n);
        at += n;
        return major === 3 ? s.toString('utf8') : s.toString('hex');
      }
      case 4:
        return Array.from({ length: n }, item);
      case 5: {
        const entries: [unknown, unknown][] = [];
        for (let i = 0; i < n; i++) entries.push([item(), item()]);
        return { __map: entries };
      }
      default:
        throw new Error(`CBOR: major type ${major}`);
    }
  };
  return item();
}

export function decodePagefindFile(file: string): unknown {
  const raw = gunzipSync(readFileSync(file));
  if (raw.subarray(0, SIGNATURE.length).toString() !== SIGNATURE) throw new Error(`${file}: not a Pagefind file`);
  return decodeCbor(raw.subarray(SIGNATURE.length));
}

/** Stable JSON of a decoded value with every CBOR map and every array of scalars sorted. */
export function orderFree(v: unknown): string {
  if (Array.isArray(v)) {
    const items = v.map(orderFree);
    return `[${(v.every((x) => typeof x !== 'object') ? items : items.sort()).join(',')}]`;
  }
  if (v && typeof v === 'object' && '__map' in v) {
    const entries = (v as { __map: [unknown, unknown][] }).__map.map(([k, x]) => `${orderFree(k)}:${orderFree(x)}`);
    return `{${entries.sort().join(',')}}`;
  }
  return JSON.stringify(v);
}

/** Files whose bytes Pagefind's HashMap order may change. */
export function isOrderDependent(rel: string): boolean {
  return /^pagefind\/(filter\/.*\.pf_filter|pagefind\..*\.pf_meta|pagefind-entry\.json)$/.test(rel);
}

/**
 * The meaning of the order-dependent files: each filter file by its order-free
 * content (names replaced by a digest of that content), the meta file likewise,
 * and the entry file with the meta file's name removed.
 */
export function pagefindMeaning(dist: string, files: readonly string[]): string[] {
  const rename = new Map<string, string>();
  const digest = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);
  const out: string[] = [];
  for (const rel of files.filter((f) => f.startsWith('pagefind/filter/'))) {
    const content = orderFree(decodePagefindFile(path.join(dist, rel)));
    rename.set(path.basename(rel, '.pf_filter'), `filter:${digest(content)}`);
    out.push(`filter ${content}`);
  }
  for (const rel of files.filter((f) => /^pagefind\/pagefind\..*\.pf_meta$/.test(f))) {
    let meta = orderFree(decodePagefindFile(path.join(dist, rel)));
    for (const [from, to] of rename) meta = meta.replaceAll(JSON.stringify(from), JSON.stringify(to));
    out.push(`meta ${meta}`);
  }
  for (const rel of files.filter((f) => f === 'pagefind/pagefind-entry.json')) {
    const entry = JSON.parse(readFileSync(path.join(dist, rel), 'utf8')) as {
      languages: Record<string, { hash?: string }>;
    };
    for (const lang of Object.values(entry.languages)) delete lang.hash;
    out.push(`entry ${JSON.stringify(entry)}`);
  }
  return out.sort();
}
