/**
 * One Pagefind bundle from the bundles of a sharded build's parts (docs/sharding.md), so that the
 * expensive part of indexing — reading every page, cutting its words, writing its fragment — runs
 * in the shard jobs side by side, and the merge only joins their word, filter and sort lists.
 * Pagefind's browser `mergeIndex` would serve the shards' bundles as they are, but then every first
 * query loads n entry and meta files; this writes the ONE bundle a whole build writes.
 *
 * It rebuilds what Pagefind 1.5's build_indexes (pagefind/src/index/mod.rs) would have built from
 * all the pages at once: pages numbered in the order a whole build sends them (search.ts sends
 * files in code-point order), each word's pages in page order, words in code-point order cut into
 * chunks of Pagefind's size, chunk names from Pagefind's hash. Fragments are page-local and are
 * copied as they are. Sort orders need the pages' sort values, which a bundle does not hold: the
 * shard hands them over (IndexSummary.sortValues), and each shard's own order is re-derived from
 * them as a check. The result goes through canonicalizePagefindBundle like any bundle.
 * tests/build/shards.test.ts proves it byte for byte against a whole build.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cmp } from '../lib/util/compare.ts';
import { copyTrees } from '../lib/util/files.ts';
import { canonicalizePagefindBundle } from './pagefind-canonical.ts';
import {
  asList,
  asText,
  type Cbor,
  gzipPagefind,
  pagefindBytes,
  readFragment,
  readPagefindFile,
} from './pagefind-format.ts';

/**
 * The files of a bundle (paths under `pagefind/`) that describe its own set of pages, which the
 * join writes anew for the whole site. The rest — fragments, one per page, and Pagefind's scripts,
 * the same in every bundle — are copied as they are.
 */
export const JOINED_FILES = /^(pagefind-entry\.json|pagefind\.[^/]+\.pf_meta|index\/.*|filter\/.*)$/;

interface Entry {
  version: string;
  languages: Record<string, { hash: string; wasm: string | null; page_count: number }>;
  include_characters: string[];
}

/** A page's word locations: [page number, locs, meta locs]. */
type Posting = [number, Cbor[], Cbor[]];
interface Word {
  pages: Posting[];
  variants: Map<string, Posting[]>;
}

const asNumber = (v: Cbor | undefined, what: string): number => {
  if (typeof v !== 'number') throw new Error(`unexpected Pagefind layout: ${what} is not a number`);
  return v;
};

