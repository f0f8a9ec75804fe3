/**
 * One Pagefind bundle from the pages of several (docs/sharding.md; the search step's parts and
 * cache, search.ts): a bundle is taken apart into page records (`bundleRecords`) — everything a
 * page contributes, none of it depending on the other pages of the run — and a bundle is written
 * from any set of records (`joinOrder`, `joinWords`, `writeJoined`). The search step keeps the records in its cache, so a
 * re-publish takes Pagefind's word lists apart only for the pages it re-indexed; a sharded build's
 * merge takes the shards' bundles apart (`mergeSearchBundles`), so the expensive part of indexing
 * — reading every page, cutting its words, writing its fragment — runs in the shard jobs side by
 * side. Pagefind's browser `mergeIndex` would serve the shards' bundles as they are, but then
 * every first query loads n entry and meta files; this writes the ONE bundle a whole build writes.
 *
 * It rebuilds what Pagefind 1.5's build_indexes (pagefind/src/index/mod.rs) would have built from
 * all the pages at once: pages numbered in the order a whole build sends them (search.ts sends
 * files in code-point order), each word's pages in page order, words in code-point order cut into
 * chunks of Pagefind's size and cut again as every served bundle is (pagefind-chunks.ts), chunk
 * names from Pagefind's hash. Fragments are page-local: their
 * bytes are kept, their names given again in the whole build's page order (fragmentNames). Sort
 * orders need the pages' sort values, which a bundle does not hold: the caller hands them over
 * (IndexSummary.sortValues), and each bundle's own order is re-derived from them as a check. The result goes through canonicalizePagefindBundle like any bundle.
 * tests/build/shards.test.ts and search-parts.test.ts prove it byte for byte against a whole build.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { cmp } from '../lib/util/compare.ts';
import { linkOrCopy, writeIfChanged } from '../lib/util/files.ts';
import { canonicalizePagefindBundle } from './pagefind-canonical.ts';
import { type ChunkMeta, chunkFiles, fittedCuts, fullHash, type IndexWords, pagefindCuts } from './pagefind-chunks.ts';
import {
  asList,
  asText,
  type Cbor,
  CborWriter,
  CborReader,
  gzipIndexChunkAsync,
  gzipPagefind,
  InOrder,
  inFile,
  pagefindBytes,
  fragmentJson,
  pagefindBody,
  pagefindFile,
} from './pagefind-format.ts';
import { type BundleFiles, filesOnDisk } from './pagefind-files.ts';

/**
 * The files of a bundle (paths under `pagefind/`) that describe its own set of pages, which the
 * join writes anew for the whole site (with the fragments, one per page, whose bytes it keeps but
 * which it names again: fragmentNames). The rest, Pagefind's scripts, the same in every bundle,
 * are copied as they are.
 */
export const JOINED_FILES = /^(pagefind-entry\.json|pagefind\.[^/]+\.pf_meta|index\/.*|filter\/.*)$/;

interface Entry {
  version: string;
  languages: Record<string, { hash: string; wasm: string | null; page_count: number }>;
  include_characters: string[];
}

/** What every bundle of one Pagefind version and setting shares: the entry file and the meta's version. */
export interface BundleShape {
  entry: Entry;
  language: string;
  version: Cbor;
}

/**
 * One indexed page as a bundle holds it: nothing in it depends on the other pages of the run.
 * Its words are kept as the bytes the joined index writes, so that a join copies them rather
 * than building millions of small lists (and a cache loads a few buffers, not those lists).
 */
export interface PageRecord {
  url: string;
  /** Its fragment's hash (the file's name) and its word count, as the meta's page list has them. */
  hash: string;
  wordCount: number;
  /** The meta fields it has (its fragment's, in code-point order), which make the bundle's field list. */
  fields: string[];
  /** [filter, value]. */
  filters: [string, string][];
  /** Its entries' words, in the index's order, joined by NUL: one entry per word (or variant) of the page. */
  words: string;
  /** Each entry's variant form (null: the word itself); null when the page has no variants. */
  forms: (string | null)[] | null;
  /**
   * Each entry's locations and meta locations, two CBOR lists, entry i ending at `ends[i]`; a
   * meta field switch is -(i + 1) for the i-th of `fields`.
   */
  postings: Buffer;
  ends: Uint32Array;
  /** Each entry's weight in Pagefind's chunk size: its locations and meta locations, plus one. */
  sizes: Uint32Array;
}

