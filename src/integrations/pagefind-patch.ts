/**
 * The joined index's words (pagefind-merge.ts JoinedWords) of the last run, patched for the pages
 * that changed since: a re-publish changes a few pages of the city, and joining every page's
 * words again cost most of the search step (tens of seconds at 15,000 compounds). Only the words
 * a changed page holds, before or after, are taken apart and written again; every other word's
 * item is copied as it was. The pages must be the same URLs as last time (same page numbers) and
 * the site's meta fields the same (same field switches): search.ts joins from scratch otherwise.
 * tests/build/search-parts.test.ts proves the result equals a cold run's, byte for byte.
 */
import { cmp } from '../lib/util/compare.ts';
import type { JoinedWords, PageRecord } from './pagefind-merge.ts';
import { CborWriter } from './pagefind-format.ts';

/** One page's entry in a word's pages: its number, its locations' bytes and their chunk weight. */
interface Posting {
  n: number;
  bytes: Uint8Array;
  size: number;
}

/** A word's pages and its variants' (by form), as patchWords rebuilds them. */
interface WordPages {
  pages: Posting[];
  variants: Map<string, Posting[]>;
}

/** A CBOR head at `at`: its major type, its number, and where what follows it starts. */
function head(buf: Uint8Array, at: number): { major: number; n: number; next: number } {
  const first = buf[at];
  if (first === undefined) throw new Error('unexpected joined index: item ends early');
  const info = first & 31;
  if (info < 24) return { major: first >> 5, n: info, next: at + 1 };
  const size = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : 0;
  if (size === 0) throw new Error(`unexpected joined index: CBOR length ${info}`);
  let n = 0;
  for (let i = 1; i <= size; i++) n = n * 256 + buf[at + i]!;
  return { major: first >> 5, n, next: at + 1 + size };
}

/** Where the integer list (locations, or meta locations) at `at` ends, and its length. */
function skipNumbers(buf: Uint8Array, at: number): { end: number; length: number } {
  const list = head(buf, at);
  if (list.major !== 4) throw new Error('unexpected joined index: locations are not a list');
  let end = list.next;
  for (let i = 0; i < list.n; i++) end = head(buf, end).next;
  return { end, length: list.n };
}

/** A pages list ([[page delta, locs, meta locs]…]) at `at`, with absolute page numbers. */
function readPostings(buf: Uint8Array, at: number): { postings: Posting[]; next: number } {
  const list = head(buf, at);
  const postings: Posting[] = [];
  let next = list.next;
  let n = 0;
  for (let j = 0; j < list.n; j++) {
    const triple = head(buf, next);
    const delta = head(buf, triple.next);
    if (triple.major !== 4 || triple.n !== 3 || delta.major !== 0)
      throw new Error('unexpected joined index: a word page is not [delta, locs, meta locs]');
    n += delta.n;
    const locs = skipNumbers(buf, delta.next);
    const ml = skipNumbers(buf, locs.end);
    postings.push({ n, bytes: buf.subarray(delta.next, ml.end), size: locs.length + ml.length + 1 });
    next = ml.end;
  }
  return { postings, next };
}

const readText = (buf: Uint8Array, at: number): { text: string; next: number } => {
  const h = head(buf, at);
  if (h.major !== 3) throw new Error('unexpected joined index: a word is not text');
  return { text: Buffer.from(buf.buffer, buf.byteOffset + h.next, h.n).toString('utf8'), next: h.next + h.n };
};

/** A word's item (JoinedWords) taken apart. */
function readWord(item: Uint8Array): WordPages {
  const top = head(item, 0);
  if (top.major !== 4 || top.n !== 3) throw new Error('unexpected joined index: a word is not [word, pages, variants]');
  const { next: afterWord } = readText(item, top.next);
  const { postings: pages, next } = readPostings(item, afterWord);
  return { pages, variants: readVariants(item, next) };
}

/** The variants list at `at`, which must end the word's `item`. */
function readVariants(item: Uint8Array, at: number): Map<string, Posting[]> {
  const variants = new Map<string, Posting[]>();
  const list = head(item, at);
  at = list.next;
  for (let v = 0; v < list.n; v++) {
    const form = readText(item, head(item, at).next);
    const read = readPostings(item, form.next);
    variants.set(form.text, read.postings);
    at = read.next;
  }
  if (at !== item.length) throw new Error('unexpected joined index: trailing bytes after a word');
  return variants;
}

const byPage = (a: Posting, b: Posting) => a.n - b.n;

