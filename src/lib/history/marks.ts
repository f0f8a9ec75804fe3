/**
 * Record-aligned marks of a table's version: offsets of record starts and the
 * digest of everything before each. The cache keeps them for the last version
 * of each table, under that version's blob id, so that the next build can tell
 * how much of the new version the parent shares without holding the parent: a
 * city's ledger is 150 MB, and faulting that much fresh memory in and comparing
 * it cost ≈ 2.4 s of CPU per build. Keyed by the blob id (which is a digest of
 * the whole version), marks can never describe another text, whatever happened
 * to the history.
 *
 * diff.ts only walks forward from a record start, so the header followed by the
 * two tails after a shared mark diffs exactly as the whole versions do.
 */
import { createHash } from 'node:crypto';
import { evenQuotes, recordEnd } from './diff.ts';

export interface Marks {
  /** The version's size in bytes. */
  size: number;
  /** Record starts, increasing, each after a newline and past the header. */
  at: number[];
  /** sha1 of the bytes before each mark, hex. */
  digest: string[];
}

const NL = 0x0a;

/** About 256 marks a version, at most 1 MB apart: the tail kept after a ledger's one-line edit stays small. */
function spacing(size: number): number {
  return Math.min(1 << 20, Math.max(64, 2 ** Math.ceil(Math.log2(Math.max(1, size / 256)))));
}

export function marksOf(text: Buffer): Marks {
  const out: Marks = { size: text.length, at: [], digest: [] };
  const every = spacing(text.length);
  const hash = createHash('sha1');
  let last = 0;
  let even = true;
  for (let target = Math.max(every, recordEnd(text, 0) + 1); target < text.length;) {
    const nl = text.indexOf(NL, target);
    if (nl === -1 || nl + 1 >= text.length) break;
    const p = nl + 1;
    if (!evenQuotes(text, last, p)) even = !even;
    hash.update(text.subarray(last, p));
    last = p;
    // Inside a quoted cell that spans lines this newline is no record start.
    if (even) {
      out.at.push(p);
      out.digest.push(hash.copy().digest('hex'));
    }
    target = p + every;
  }
  return out;
}

/**
 * The last mark of the parent's `marks` whose prefix `now` has byte for byte, or 0: the parent
 * and `now` are the same before it. Prefixes nest, so the first mismatch ends the search.
 */
export function sharedPrefix(marks: Marks, now: Buffer): number {
  const hash = createHash('sha1');
  let last = 0;
  let shared = 0;
  for (const [i, p] of marks.at.entries()) {
    if (p > now.length) break;
    hash.update(now.subarray(last, p));
    last = p;
    if (hash.copy().digest('hex') !== marks.digest[i]) break;
    shared = p;
  }
  return shared;
}

/** Marks read back from the cache: undefined unless well formed for a version of `size` bytes. */
export function parseMarks(text: string): Marks | undefined {
  try {
    const m = JSON.parse(text) as Marks;
    const ok =
      Number.isSafeInteger(m.size) &&
      Array.isArray(m.at) &&
      Array.isArray(m.digest) &&
      m.at.length === m.digest.length &&
      m.at.every((p, i) => Number.isSafeInteger(p) && p > (m.at[i - 1] ?? 0) && p < m.size) &&
      m.digest.every((d) => typeof d === 'string' && /^[0-9a-f]{40}$/.test(d));
    return ok ? m : undefined;
  } catch {
    return undefined;
  }
}