type SortValues = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** A word's (or variant's) pages: page number and entry index in that page's record, pairs flat. */
type Postings = number[];
interface Word {
  pages: Postings;
  /** The chunk weight of `pages`. */
  size: number;
  variants: Map<string, Postings> | undefined;
}

const asNumber = (v: Cbor | undefined, what: string): number => {
  if (typeof v !== 'number') throw new Error(`unexpected Pagefind layout: ${what} is not a number`);
  return v;
};

/** Pagefind's full hash of a fragment file: of its JSON, after the signature (index/mod.rs). */
function fragmentFullHash(language: string, file: Buffer): string {
  return `${language}_${fullHash(gunzipSync(file).subarray('pagefind_dcd'.length))}`;
}

/**
 * The fragments' file names, pages in page order, as ONE Pagefind run names them: each page takes
 * the 7-hex-digit prefix of its full hash, lengthened one digit at a time while an earlier page
 * holds it. Each run of the search step (and each shard) named its own pages, so two pages of
 * different runs can hold the same name (at 15,000 compounds about one pair does): the join
 * names them again. `fullHashOf` is asked only on a collision (it unpacks the fragment).
 */
export function fragmentNames<P extends PageHead>(
  pages: readonly P[],
  language: string,
  fullHashOf: (page: P) => string,
): string[] {
  const taken = new Map<string, P>();
  return pages.map((page) => {
    // A run's own collision may have lengthened the page's name; the prefix is its hash's all the same.
    let name = page.hash.slice(0, language.length + 8);
    let full: string | undefined;
    for (let other = taken.get(name); other; other = taken.get(name)) {
      full ??= fullHashOf(page);
      if (full === fullHashOf(other))
        throw new Error(`合并搜索索引:页面 ${other.url} 和 ${page.url} 的索引内容完全相同,无法区分。`);
      if (name.length >= full.length)
        throw new Error(`unexpected Pagefind layout: ${page.url} has no free fragment name`);
      name = full.slice(0, name.length + 1);
    }
    taken.set(name, page);
    return name;
  });
}

/** The file a page URL came from (search.ts pageUrl, reversed), for the whole build's page order. */
const fileOf = (url: string) => (url.endsWith('/') ? `${url.slice(1)}index.html` : url.slice(1));

/** Pagefind's numeric sort: every value parses as an integer or a float (lexical_core). */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Pages (by number, in page order) with a value for `name`, ordered the way Pagefind orders a sort. */
function sortOrder(pages: readonly { n: number; value: string | undefined }[]): number[] {
  const valued = pages.filter((p): p is { n: number; value: string } => p.value !== undefined);
  const numeric = valued.every((p) => NUMBER.test(p.value));
  // Pagefind compares numbers as 32-bit floats; Array.prototype.sort is stable like Rust's sort_by.
  const key = (v: string) => Math.fround(Number(v));
  return valued.sort((a, b) => (numeric ? key(a.value) - key(b.value) : cmp(a.value, b.value))).map((p) => p.n);
}

const sameShape = (a: BundleShape, b: BundleShape) =>
  JSON.stringify([a.entry.version, a.language, a.entry.include_characters, a.version]) ===
  JSON.stringify([b.entry.version, b.language, b.entry.include_characters, b.version]);

/** The bundle's file at `path`, decoded. */
const bundleFile = (files: BundleFiles, path: string) => pagefindFile(files.read(path), join(files.dir, path));

/**
 * A bundle's entry and meta file, read and checked to be a layout the join writes back: the
 * bundle in `<site>/pagefind/`, or `site`'s files (pagefind-files.ts).
 */