/** Pagefind's full_hash: SHA-1, each byte in hex WITHOUT zero padding (its `{:x?}` format). */
function fullHash(bytes: Buffer): string {
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

interface ShardIndex {
  dir: string;
  entry: Entry;
  language: string;
  meta: Cbor[];
  /** Local page number → URL, hash and word count. */
  pages: { url: string; hash: string; wordCount: number }[];
}

/** A bundle's page URLs by fragment hash: the URLs a bundle lists only inside its gzipped fragments. */
export type PageUrls = ReadonlyMap<string, string>;

/** `<bundle>/fragment/`'s page URLs, read from the fragments themselves. */
export function fragmentUrls(bundleDir: string): Map<string, string> {
  const dir = join(bundleDir, 'fragment');
  return new Map(
    readdirSync(dir).map((f) => [f.replace(/\.pf_fragment$/, ''), readFragment(join(dir, f)).url] as const),
  );
}

function readShard(site: string, known?: PageUrls): ShardIndex {
  const dir = join(site, 'pagefind');
  const entryPath = join(dir, 'pagefind-entry.json');
  if (!existsSync(entryPath))
    throw new Error(
      `合并搜索索引:${site} 没有搜索索引(${entryPath});分片应当用 npm run build -- --shard i/n 构建,不加 --no-search。`,
    );
  const entry = JSON.parse(readFileSync(entryPath, 'utf8')) as Entry;
  const languages = Object.keys(entry.languages);
  const language = languages[0];
  if (languages.length !== 1 || language === undefined)
    throw new Error(`合并搜索索引:${site} 的索引有 ${languages.length} 种语言,只支持一种 (zh-cn)。`);
  const meta = asList(readPagefindFile(join(dir, `pagefind.${entry.languages[language]!.hash}.pf_meta`)), 'meta');
  if (meta.length !== 6) throw new Error(`unexpected Pagefind meta layout (${meta.length} parts) in ${dir}`);
  const pages = asList(meta[1], 'pages').map((p) => {
    const [hash, wordCount] = asList(p, 'page');
    const h = asText(hash, 'page hash');
    return {
      url: known?.get(h) ?? readFragment(join(dir, 'fragment', `${h}.pf_fragment`)).url,
      hash: h,
      wordCount: asNumber(wordCount, 'word count'),
    };
  });
  return { dir, entry, language, meta, pages };
}

/**
 * Joins the bundles of `sites` (each `<site>/pagefind/`, e.g. the parts of one build, search.ts)
 * into `<outSite>/pagefind/`: their fragments and Pagefind's scripts copied, the rest written by
 * mergeSearchBundles. A file two bundles hold with different bytes is refused. `urls` (fragment
 * hash → URL), when the caller kept them, spares unpacking every fragment again for its URL.
 */
export function joinSearchBundles(
  sites: readonly string[],
  outSite: string,
  sortValues: Readonly<Record<string, Readonly<Record<string, string>>>>,
  urls?: PageUrls,
): { pageCount: number } {
  copyTrees(
    sites.map((site) => join(site, 'pagefind')),
    join(outSite, 'pagefind'),
    {
      skip: (path) => JOINED_FILES.test(path),
      conflict: (path, earlier, dir) => new Error(`合并搜索索引:pagefind/${path} 在 ${earlier} 和 ${dir} 中内容不同。`),
    },
  );
  return mergeSearchBundles(sites, outSite, sortValues, urls);
}

/**
 * Writes `<outSite>/pagefind/`'s entry, meta, index and filter files from the shard sites'
 * bundles (the merge has already copied their fragments and Pagefind's own scripts). Throws, in
 * Chinese, on shards whose bundles do not fit together.
 */
export function mergeSearchBundles(
  shardSites: readonly string[],
  outSite: string,
  sortValues: Readonly<Record<string, Readonly<Record<string, string>>>>,
  knownUrls?: PageUrls,
): { pageCount: number } {
  const shards = shardSites.map((site) => readShard(site, knownUrls));
  const first = shards[0];
  if (!first) throw new Error('合并搜索索引:没有给出任何分片。');
  const settings = (s: ShardIndex) =>
    JSON.stringify([s.entry.version, s.language, s.entry.include_characters, s.meta[0]]);
  for (const s of shards)
    if (settings(s) !== settings(first))
      throw new Error(
        `合并搜索索引:${s.dir} 与 ${first.dir} 用不同版本或设置的 Pagefind 建立,请用同一提交重新构建全部分片。`,
      );
  const { language } = first;

  // Pages: one per URL (every shard indexes the static pages), numbered as a whole build numbers them.
  const byUrl = new Map<string, { hash: string; wordCount: number }>();
  for (const s of shards)
    for (const p of s.pages) {
      const seen = byUrl.get(p.url);
      if (seen && seen.hash !== p.hash) throw new Error(`合并搜索索引:页面 ${p.url} 在两个分片中的索引内容不同。`);
      if (!seen) byUrl.set(p.url, p);
    }
  const urls = [...byUrl.keys()].sort((a, b) => cmp(fileOf(a), fileOf(b)));
  const number = new Map(urls.map((u, i) => [u, i]));
  const metaFields = [
    ...new Set(shards.flatMap((s) => asList(s.meta[5], 'meta fields').map((f) => asText(f, 'meta field')))),
  ].sort(cmp);

  const words = new Map<string, Word>();
  const filters = new Map<string, Map<string, number[]>>();
  for (const s of shards) {
    // A URL's postings come from the first shard that indexed it; the copies in other shards are the same page.
    const owner = s.pages.map((p) => (byUrl.get(p.url) === p ? number.get(p.url)! : undefined));
    const fieldIds = asList(s.meta[5], 'meta fields').map((f) => metaFields.indexOf(asText(f, 'meta field')));
    const remap = (pages: Cbor): Posting[] => {
      let page = 0;
      const out: Posting[] = [];
      for (const p of asList(pages, 'word pages')) {
        const [delta, locs, metaLocs] = asList(p, 'word page');
        page += asNumber(delta, 'page delta');
        const n = owner[page];
        if (n === undefined) continue;
        // Meta locations switch field with -(id + 1); ids are positions in the merged field list.
        const ml = asList(metaLocs, 'meta locs').map((x) =>
          asNumber(x, 'meta loc') < 0 ? -fieldIds[-(x as number) - 1]! - 1 : x,
        );
        out.push([n, asList(locs, 'locs'), ml]);
      }
      return out;
    };
    for (const chunk of asList(s.meta[2], 'index chunks')) {
      const hash = asText(asList(chunk, 'index chunk')[2], 'chunk hash');
      const [list] = asList(readPagefindFile(join(s.dir, 'index', `${hash}.pf_index`)), 'word index');
      for (const w of asList(list, 'words')) {
        const [text, pages, variants] = asList(w, 'word');
        const word = asText(text, 'word');
        let into = words.get(word);
        if (!into) words.set(word, (into = { pages: [], variants: new Map() }));
        into.pages.push(...remap(pages!));
        for (const v of asList(variants, 'variants')) {
          const [form, vpages] = asList(v, 'variant');
          const f = asText(form, 'variant form');
          into.variants.set(f, [...(into.variants.get(f) ?? []), ...remap(vpages!)]);
        }
      }
    }
    for (const f of asList(s.meta[3], 'filters')) {
      const hash = asText(asList(f, 'filter')[1], 'filter hash');
      const [name, values] = asList(readPagefindFile(join(s.dir, 'filter', `${hash}.pf_filter`)), 'filter file');
      const byValue = filters.get(asText(name, 'filter name')) ?? new Map<string, number[]>();
      filters.set(asText(name, 'filter name'), byValue);
      for (const v of asList(values, 'filter values')) {
        const [value, pages] = asList(v, 'filter value');
        const mapped = asList(pages, 'filter pages')
          .map((p) => owner[asNumber(p, 'filter page')])
          .filter((n) => n !== undefined);
        byValue.set(asText(value, 'filter value'), [...(byValue.get(value as string) ?? []), ...mapped]);
      }
    }
    // Each shard's own sort orders, re-derived from the values handed over, must be Pagefind's.
    for (const so of asList(s.meta[4], 'sorts')) {
      const [name, pages] = asList(so, 'sort');
      const mine = sortOrder(s.pages.map((p, n) => ({ n, value: sortValues[p.url]?.[asText(name, 'sort name')] })));
      if (JSON.stringify(mine) !== JSON.stringify(pages))
        throw new Error(`合并搜索索引:${s.dir} 的排序「${String(name)}」与分片交来的排序值不一致,无法合并。`);
    }
  }

  const dir = join(outSite, 'pagefind');
  mkdirSync(join(dir, 'index'), { recursive: true });
  mkdirSync(join(dir, 'filter'), { recursive: true });
  const byPage = (a: Posting, b: Posting) => a[0] - b[0];
  const delta = (pages: Posting[]): Cbor[] => {
    let last = 0;
    return pages.sort(byPage).map(([n, locs, ml]) => {
      const d = n - last;
      last = n;
      return [d, locs, ml];
    });
  };
  // Chunks as Pagefind cuts them: words in order until their locations reach the chunk size.
  const chunkSize = Number(process.env.PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE) || 20_000;
  const chunks: [string, Word][][] = [[]];
  let size = 0;
  for (const entry of [...words.entries()].sort((a, b) => cmp(a[0], b[0]))) {
    if (entry[1].pages.length === 0 && entry[1].variants.size === 0) continue;
    chunks[chunks.length - 1]!.push(entry);
    size += entry[1].pages.reduce((n, p) => n + p[1].length + p[2].length + 1, 0);
    if (size >= chunkSize) {
      chunks.push([]);
      size = 0;
    }
  }
  if (chunks.length > 1 && chunks[chunks.length - 1]!.length === 0) chunks.pop();
  const taken = new Set<string>();
  const chunkMeta = chunks.map((chunk) => {
    const body = [
      chunk.map(([word, w]) => {
        // Variants in the order Pagefind meets them: by their first page, then by form.
        const variants = [...w.variants.entries()]
          .map(([form, pages]) => [form, pages.sort(byPage)] as const)
          .sort((a, b) => (a[1][0]?.[0] ?? 0) - (b[1][0]?.[0] ?? 0) || cmp(a[0], b[0]));
        return [word, delta(w.pages), variants.map(([form, pages]) => [form, delta(pages)])];
      }),
    ];
    const bytes = pagefindBytes(body);
    const name = shortName(`${language}_${fullHash(bytes.subarray('pagefind_dcd'.length))}`, language, taken);
    taken.add(name);
    writeFileSync(join(dir, 'index', `${name}.pf_index`), gzipPagefind(bytes));
    return [chunk[0]?.[0] ?? '', chunk[chunk.length - 1]?.[0] ?? '', name];
  });
  // Neighbouring chunks' bounds are cut to the shortest prefixes that still tell them apart.
  for (let i = 0; i + 1 < chunkMeta.length; i++) {
    const [a, b] = [chunkMeta[i]!, chunkMeta[i + 1]!];
    const to = Array.from(a[1]!);
    const from = Array.from(b[0]!);
    let common = 0;
    while (common < to.length && common < from.length && to[common] === from[common]) common++;
    const toPrefix = to.slice(0, common + 1).join('');
    if (cmp(toPrefix, a[0]) >= 0) a[1] = toPrefix;
    b[0] = from.slice(0, common + 1).join('');
  }

  const filterMeta = [...filters.entries()].map(([name, values], i) => {
    const temp = `${language}_${i.toString(16)}`;
    const body = [name, [...values.entries()].map(([v, pages]) => [v, pages.sort((a, b) => a - b)])];
    writeFileSync(join(dir, 'filter', `${temp}.pf_filter`), gzipPagefind(pagefindBytes(body)));
    return [name, temp];
  });
  const sortNames = [
    ...new Set(
      shards.flatMap((s) => asList(s.meta[4], 'sorts').map((so) => asText(asList(so, 'sort')[0], 'sort name'))),
    ),
  ];
  const sorts = sortNames.map((name) => [name, sortOrder(urls.map((u, n) => ({ n, value: sortValues[u]?.[name] })))]);
  const pages = urls.map((u) => [byUrl.get(u)!.hash, byUrl.get(u)!.wordCount]);
  const metaName = `${language}_0`;
  writeFileSync(
    join(dir, `pagefind.${metaName}.pf_meta`),
    gzipPagefind(pagefindBytes([first.meta[0]!, pages, chunkMeta, filterMeta, sorts, metaFields])),
  );
  const entry = first.entry;
  entry.languages[language] = { ...entry.languages[language]!, hash: metaName, page_count: urls.length };
  writeFileSync(join(dir, 'pagefind-entry.json'), JSON.stringify(entry));
  canonicalizePagefindBundle(dir, { recompressIndex: false });
  return { pageCount: urls.length };
}
