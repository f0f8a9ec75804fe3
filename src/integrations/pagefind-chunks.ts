/**
 * How a bundle's words are cut into index chunks, the files a query loads one per word.
 *
 * Pagefind cuts the words (in code-point order) into runs whose locations reach its chunk size,
 * and a query loads, for each of its words, the one chunk whose bounds hold it (pagefind_web
 * `request_indexes`: the first chunk with from ≤ word ≤ to; failing that for every word, the
 * bounds and words cut to the shorter's length). A word on nearly every page (演示, 物业) then
 * takes its run's neighbours along, and a word beside it takes it: at 15,000 compounds 漏水, a
 * word no page holds, sorted between 满意 and 演示 and loaded their 126 KB chunk; 物业费 loaded
 * 8.6 KB of 潘, 点, 片 beside 物 and 物业, and 15 KB of 资金 and others beside 费 (bench/README.md, h13q).
 *
 * So Pagefind's runs are cut again (fittedCuts): the words sharing a first character whose
 * locations are heavy get a chunk of their own. Such a cut falls between two words whose first
 * characters differ, so no query word is a prefix of words on both sides of it: every query word
 * finds in the chunk it loads the same words (itself and the words it starts, which Pagefind also
 * matches) as before, so the results and their order do not change; only the neighbours it no
 * longer needs are not sent (the chunks' bounds and one exception: chunkFiles, fittedCuts). Every bundle the site serves is cut this way, whether
 * Pagefind wrote it (pagefind-canonical.ts) or the join did (pagefind-merge.ts writeJoined).
 */
import { createHash } from 'node:crypto';
import { cmp } from '../lib/util/compare.ts';
import { pagefindWriter } from './pagefind-format.ts';

/**
 * The index's words in code-point order, each as the CBOR item a chunk holds (the word, its pages,
 * its variants), all items one after another: a chunk is a run of them.
 */
export interface IndexWords {
  words: string[];
  items: Buffer;
  /** Item i ends at ends[i]. */
  ends: Uint32Array;
  /** Item i's weight in Pagefind's chunk size (its pages' locations and meta locations, one more each; not its variants'). */
  sizes: Uint32Array;
}

/** Pagefind's chunk size (its locations), as the search step sets it. */
const chunkSize = () => Number(process.env.PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE) || 20_000;

/** Pagefind's cuts: words in order until their weights reach the chunk size; chunk c holds words cuts[c] up to cuts[c + 1]. */
export function pagefindCuts(sizes: Uint32Array, size = chunkSize()): number[] {
  const cuts = [0];
  let sum = 0;
  for (let k = 0; k < sizes.length; k++) {
    sum += sizes[k]!;
    if (sum >= size) {
      cuts.push(k + 1);
      sum = 0;
    }
  }
  if (cuts[cuts.length - 1] !== sizes.length || cuts.length === 1) cuts.push(sizes.length);
  return cuts;
}

const firstChar = (word: string) => String.fromCodePoint(word.codePointAt(0) ?? 0);

/**
 * `cuts` (Pagefind's) cut again: within each chunk, the words of one first character whose weights
 * reach a quarter of the chunk size are a chunk of their own (see the module's comment for why
 * results stay). A quarter, measured at 15,000 compounds: 费 (8,644 locations) then leaves its
 * neighbours' 15 KB behind for 2.8 KB more chunk bounds in the meta every query loads; half the
 * chunk size left 费 with them.
 *
 * A query none of whose words is found within bounds is looked up again with the bounds and words
 * cut to the shorter's length in bytes, and a chunk whose bound such a cut splits inside a
 * character is skipped (request_indexes): a word past a bound Pagefind shortened (范围 after a
 * chunk ending at 范) is found that way or not at all, depending on the chunk bounds before it. So a
 * chunk is kept whole where its new cuts would change which words such a word finds.
 */
export function fittedCuts(
  words: readonly string[],
  sizes: Uint32Array,
  cuts: readonly number[],
  size = chunkSize(),
): number[] {
  const heavy = size / 4;
  const added = new Set<number>();
  for (let c = 0; c + 1 < cuts.length; c++) {
    const [from, to] = [cuts[c]!, cuts[c + 1]!];
    for (let k = from; k < to;) {
      const first = firstChar(words[k]!);
      let end = k;
      let weight = 0;
      while (end < to && firstChar(words[end]!) === first) weight += sizes[end++]!;
      if (weight >= heavy) {
        if (k > from) added.add(k);
        if (end < to) added.add(end);
      }
      k = end;
    }
  }
  const own = new Set(cuts);
  const before = lookUps(chunkBounds(words, cuts, own));
  // The words no chunk holds within its bounds (past a bound Pagefind shortened), with what they find.
  const found = (look: LookUp, all: readonly number[], word: string) => {
    const c = look(word, true);
    return c < 0
      ? ''
      : words
          .slice(all[c], all[c + 1])
          .filter((w) => w.startsWith(word))
          .join('\0');
  };
  const unbound = words.flatMap((w) => (before(w, false) < 0 ? [[w, found(before, cuts, w)]] : []));
  for (;;) {
    const after = [...cuts, ...added].sort((a, b) => a - b);
    const look = lookUps(chunkBounds(words, after, own));
    const changed = unbound.find(([w, was]) => found(look, after, w!) !== was)?.[0];
    if (changed === undefined) return after;
    // The chunks of the word and of what it finds now are kept whole, and everything checked again.
    const size = added.size;
    for (const k of [words.indexOf(changed), after[look(changed, true)] ?? -1, cuts[before(changed, true)] ?? -1]) {
      const c = cuts.findLastIndex((cut) => cut <= k);
      for (const cut of added) if (k >= 0 && cut > cuts[c]! && cut < cuts[c + 1]!) added.delete(cut);
    }
    if (added.size === size) added.clear();
  }
}