function readBundle(site: string | BundleFiles) {
  const files = typeof site === 'string' ? filesOnDisk(join(site, 'pagefind')) : site;
  const { dir } = files;
  const where = typeof site === 'string' ? site : dir;
  if (!files.has('pagefind-entry.json'))
    throw new Error(
      `合并搜索索引:${where} 没有搜索索引(${join(dir, 'pagefind-entry.json')});分片应当用 npm run build -- --shard i/n 构建,不加 --no-search。`,
    );
  const entry = JSON.parse(files.read('pagefind-entry.json').toString('utf8')) as Entry;
  const languages = Object.keys(entry.languages);
  const language = languages[0];
  if (languages.length !== 1 || language === undefined)
    throw new Error(`合并搜索索引:${where} 的索引有 ${languages.length} 种语言,只支持一种 (zh-cn)。`);
  const metaHash = entry.languages[language]!.hash;
  const meta = asList(bundleFile(files, `pagefind.${metaHash}.pf_meta`), 'meta');
  if (meta.length !== 6) throw new Error(`unexpected Pagefind meta layout (${meta.length} parts) in ${dir}`);
  const shape: BundleShape = { entry, language, version: meta[0]! };
  const fieldList = asList(meta[5], 'meta fields').map((f) => asText(f, 'meta field'));
  return { files, dir, shape, metaHash, meta, fieldList };
}

/** Whether the bundle's field list is what its pages' fields make, or a part's fields could not be told apart. */
const fieldsFit = (records: readonly { fields: readonly string[] }[], fieldList: readonly string[]) =>
  JSON.stringify([...new Set(records.flatMap((r) => r.fields))].sort(cmp)) === JSON.stringify([...fieldList].sort(cmp));

/**
 * The bundle's own sort orders, re-derived from the values handed over, must be Pagefind's;
 * and it must sort by exactly the names the values have, which the join sorts by.
 */
function checkSorts(dir: string, urls: readonly string[], metaSorts: Cbor | undefined, sortValues: SortValues): void {
  const sorts = asList(metaSorts, 'sorts').map((so) => asList(so, 'sort'));
  const names = new Set(urls.flatMap((u) => Object.keys(sortValues[u] ?? {})));
  if (JSON.stringify([...names].sort(cmp)) !== JSON.stringify(sorts.map((s) => asText(s[0], 'sort name')).sort(cmp)))
    throw new Error(`合并搜索索引:${dir} 的排序与交来的排序值不一致,无法合并。`);
  for (const [name, pages] of sorts) {
    const mine = sortOrder(urls.map((u, n) => ({ n, value: sortValues[u]?.[asText(name, 'sort name')] })));
    if (JSON.stringify(mine) !== JSON.stringify(pages))
      throw new Error(`合并搜索索引:${dir} 的排序「${String(name)}」与交来的排序值不一致,无法合并。`);
  }
}

/**
 * Takes `<site>/pagefind/` (or the bundle `site`'s files) apart into its pages' records, in the
 * bundle's page order. Each page's fragment is read for its URL and fields; `fragment(hash)` (e.g.
 * a cache keeping the bytes) is handed each one's bytes. Throws on a layout it would not write
 * back, and when the bundle's sort orders are not the ones `sortValues` give.
 */