function writePostings(w: CborWriter, postings: readonly Posting[]): void {
  w.head(4, postings.length);
  let last = 0;
  for (const p of postings) {
    w.head(4, 3);
    w.head(0, p.n - last);
    last = p.n;
    w.raw(p.bytes);
  }
}

/** The word's item as joinWords writes it, and its chunk weight. */
function writeWord(w: CborWriter, word: string, { pages, variants }: WordPages): number {
  pages.sort(byPage);
  w.head(4, 3);
  w.text(word);
  writePostings(w, pages);
  writeVariantList(w, variants);
  return pages.reduce((sum, p) => sum + p.size, 0);
}

/** A word's variants list: in the order Pagefind meets them, by their first page, then by form. */
function writeVariantList(w: CborWriter, variants: ReadonlyMap<string, Posting[]>): void {
  const forms = [...variants.entries()]
    .map(([form, postings]) => [form, postings.sort(byPage)] as const)
    .sort((a, b) => a[1][0]!.n - b[1][0]!.n || cmp(a[0], b[0]));
  w.head(4, forms.length);
  for (const [form, postings] of forms) {
    w.head(4, 2);
    w.text(form);
    writePostings(w, postings);
  }
}

/** A record's entries' words (split once). */
const wordsOf = (r: PageRecord): string[] => (r.ends.length > 0 ? r.words.split('\0') : []);

/** What the changed pages do to one word: the entries they take out and the ones they bring. */
interface WordChange {
  /** How many of the word's own (not variant) entries are the changed pages' old ones, and their chunk weight. */
  removed: number;
  removedSize: number;
  pages: Posting[];
  variants: Map<string, Posting[]>;
}

/** Where the CBOR item whose head is at `at` ends, for an integer (its head is all of it). */
function skipHead(buf: Uint8Array, at: number): number {
  const info = buf[at]! & 31;
  if (info < 24) return at + 1;
  if (info === 24) return at + 2;
  if (info === 25) return at + 3;
  if (info === 26) return at + 5;
  throw new Error(`unexpected joined index: CBOR length ${info}`);
}

/** Where the integer list at `at` ends (skipNumbers without its length and allocations: long lists are walked whole). */
function skipList(buf: Uint8Array, at: number): number {
  const list = head(buf, at);
  if (list.major !== 4) throw new Error('unexpected joined index: locations are not a list');
  let end = list.next;
  for (let i = 0; i < list.n; i++) end = skipHead(buf, end);
  return end;
}

/**
 * The word's item at `item` with `change` applied, written into `w` by splicing: runs of entries
 * no changed page holds are copied as they are, and only a changed page's entry and the one after
 * it (whose page delta now counts from another page) are written anew. A word common to the whole
 * city holds thousands of entries: taking every one apart cost most of a re-publish's patch.
 * `count` is the word's number of own entries afterwards (at least one). Returns its chunk weight.
 */
function spliceWord(
  w: CborWriter,
  item: Uint8Array,
  size: number,
  changed: ReadonlySet<number>,
  change: WordChange,
  count: number,
): number {
  const top = head(item, 0);
  if (top.major !== 4 || top.n !== 3) throw new Error('unexpected joined index: a word is not [word, pages, variants]');
  const afterWord = readText(item, top.next).next;
  const list = head(item, afterWord);
  w.head(4, 3);
  w.raw(item, top.next, afterWord);
  w.head(4, count);
  const added = change.pages.sort(byPage);
  let a = 0;
  let out = 0; // the last page written
  let old = 0; // the last page of the old list walked
  let at = list.next;
  let run = at; // where the bytes not yet copied start
  let kept = 0;
  const insertBefore = (stop: number) => {
    for (; a < added.length && added[a]!.n < stop; a++) {
      const p = added[a]!;
      w.head(4, 3);
      w.head(0, p.n - out);
      w.raw(p.bytes);
      out = p.n;
    }
  };
  for (let j = 0; j < list.n; j++) {
    const entry = at;
    const delta = head(item, entry + 1);
    if (item[entry] !== 0x83 || delta.major !== 0)
      throw new Error('unexpected joined index: a word page is not [delta, locs, meta locs]');
    const n = old + delta.n;
    at = skipList(item, skipList(item, delta.next));
    const insert = a < added.length && added[a]!.n < n;
    if (insert || changed.has(n) || out !== old) {
      w.raw(item, run, entry);
      insertBefore(n);
      if (changed.has(n)) run = at;
      else if (out !== old) {
        w.head(4, 3);
        w.head(0, n - out);
        run = delta.next;
      } else run = entry;
    }
    if (!changed.has(n)) {
      out = n;
      kept += 1;
    }
    old = n;
  }
  w.raw(item, run, at);
  insertBefore(Infinity);
  // The count was written first, from the changed pages' old records: the list must agree.
  if (kept + added.length !== count)
    throw new Error('unexpected joined index: a word holds other pages than its records');
  writeVariantList(w, mergedVariants(readVariants(item, at), changed, change.variants));
  return size - change.removedSize + added.reduce((sum, p) => sum + p.size, 0);
}