/** Each chunk's [from, to], for the words cut at `cuts`, of which Pagefind's `own` (see chunkFiles). */
type Bounds = [string, string][];

function chunkBounds(words: readonly string[], cuts: readonly number[], own: ReadonlySet<number>): Bounds {
  const bounds = cuts.slice(1).map((to, c): [string, string] => {
    const from = cuts[c]!;
    return [words[from] ?? '', to > from ? words[to - 1]! : ''];
  });
  for (let i = 0; i + 1 < bounds.length; i++) {
    const [a, b] = [bounds[i]!, bounds[i + 1]!];
    if (!own.has(cuts[i + 1]!)) {
      b[0] = firstChar(b[0]);
      continue;
    }
    // Pagefind's: neighbouring chunks' bounds cut to the shortest prefixes that still tell them apart.
    const to = Array.from(a[1]);
    const from = Array.from(b[0]);
    let common = 0;
    while (common < to.length && common < from.length && to[common] === from[common]) common++;
    const toPrefix = to.slice(0, common + 1).join('');
    if (cmp(toPrefix, a[0]) >= 0) a[1] = toPrefix;
    b[0] = from.slice(0, common + 1).join('');
  }
  return bounds;
}

/** Whether byte `n` of `b` starts a character (or is its end): Rust's str::get(0..n) is None otherwise. */
const atChar = (b: Buffer, n: number) => n >= b.length || (b[n]! & 0xc0) !== 0x80;

/**
 * The chunk pagefind_web's request_indexes loads for a term, within `bounds`: the first whose
 * bounds hold it, or with `all` (no word of the query found so) the first whose bounds hold it
 * once both are cut to the shorter's length in bytes; -1 for none. Rust compares strings by their
 * UTF-8 bytes.
 */
type LookUp = (term: string, all: boolean) => number;

function lookUps(bounds: Bounds): LookUp {
  const bytes = bounds.map(([from, to]) => [Buffer.from(from), Buffer.from(to)] as const);
  return (term, all) => {
    const t = Buffer.from(term);
    return bytes.findIndex(([f, e]) => {
      if (!all) return Buffer.compare(t, f) >= 0 && Buffer.compare(t, e) <= 0;
      const [fl, el] = [Math.min(t.length, f.length), Math.min(t.length, e.length)];
      if (!atChar(t, fl) || !atChar(f, fl) || !atChar(t, el) || !atChar(e, el)) return false;
      return (
        Buffer.compare(t.subarray(0, fl), f.subarray(0, fl)) >= 0 &&
        Buffer.compare(t.subarray(0, el), e.subarray(0, el)) <= 0
      );
    });
  };
}

/** Pagefind's full_hash: SHA-1, each byte in hex WITHOUT zero padding (its `{:x?}` format). */
export function fullHash(bytes: Buffer): string {
  return [...createHash('sha1').update(bytes).digest()].map((b) => b.toString(16)).join('');
}

/** The short name Pagefind gives a chunk, lengthened as Pagefind does on a collision. */
function shortName(hash: string, language: string, taken: ReadonlySet<string>): string {
  let short = hash.slice(0, language.length + 8);
  while (taken.has(short)) {
    short = hash.slice(0, short.length + 2);
    if (short.length === hash.length) break;
  }
  return short;
}

/** One index chunk: Pagefind's hash name (without folder or extension) and its bytes, not yet gzipped. */
type ChunkFile = [name: string, bytes: Buffer];

/** One chunk of the meta's chunk list: [from, to, name]. */
export type ChunkMeta = [string, string, string];

/**
 * Each chunk of `index` cut at `cuts`, yielded one at a time (so that a writer can compress some
 * while the next are made, without holding every chunk's bytes); returns the meta's chunk list.
 * At Pagefind's own cuts (`ownCuts`) the bounds are cut short as Pagefind
 * cuts them, so every word finds the chunk it found before. At a cut fittedCuts added, the chunk
 * before it ends at its whole last word and the one after starts at its first word's first
 * character: Pagefind's shortening would end the first at that word's first character, and a
 * longer query word starting with it (电梯 after a cut behind 电's words) would then find no chunk
 * when another word of the query does, so its words would not be loaded.
 */
export function* chunkFiles(
  index: IndexWords,
  cuts: readonly number[],
  ownCuts: readonly number[],
  language: string,
): Generator<ChunkFile, ChunkMeta[], void> {
  const { words, items, ends } = index;
  const taken = new Set<string>();
  const names: string[] = [];
  for (let c = 0; c + 1 < cuts.length; c++) {
    const [from, to] = [cuts[c]!, cuts[c + 1]!];
    const w = pagefindWriter();
    w.head(4, 1);
    w.head(4, to - from);
    w.raw(items, from === 0 ? 0 : ends[from - 1], to === 0 ? 0 : ends[to - 1]);
    const bytes = w.bytes();
    const name = shortName(`${language}_${fullHash(bytes.subarray('pagefind_dcd'.length))}`, language, taken);
    taken.add(name);
    names.push(name);
    yield [name, bytes];
  }
  const bounds = chunkBounds(words, cuts, new Set(ownCuts));
  return names.map((name, c): ChunkMeta => [...bounds[c]!, name]);
}