export function bundleRecords(
  site: string | BundleFiles,
  sortValues: SortValues,
  fragment?: (hash: string, bytes: Buffer) => void,
): { shape: BundleShape; records: PageRecord[] } {
  const { files, dir, shape, meta, fieldList } = readBundle(site);
  const records = asList(meta[1], 'pages').map((p) => {
    const [hash, wordCount] = asList(p, 'page');
    const h = asText(hash, 'page hash');
    const path = `fragment/${h}.pf_fragment`;
    const bytes = files.read(path);
    const { url, meta: fields } = fragmentJson(bytes, join(dir, path));
    fragment?.(h, bytes);
    return {
      url,
      hash: h,
      wordCount: asNumber(wordCount, 'word count'),
      fields: Object.keys(fields ?? {}).sort(cmp),
      filters: [] as [string, string][],
      ...taking(),
    };
  });
  if (!fieldsFit(records, fieldList))
    throw new Error(`unexpected Pagefind layout: meta fields ${fieldList.join(',')} are not its pages' in ${dir}`);

  // A page's locations are copied from the chunk as they are; only a meta field switch, numbered
  // in the run's field list, is renumbered into the page's own fields (into `renumbered`).
  const bodies: Buffer[] = [];
  const renumbered = new CborWriter();
  const postings = (r: CborReader, body: number, word: string, form: string | null) => {
    const count = r.expect(4, 'word pages');
    let page = 0;
    for (let j = 0; j < count; j++) {
      if (r.expect(4, 'word page') !== 3) throw new Error('unexpected Pagefind layout: a word page is not a triple');
      page += r.expect(0, 'page delta');
      const record = records[page];
      if (!record) throw new Error(`unexpected Pagefind layout: page ${page} of ${records.length} in ${dir}`);
      const start = r.at;
      const entry = skipEntry(r);
      if (!entry.switches) span(record, body, start, r.at);
      else {
        span(record, body, start, entry.metaStart);
        const from = renumbered.length;
        writeRenumbered(r.buf, entry.metaStart, renumbered, (field) => {
          const own = record.fields.indexOf(asText(fieldList[field], 'meta field'));
          if (own < 0)
            throw new Error(`unexpected Pagefind layout: ${record.url} has words in a meta field it does not have`);
          return own;
        });
        span(record, -1, from, renumbered.length);
      }
      record.words.push(word);
      record.forms.push(form);
      record.ends.push(record.length);
      record.sizes.push(entry.locs + entry.metaLocs + 1);
    }
  };
  for (const chunk of asList(meta[2], 'index chunks')) {
    const hash = asText(asList(chunk, 'index chunk')[2], 'chunk hash');
    const path = join(dir, 'index', `${hash}.pf_index`);
    const body = pagefindBody(files.read(`index/${hash}.pf_index`), path);
    const b = bodies.push(body) - 1;
    inFile(path, () => {
      const r = new CborReader(body);
      if (r.expect(4, 'word index') !== 1) throw new Error('unexpected Pagefind layout: word index is not [words]');
      const words = r.expect(4, 'words');
      for (let k = 0; k < words; k++) {
        if (r.expect(4, 'word') !== 3) throw new Error('unexpected Pagefind layout: a word is not a triple');
        const word = r.text('word');
        postings(r, b, word, null);
        const variants = r.expect(4, 'variants');
        for (let v = 0; v < variants; v++) {
          if (r.expect(4, 'variant') !== 2) throw new Error('unexpected Pagefind layout: a variant is not a pair');
          postings(r, b, word, r.text('variant form'));
        }
      }
      if (r.at !== body.length) throw new Error('trailing bytes after CBOR item');
    });
  }
  for (const f of asList(meta[3], 'filters')) {
    const hash = asText(asList(f, 'filter')[1], 'filter hash');
    const [name, values] = asList(bundleFile(files, `filter/${hash}.pf_filter`), 'filter file');
    for (const v of asList(values, 'filter values')) {
      const [value, pages] = asList(v, 'filter value');
      for (const p of asList(pages, 'filter pages')) {
        const record = records[asNumber(p, 'filter page')];
        if (!record) throw new Error(`unexpected Pagefind layout: filter page ${String(p)} in ${dir}`);
        record.filters.push([asText(name, 'filter name'), asText(value, 'filter value')]);
      }
    }
  }
  checkSorts(
    dir,
    records.map((r) => r.url),
    meta[4],
    sortValues,
  );
  const switched = renumbered.bytes();
  return { shape, records: records.map((r) => packed(r, bodies, switched)) };
}

/**
 * The page records a shard's search step kept of `<site>/pagefind/` (its join's, handed over by
 * the shard: scripts/build/shards.ts), so that the merge need not take the bundle apart. They are
 * taken only if they are that bundle's: made for the meta file it names (whose name is a hash
 * over its page list, sorts and index chunks' names, and so over its words), with its pages,
 * names and word counts in its order, its fields and its sort orders; otherwise the merge stops
 * with a message naming the shard.
 */