/**
 * `joined` with the pages numbered in `changed` (joinOrder's numbers, the same in both runs) taken
 * from their `before` records to their `after` records (both joinOrder's, in the site's fields).
 */
export function patchWords(
  joined: JoinedWords,
  changed: ReadonlyMap<number, { before: PageRecord; after: PageRecord }>,
): JoinedWords {
  const at = (k: number) => joined.items.subarray(k === 0 ? 0 : joined.ends[k - 1], joined.ends[k]);
  const numbers = new Set(changed.keys());
  const touched = new Map<string, WordChange>();
  const changeOf = (word: string): WordChange => {
    let got = touched.get(word);
    if (!got) touched.set(word, (got = { removed: 0, removedSize: 0, pages: [], variants: new Map() }));
    return got;
  };
  for (const { before } of changed.values())
    wordsOf(before).forEach((word, i) => {
      const change = changeOf(word);
      if ((before.forms?.[i] ?? null) === null) {
        change.removed += 1;
        change.removedSize += before.sizes[i]!;
      }
    });
  for (const [n, { after }] of changed)
    wordsOf(after).forEach((word, i) => {
      const into = changeOf(word);
      const posting = {
        n,
        bytes: after.postings.subarray(i === 0 ? 0 : after.ends[i - 1], after.ends[i]),
        size: after.sizes[i]!,
      };
      const form = after.forms?.[i] ?? null;
      if (form === null) into.pages.push(posting);
      else {
        const v = into.variants.get(form);
        if (v) v.push(posting);
        else into.variants.set(form, [posting]);
      }
    });

  // The old words and the touched ones, merged in code-point order; untouched items copied in runs.
  const patched = [...touched.keys()].sort(cmp);
  const words: string[] = [];
  const ends: number[] = [];
  const sizes: number[] = [];
  const w = new CborWriter();
  let k = 0;
  const copyUntil = (stop: number) => {
    const from = k;
    for (; k < stop; k++) {
      words.push(joined.words[k]!);
      sizes.push(joined.sizes[k]!);
      ends.push(w.length + joined.ends[k]! - (from === 0 ? 0 : joined.ends[from - 1]!));
    }
    if (stop > from) w.raw(joined.items, from === 0 ? 0 : joined.ends[from - 1], joined.ends[stop - 1]);
  };
  for (const word of patched) {
    const k0 = lowerBound(joined.words, word);
    // Old words before this one (all of them untouched: touched words are visited in order).
    copyUntil(k0);
    const change = touched.get(word)!;
    if (joined.words[k0] === word) {
      k++;
      const item = at(k0);
      const count = head(item, readText(item, head(item, 0).next).next).n - change.removed + change.pages.length;
      if (count > 0) {
        words.push(word);
        sizes.push(spliceWord(w, item, joined.sizes[k0]!, numbers, change, count));
        ends.push(w.length);
        continue;
      }
      // No own entry left: the variants alone decide whether the word stays.
      change.variants = mergedVariants(readWord(item).variants, numbers, change.variants);
    }
    if (change.pages.length === 0 && change.variants.size === 0) continue;
    words.push(word);
    sizes.push(writeWord(w, word, { pages: change.pages, variants: change.variants }));
    ends.push(w.length);
  }
  copyUntil(joined.words.length);
  return { words, items: w.bytes(), ends: Uint32Array.from(ends), sizes: Uint32Array.from(sizes) };
}

/** The old variants less the changed pages' entries, with the added ones. */
function mergedVariants(
  old: ReadonlyMap<string, Posting[]>,
  changed: ReadonlySet<number>,
  added: ReadonlyMap<string, Posting[]>,
): Map<string, Posting[]> {
  const variants = new Map<string, Posting[]>();
  for (const [form, postings] of old) {
    const kept = postings.filter((p) => !changed.has(p.n));
    if (kept.length > 0) variants.set(form, kept);
  }
  for (const [form, postings] of added) variants.set(form, [...(variants.get(form) ?? []), ...postings]);
  return variants;
}

/** Where `word` would go in the sorted `words`. */
function lowerBound(words: readonly string[], word: string): number {
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cmp(words[mid]!, word) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