function givenRecords(
  site: string,
  given: { meta: string; records: PageRecord[] },
  sortValues: SortValues,
): { shape: BundleShape; records: PageRecord[] } {
  const { dir, shape, metaHash, meta, fieldList } = readBundle(site);
  const refuse = (why: string) =>
    new Error(`合并搜索索引:${dir} 交来的页面记录与它的索引文件不符(${why});请重新构建这个分片。`);
  if (given.meta !== metaHash) throw refuse(`记录写于索引 ${given.meta},目录里是 ${metaHash}`);
  const pages = asList(meta[1], 'pages');
  if (pages.length !== given.records.length) throw refuse(`记录 ${given.records.length} 页,索引 ${pages.length} 页`);
  pages.forEach((p, n) => {
    const [hash, wordCount] = asList(p, 'page');
    const r = given.records[n]!;
    if (r.hash !== hash || r.wordCount !== wordCount) throw refuse(`第 ${n + 1} 页 ${r.url}`);
  });
  if (!fieldsFit(given.records, fieldList)) throw refuse('字段');
  checkSorts(
    dir,
    given.records.map((r) => r.url),
    meta[4],
    sortValues,
  );
  return { shape, records: given.records };
}

/** A page's entries as bundleRecords reads them: each one's bytes where they lie ([body, start, end]…; body -1 for renumbered). */
const taking = () => ({
  words: [] as string[],
  forms: [] as (string | null)[],
  spans: [] as number[],
  length: 0,
  ends: [] as number[],
  sizes: [] as number[],
});

const span = (record: ReturnType<typeof taking>, body: number, start: number, end: number) => {
  record.spans.push(body, start, end);
  record.length += end - start;
};

/** A page's entries as PageRecord keeps them, their bytes copied out of `bodies` (the run's chunks) and `renumbered`. */
function packed(
  { words, forms, spans, length, ends, sizes, ...head }: PageHead & ReturnType<typeof taking>,
  bodies: readonly Buffer[],
  renumbered: Buffer,
): PageRecord {
  const postings = Buffer.allocUnsafe(length);
  let at = 0;
  for (let i = 0; i < spans.length; i += 3)
    at += (spans[i]! < 0 ? renumbered : bodies[spans[i]!]!).copy(postings, at, spans[i + 1], spans[i + 2]);
  if (at !== length)
    throw new Error(`unexpected Pagefind layout: ${head.url}'s entries are ${at} bytes, not ${length}`);
  return {
    ...head,
    words: words.join('\0'),
    forms: forms.some((f) => f !== null) ? forms : null,
    postings,
    ends: Uint32Array.from(ends),
    sizes: Uint32Array.from(sizes),
  };
}

/**
 * Reads past one entry's two lists at `r` (locations, meta locations): where its meta locations
 * start, both lengths, and whether they hold a meta field switch (a negative number: -(i + 1) for
 * the i-th field), which a change of field list must renumber.
 */
function skipEntry(r: CborReader): { metaStart: number; locs: number; metaLocs: number; switches: boolean } {
  const locs = r.skipIntegers('locs');
  const metaStart = r.at;
  const metaLocs = r.expect(4, 'meta locs');
  let switches = false;
  for (let i = 0; i < metaLocs; i++) {
    r.head();
    if (r.major === 1) switches = true;
    else if (r.major !== 0) throw new Error('unexpected Pagefind layout: a meta loc is not a number');
  }
  return { metaStart, locs, metaLocs, switches };
}

/** The meta locations at `at` in `buf` written into `w`, each switch to field i made a switch to field `to(i)`. */
function writeRenumbered(buf: Buffer, at: number, w: CborWriter, to: (field: number) => number): void {
  const m = new CborReader(buf, at);
  const length = m.expect(4, 'meta locs');
  w.head(4, length);
  for (let i = 0; i < length; i++) {
    const n = m.head();
    w.head(m.major, m.major === 0 ? n : to(n));
  }
}

/** `r` with its meta field switches renumbered into `fields` (the site's), when its own differ. */
export function inFields(r: PageRecord, fields: readonly string[]): PageRecord {
  if (r.fields.length === fields.length && r.fields.every((f, i) => f === fields[i])) return r;
  const w = new CborWriter();
  const ends = new Uint32Array(r.ends.length);
  const reader = new CborReader(r.postings);
  for (let i = 0; i < ends.length; i++) {
    const start = reader.at;
    const entry = skipEntry(reader);
    if (entry.switches) {
      w.raw(r.postings, start, entry.metaStart);
      writeRenumbered(r.postings, entry.metaStart, w, (field) => {
        const site = fields.indexOf(r.fields[field]!);
        if (site < 0) throw new Error(`${r.url}: meta field ${r.fields[field]} is not among the site's`);
        return site;
      });
    } else w.raw(r.postings, start, reader.at);
    ends[i] = w.length;
  }
  return { ...r, fields: [...fields], postings: w.bytes(), ends };
}

/** A shard's bundle: its site folder, and the page records its search step handed over (givenRecords), if any. */
export interface ShardBundle {
  site: string;
  given?: { meta: string; records: PageRecord[] } | undefined;
}

/**
 * Writes `<outSite>/pagefind/`'s entry, meta, index, filter and fragment files from the shard
 * sites' bundles (the merge has already copied Pagefind's own scripts), each taken from the records
 * its shard handed over or else taken apart; the fragments are hard-linked from the shards' where
 * the file system allows (linkOrCopy: the shards' folders are thrown away after). Throws, in
 * Chinese, on shards whose bundles do not fit together.
 */
export async function mergeSearchBundles(
  shardBundles: readonly ShardBundle[],
  outSite: string,
  sortValues: SortValues,
): Promise<{ pageCount: number; given: number }> {
  const shards = shardBundles.map(({ site, given }) => ({
    site,
    ...(given ? givenRecords(site, given, sortValues) : bundleRecords(site, sortValues)),
  }));
  const first = shards[0];
  if (!first) throw new Error('合并搜索索引:没有给出任何分片。');
  for (const s of shards)
    if (!sameShape(s.shape, first.shape))
      throw new Error(
        `合并搜索索引:${s.site} 与 ${first.site} 用不同版本或设置的 Pagefind 建立,请用同一提交重新构建全部分片。`,
      );
  // One record per URL (a page two shards indexed): the copies must be the same page.
  const byUrl = new Map<string, PageRecord>();
  const siteOf = new Map<string, string>();
  for (const s of shards)
    for (const r of s.records) {
      const seen = byUrl.get(r.url);
      if (seen && seen.hash !== r.hash) throw new Error(`合并搜索索引:页面 ${r.url} 在两个分片中的索引内容不同。`);
      if (!seen) {
        byUrl.set(r.url, r);
        siteOf.set(r.url, s.site);
      }
    }
  const fragmentPath = (url: string) =>
    join(siteOf.get(url)!, 'pagefind', 'fragment', `${byUrl.get(url)!.hash}.pf_fragment`);
  const pagesInOrder = joinOrder([...byUrl.values()]);
  const { pageCount } = await writeJoined(
    pagesInOrder,
    joinWords(pagesInOrder),
    first.shape,
    sortValues,
    outSite,
    (url) => readFileSync(fragmentPath(url)),
    gzipIndexChunkAsync,
    fragmentPath,
  );
  return { pageCount, given: shardBundles.filter((s) => s.given).length };
}

/**
 * What a page contributes to a bundle besides its words: enough, with the join's words
 * (JoinedWords), to write the bundle (writeJoined).
 */
export type PageHead = Pick<PageRecord, 'url' | 'hash' | 'wordCount' | 'fields' | 'filters'>;

/**
 * The joined index's words (pagefind-chunks.ts). The search step keeps them between runs
 * (search-cache.ts JoinCache), so that a re-publish re-encodes only the words its changed pages
 * hold (pagefind-patch.ts).
 */
export type JoinedWords = IndexWords;

/** The records in the whole build's page order, their meta field switches renumbered into the site's fields. */
export function joinOrder(records: readonly PageRecord[]): PageRecord[] {
  const metaFields = [...new Set(records.flatMap((r) => r.fields))].sort(cmp);
  return [...records].sort((a, b) => cmp(fileOf(a.url), fileOf(b.url))).map((r) => inFields(r, metaFields));
}

/** The words of `pagesInOrder` (joinOrder), joined. */
export function joinWords(pagesInOrder: readonly PageRecord[]): JoinedWords {
  const words = new Map<string, Word>();
  // Pages walked in order, so every word's pages arrive sorted.
  pagesInOrder.forEach((r, n) => {
    if (r.ends.length > 0)
      r.words.split('\0').forEach((word, i) => {
        let into = words.get(word);
        if (!into) words.set(word, (into = { pages: [], size: 0, variants: undefined }));
        const form = r.forms?.[i] ?? null;
        if (form === null) {
          into.pages.push(n, i);
          into.size += r.sizes[i]!;
        } else {
          into.variants ??= new Map();
          const v = into.variants.get(form);
          if (v) v.push(n, i);
          else into.variants.set(form, [n, i]);
        }
      });
  });
  // The records come in several object shapes (taken apart, from the cache, renumbered by
  // inFields), and the loop below reads a page's bytes and ends once per word of every page (1.9
  // million times at 5,000 compounds): read from two plain arrays, the join took a third less CPU (h17n).
  const postingsOf = pagesInOrder.map((r) => r.postings);
  const endsOf = pagesInOrder.map((r) => r.ends);
  /** [[page delta, locs, meta locs]…], the locations copied from the pages' records. */
  const writePostings = (w: CborWriter, pages: Postings) => {
    w.head(4, pages.length / 2);
    let last = 0;
    for (let j = 0; j < pages.length; j += 2) {
      const n = pages[j]!;
      const i = pages[j + 1]!;
      const e = endsOf[n]!;
      w.head(4, 3);
      w.head(0, n - last);
      last = n;
      w.raw(postingsOf[n]!, i === 0 ? 0 : e[i - 1], e[i]);
    }
  };
  const sorted = [...words.entries()].sort((a, b) => cmp(a[0], b[0]));
  const ends = new Uint32Array(sorted.length);
  const sizes = new Uint32Array(sorted.length);
  const w = new CborWriter();
  sorted.forEach(([word, { pages, size, variants }], k) => {
    w.head(4, 3);
    w.text(word);
    writePostings(w, pages);
    // Variants in the order Pagefind meets them: by their first page, then by form.
    const forms = [...(variants ?? new Map<string, Postings>()).entries()].sort(
      (a, b) => a[1][0]! - b[1][0]! || cmp(a[0], b[0]),
    );
    w.head(4, forms.length);
    for (const [form, vpages] of forms) {
      w.head(4, 2);
      w.text(form);
      writePostings(w, vpages);
    }
    ends[k] = w.length;
    sizes[k] = size;
  });
  return { words: sorted.map((e) => e[0]), items: w.bytes(), ends, sizes };
}

/**
 * Writes the bundle of `pagesInOrder` (joinOrder's order and fields) whose words are `joined`:
 * its fragments, index chunks, filters, meta and entry file, made canonical. A fragment or chunk
 * already there with the same bytes is left as it is (a re-publish keeps most of them); files
 * of an earlier bundle are the caller's to remove, by the paths (under `pagefind/`) returned.
 * With `fragmentFile` (a page's fragment file, by URL) the fragments are linked from there
 * (linkOrCopy) into a bundle folder that has none yet, not read and written.
 * `gzipChunk` may answer an index chunk's gzip from a cache (search-cache.ts): chunks are most of
 * the bundle's bytes and their gzip most of its time. With `writeAside` the fragments are handed
 * to it (paths under the bundle's folder `dir`, which it must write before the bundle is used:
 * the search step's second thread, search-writes.ts) rather than written here.
 */
export async function writeJoined(
  pagesInOrder: readonly PageHead[],
  joined: JoinedWords,
  shape: BundleShape,
  sortValues: SortValues,
  outSite: string,
  fragmentOf: (url: string) => Buffer,
  gzipChunk: (bytes: Buffer) => Buffer | Promise<Buffer> = gzipIndexChunkAsync,
  fragmentFile?: (url: string) => string,
  writeAside?: (dir: string, files: [path: string, bytes: Buffer][]) => void,
): Promise<{ pageCount: number; files: string[] }> {
  const { language } = shape;
  const metaFields = [...new Set(pagesInOrder.flatMap((r) => r.fields))].sort(cmp);
  const filters = new Map<string, Map<string, number[]>>();
  pagesInOrder.forEach((r, n) => {
    for (const [name, value] of r.filters) {
      let byValue = filters.get(name);
      if (!byValue) filters.set(name, (byValue = new Map()));
      const pages = byValue.get(value);
      if (pages) pages.push(n);
      else byValue.set(value, [n]);
    }
  });

  const dir = join(outSite, 'pagefind');
  mkdirSync(join(dir, 'index'), { recursive: true });
  mkdirSync(join(dir, 'filter'), { recursive: true });
  mkdirSync(join(dir, 'fragment'), { recursive: true });
  // Canonical order renames every filter file it is handed and refuses any other in the folder.
  for (const name of readdirSync(join(dir, 'filter'))) rmSync(join(dir, 'filter', name));
  const files: string[] = [];
  const put = (path: string, bytes: Buffer) => {
    writeIfChanged(join(dir, path), bytes);
    files.push(path);
  };
  const fragmentHash = new Map<PageHead, string>();
  const names = fragmentNames(pagesInOrder, language, (page) => {
    let full = fragmentHash.get(page);
    if (full === undefined) fragmentHash.set(page, (full = fragmentFullHash(language, fragmentOf(page.url))));
    return full;
  });
  const aside: [string, Buffer][] = [];
  pagesInOrder.forEach((r, n) => {
    const path = `fragment/${names[n]}.pf_fragment`;
    if (writeAside) {
      aside.push([path, fragmentOf(r.url)]);
      return files.push(path);
    }
    if (!fragmentFile) return put(path, fragmentOf(r.url));
    linkOrCopy(fragmentFile(r.url), join(dir, path));
    files.push(path);
  });
  if (writeAside) writeAside(dir, aside);
  const { words, sizes } = joined;
  const own = pagefindCuts(sizes);
  // gzip of the chunks is most of the join's time: it runs on the thread pool, on every core,
  // while this thread makes the next chunks; each is written in its turn (InOrder).
  const chunks = chunkFiles(joined, fittedCuts(words, sizes, own), own, language);
  const compressing = new InOrder();
  let chunkMeta: ChunkMeta[];
  for (let chunk = chunks.next(); ; chunk = chunks.next()) {
    if (chunk.done) {
      chunkMeta = chunk.value;
      break;
    }
    const [name, bytes] = chunk.value;
    await compressing.add(
      () => gzipChunk(bytes),
      (gz) => put(`index/${name}.pf_index`, gz),
    );
  }
  await compressing.done();

  const filterMeta = [...filters.entries()].map(([name, values], i) => {
    const temp = `${language}_${i.toString(16)}`;
    writeFileSync(join(dir, 'filter', `${temp}.pf_filter`), gzipPagefind(pagefindBytes([name, [...values.entries()]])));
    return [name, temp];
  });
  const urls = pagesInOrder.map((r) => r.url);
  const sortNames = [...new Set(urls.flatMap((u) => Object.keys(sortValues[u] ?? {})))];
  const sorts = sortNames.map((name) => [name, sortOrder(urls.map((u, n) => ({ n, value: sortValues[u]?.[name] })))]);
  const pages = pagesInOrder.map((r, n) => [names[n]!, r.wordCount]);
  const metaName = `${language}_0`;
  writeFileSync(
    join(dir, `pagefind.${metaName}.pf_meta`),
    gzipPagefind(pagefindBytes([shape.version, pages, chunkMeta, filterMeta, sorts, metaFields])),
  );
  const entry: Entry = structuredClone(shape.entry);
  entry.languages[language] = { ...entry.languages[language]!, hash: metaName, page_count: urls.length };
  writeFileSync(join(dir, 'pagefind-entry.json'), JSON.stringify(entry));
  canonicalizePagefindBundle(dir, { rewriteIndex: false });
  const canonical = JSON.parse(readFileSync(join(dir, 'pagefind-entry.json'), 'utf8')) as Entry;
  files.push(
    ...readdirSync(join(dir, 'filter')).map((name) => `filter/${name}`),
    `pagefind.${canonical.languages[language]!.hash}.pf_meta`,
    'pagefind-entry.json',
  );
  return { pageCount: urls.length, files };
}
