/**
 * Search indexing: after `astro build` has written the pages and exited, Pagefind indexes them
 * into `<outDir>/pagefind/` and, the compound pages, `<outDir>/search/compounds/pagefind/`
 * (search-bundles.ts), which the search page loads in the browser. `npm run build`
 * (scripts/build.ts) and the shard merge (scripts/merge-shards.ts) call indexSite() in a
 * process that never held the dataset, so its memory and the build's do not add up.
 *
 * Chinese has no spaces between words, so the index must be built by the EXTENDED
 * Pagefind binary, which segments Chinese text into words (上海中海物业管理有限公司 →
 * 上海 / 中海 / 物业 / 管理 / 有限公司); the standard binary would index the whole run of
 * characters as one word and 中海物业 would find nothing. The npm package would silently
 * fall back to the standard binary, so we resolve the extended one ourselves and hand it to
 * the Pagefind service through PAGEFIND_EXTENDED_BINARY_PATH; if it is missing the build
 * stops.
 *
 * Words: Pagefind is handed each page's HTML with its Chinese already cut into words by the
 * browser's own segmenter (components/search/han-words.ts says why), not the files on disk,
 * which stay as they are.
 *
 * What gets indexed: only the `data-pagefind-body` part of pages that have one (the page
 * layout sets it; the search page and 404 opt out), less SEARCH_EXCLUDED_SELECTORS. Filters (kind, district, street, honour,
 * year) and sorts (year, score) come from the hidden spans the layout emits
 * (docs/architecture.md, "Search metadata").
 *
 * Names: the pages a searcher looks up by name, and the people they name, also go into the names index (search-names.ts),
 * which the search page reads before Pagefind, so that a first query for a name does not load
 * Pagefind's files, which grow with the city.
 *
 * Content-Security-Policy that Pagefind needs in the browser (configured in astro.config.mjs):
 * script-src 'self' 'wasm-unsafe-eval' (it loads /pagefind/pagefind.js and compiles a
 * WebAssembly module), connect-src 'self' (it fetches its index chunks), worker-src 'self'
 * (it may run the search in /pagefind/pagefind-worker.js). No inline script or style is needed:
 * the search page's own script is bundled and hashed by Astro.
 *
 * Determinism: Pagefind names every output file by a hash of its content and writes nothing
 * time-dependent, but it writes its filter index in a random (HashMap) order;
 * pagefind-canonical.ts rewrites those few files in a fixed order, so the same pages give the
 * same bytes.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statfsSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { canonicalizePagefindBundle } from './pagefind-canonical.ts';
import { segmentHan } from '../components/search/han-words.ts';
import type { NameRecord } from '../components/search/names.ts';
import { nameRecords, namesIndex, writeNames } from './search-names.ts';
import { SEARCH_BUNDLES, SEARCH_OUTPUTS, type SearchBundle, writeBundleSorts } from './search-bundles.ts';
import { cmp } from '../lib/util/compare.ts';
import { filesUnder, removeOthers, writeIfChanged } from '../lib/util/files.ts';
import {
  bundleRecords,
  inFields,
  JOINED_FILES,
  joinOrder,
  joinWords,
  type PageHead,
  type PageRecord,
  writeJoined,
} from './pagefind-merge.ts';
import { patchWords } from './pagefind-patch.ts';
import { PageStamps } from './search-stamps.ts';
import {
  type CachedPage,
  ChunkCache,
  contentHash,
  JoinCache,
  type JoinedPage,
  type JoinState,
  PageCache,
  runSettings,
  type StaticFiles,
} from './search-cache.ts';

/** Where the extended Pagefind binary of this platform lives, or an error saying how to get it. */
export function resolveExtendedPagefind(): string {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const pkg = `@pagefind/${platform}-${process.arch}`;
  const executable = platform === 'windows' ? 'pagefind_extended.exe' : 'pagefind_extended';
  const require = createRequire(import.meta.url);
  let path: string;
  try {
    path = require.resolve(`${pkg}/bin/${executable}`);
  } catch {
    throw new Error(
      `搜索索引失败: 找不到 Pagefind 扩展版 (${pkg}/bin/${executable})。中文分词需要扩展版。` +
        ` Fix: run \`npm ci\` so that npm installs the optional dependency ${pkg}.`,
    );
  }
  if (!existsSync(path)) throw new Error(`搜索索引失败: ${path} 不存在。 Fix: run \`npm ci\`.`);
  return path;
}

/**
 * Parts of a page that are on it for reading, not for finding: figures (every amount, balance,
 * rate and count is a `td.num`), the chart data tables, most of the ledger, print-only text, the table of contents and the
 * statutory-cadence table, whose words are the same on every compound page. Searching finds
 * people, firms, compounds, honours and what the money was spent on (ledger descriptions stay
 * indexed); figures are compared on the rankings and data pages. At city scale the numbers were
 * most of the index: they made every result's fragment several KB and Pagefind's memory grow
 * with every ledger row (bench/README.md). A selector here costs no bytes in the HTML, unlike a
 * data-pagefind-ignore on each of a page's hundreds of cells.
 */
const SEARCH_EXCLUDED_SELECTORS = [
  'td.num',
  'figure.chart',
  // Of the ledger, only what money was spent on (4th column) and its approval (7th), of spending
  // and reversals: interest and revenue transfers are the same words on every page. By position,
  // because the rows carry no per-cell classes (ledger-rows.ts; at city scale they were bytes).
  'table.ledger tr:not(.out):not(.reversal)',
  'table.ledger td:not(:nth-child(4)):not(:nth-child(7))',
  'nav.toc',
  'table.cadence',
  '.print-only',
];

/**
 * At most how many pages one Pagefind run gets (GONGSHI_SEARCH_PART_PAGES overrides it; the tests
 * force runs of one page). Pagefind holds a run's whole index until it writes it: one run over
 * the 25,656 pages of 15,000 compounds peaked at 6.3 GB, so a cold index is made run by run and
 * the runs' pages joined (pagefind-merge.ts).
 */
const PART_PAGES = 1000;

/** The options every Pagefind run gets (part of the cache's settings, search-cache.ts). */
const PAGEFIND_OPTIONS = { forceLanguage: 'zh-cn', excludeSelectors: SEARCH_EXCLUDED_SELECTORS };

export interface IndexSummary {
  pageCount: number;
  outputPath: string;
  binary: string;
  /** Each indexed page's sort values (URL → sort name → value as written): a shard hands them to the merge (pagefind-merge.ts). */
  sortValues: Record<string, Record<string, string>>;
  /** The names index's records of the indexed pages (search-names.ts): a shard hands them to the merge too. */
  names: NameRecord[];
  /** How many pages Pagefind indexed, in how many runs (the others' entries came from the cache, search-cache.ts). */
  reindexed: { pages: number; runs: number };
  /** Whether the last run's join was patched (pagefind-patch.ts) rather than every page's words joined again. */
  patched: boolean;
  /** How many HTML files were read and hashed; the others had not been written since the last run read them (search-stamps.ts). */
  read: number;
  /**
   * With `records`, each bundle's page records in its page order (a patched join's from the page
   * cache), or undefined if the cache lacks one: a shard hands them to the merge, which then need
   * not take its bundle apart.
   */
  records: { root: string; records: PageRecord[] }[] | undefined;
}

/** Marks a page Pagefind indexes (the layout sets it on every page that is). */
const BODY = ' data-pagefind-body';

const SORT_SPAN = /<span data-pagefind-sort="([^"]+)">([^<]*)<\/span>/g;

/** A page to index: its file and the hash of its bytes. */
interface Missed {
  url: string;
  file: string;
  /** Its path under the site. */
  path: string;
  key: string;
}

/**
 * Index every built page under `siteDir` into its search bundle (search-bundles.ts:
 * `siteDir/pagefind` and the compound pages' `siteDir/search/compounds/pagefind`), and their names
 * into the names index (search-names.ts). Every page file not written since the last run read it
 * (search-stamps.ts) is read and hashed; only the pages whose bytes the cache has not seen (search-cache.ts) are segmented and indexed, by Pagefind runs of at
 * most PART_PAGES pages (each deleted from Pagefind once written, so its memory is one run's; this
 * process stages the next run and takes the last one apart meanwhile: indexRuns). When the site
 * has the same pages as the last run, each bundle's last join is patched for its changed pages
 * (pagefind-patch.ts); otherwise the pages' entries are joined from scratch. Either way each
 * bundle is the one a single Pagefind run over its pages writes (pagefind-merge.ts writeJoined).
 * Bundles and names index already in the site are brought up to date in place: files with the
 * right bytes are left alone, the others written, the rest removed. Throws with a readable message
 * on any problem.
 */
export async function indexSite(siteDir: string, opts: { records?: boolean } = {}): Promise<IndexSummary> {
  const binary = resolveExtendedPagefind();
  // The Pagefind npm package reads this variable before looking for any binary of its own.
  process.env.PAGEFIND_EXTENDED_BINARY_PATH = binary;
  const settings = runSettings(binary, pagefindVersion(binary), PAGEFIND_OPTIONS);
  const cache = new PageCache(settings);
  const found: Missed[] = [];
  const stamps = new PageStamps(settings, siteDir);
  for (const file of htmlFiles(siteDir)) {
    const page = foundPage(siteDir, file, '');
    // The hash of the page's bytes, '' for a page without data-pagefind-body: it is not indexed,
    // so it is not sent (history and data pages were over half the pages and of the bytes).
    page.key = stamps.value(file, page.path, () => {
      // Bytes, not text: decoding and segmenting are for the pages that missed.
      const bytes = readFileSync(file);
      return bytes.indexOf(BODY) < 0 ? '' : contentHash(bytes);
    });
    if (page.key !== '') found.push(page);
  }
  stamps.save();
  if (found.length === 0) fail('addHTMLFile', [`${siteDir} 中没有可索引的页面 (no HTML page found)`]);
  const bundles = SEARCH_BUNDLES.map((bundle) => ({
    bundle,
    found: found.filter((p) => bundle.holds(p.url)),
    joins: new JoinCache(settings, bundle.joinCache),
  }));
  let statics = cache.staticFiles();
  // Patched only when every bundle can be: a join from scratch keeps in the page cache only the
  // pages it used, so it must use every bundle's.
  let joins: Join[] | undefined = [];
  let reindexed = { pages: 0, runs: 0 };
  // The site's names index is kept with the first bundle's join (JoinCache).
  let lastNames: JoinState['names'];
  for (const [b, { found: pages, joins: joinCache }] of bundles.entries()) {
    const last = statics ? joinCache.load() : undefined;
    if (b === 0) lastNames = last?.names;
    const patched = last && (await patchedJoin(last, pages, cache));
    if (!patched) {
      joins = undefined;
      break;
    }
    joins.push(patched);
    reindexed = { pages: reindexed.pages + patched.changed, runs: reindexed.runs + patched.runs };
  }
  const patched = joins !== undefined;
  if (!joins) {
    const full = await fullJoins(
      bundles.map((b) => b.found),
      cache,
      statics,
    );
    statics ??= full.statics;
    joins = full.joins;
    // Pages a bundle's failed patch re-indexed are in the cache already, and not counted twice.
    reindexed = { pages: reindexed.pages + full.reindexed.pages, runs: reindexed.runs + full.reindexed.runs };
  }

  const chunks = new ChunkCache(settings);
  const sortValues: Record<string, Record<string, string>> = {};
  const names: NameRecord[] = [];
  let pageCount = 0;
  for (const { state } of joins) {
    for (const p of state.pages) {
      if (p.sorts) sortValues[p.url] = p.sorts;
      names.push(...p.names);
    }
    pageCount += state.pages.length;
  }
  // The same entries give the same index: the last one is reused when no changed page's names changed.
  const namesIdx = (patched && joins.every((j) => j.sameNames) && lastNames) || namesIndex(names);
  writeNames(siteDir, namesIdx);
  for (const [b, { bundle, joins: joinCache }] of bundles.entries()) {
    const joined = joins[b]!;
    const outSite = join(siteDir, bundle.root);
    if (joined.state.pages.length > 0)
      await writeBundle(outSite, statics!, bundle, joined, sortValues, (bytes) => chunks.gzip(bytes));
    else rmSync(join(outSite, 'pagefind'), { recursive: true, force: true });
    const state = b === 0 ? { ...joined.state, names: namesIdx } : joined.state;
    if (joined.changed > 0 || !patched || (b === 0 && lastNames !== namesIdx)) joinCache.save(state);
  }
  writeBundleSorts(siteDir, sortValues);
  chunks.prune();
  return {
    pageCount,
    outputPath: join(siteDir, 'pagefind'),
    binary,
    sortValues,
    names,
    reindexed,
    patched,
    read: stamps.read,
    records:
      opts.records && joins.every((j) => (j.records ??= cachedRecords(j, cache)))
        ? bundles.flatMap(({ bundle }, b) =>
            joins[b]!.state.pages.length > 0 ? [{ root: bundle.root, records: joins[b]!.records! }] : [],
          )
        : undefined,
  };
}

/**
 * A patched join's page records, which it never loaded, from the page cache (`records`: a shard
 * hands them to the merge, which has no other way to them but taking the bundle apart); undefined
 * if one is not there.
 */
function cachedRecords(join: Join, cache: PageCache): PageRecord[] | undefined {
  const records: PageRecord[] = [];
  for (const p of join.state.pages) {
    const cached = cache.previous(p.url);
    if (cached?.key !== p.key) return undefined;
    records.push(inFields(cached.record, join.fields));
  }
  return records;
}

/** Writes one bundle's files: the Pagefind scripts it carries and its join. */
async function writeBundle(
  outSite: string,
  statics: StaticFiles,
  bundle: SearchBundle,
  joined: Join,
  sortValues: Record<string, Record<string, string>>,
  gzipChunk: (bytes: Buffer) => Buffer | Promise<Buffer>,
): Promise<void> {
  const outputPath = join(outSite, 'pagefind');
  const scripts = statics.files.filter(([path]) => bundle.scripts.test(path));
  for (const [path, bytes] of scripts) {
    mkdirSync(dirname(join(outputPath, path)), { recursive: true });
    writeIfChanged(join(outputPath, path), bytes);
  }
  const { pages, words } = joined.state;
  const fragments = new Map(pages.map((p) => [p.url, p.fragment]));
  let written: string[] = [];
  try {
    written = (
      await writeJoined(
        pages.map((p) => ({ ...p.head, fields: joined.fields })),
        words,
        statics.shape,
        sortValues,
        outSite,
        (url) => fragments.get(url)!,
        gzipChunk,
      )
    ).files;
  } catch (error) {
    fail('join', [error instanceof Error ? error.message : String(error)]);
  }
  // An earlier run's bundle left in the site (the step run again over it) keeps only what this one holds.
  removeOthers(outputPath, new Set([...written, ...scripts.map(([path]) => path)]));
}

/** A bundle's join: its pages and words, its meta fields, and how many of its pages changed since the last one. */
interface Join {
  state: JoinState;
  fields: string[];
  changed: number;
  /** Whether its pages carry the same names entries as the last join's (a patched join whose changed pages' names did not change). */
  sameNames?: boolean;
  /** Its pages' records in join order, from a join from scratch. */
  records?: PageRecord[];
}

const joinedPage = (p: CachedPage): JoinedPage => {
  const { url, hash, wordCount, fields, filters } = p.record;
  return {
    url,
    key: p.key,
    head: { url, hash, wordCount, fields, filters },
    fragment: p.fragment,
    sorts: p.sorts,
    names: p.names,
  };
};

/** The site's meta fields: every page's, in code-point order (pagefind-merge.ts joinOrder). */
const fieldsOf = (heads: readonly PageHead[]) => [...new Set(heads.flatMap((h) => h.fields))].sort(cmp);

/**
 * The last join of a bundle patched for the pages whose bytes changed, with the Pagefind runs that
 * took, or undefined when it cannot be: the bundle's pages are not the last run's, a changed page's
 * old entry is gone from the cache, or the bundle's meta fields changed (the join then starts from
 * scratch).
 */
async function patchedJoin(
  last: JoinState,
  found: readonly Missed[],
  cache: PageCache,
): Promise<(Join & { runs: number }) | undefined> {
  if (last.pages.length !== found.length) return undefined;
  const number = new Map(last.pages.map((p, n) => [p.url, n]));
  const changed: { n: number; page: Missed; before: CachedPage }[] = [];
  for (const page of found) {
    const n = number.get(page.url);
    if (n === undefined) return undefined;
    if (last.pages[n]!.key === page.key) continue;
    const before = cache.previous(page.url);
    if (before?.key !== last.pages[n]!.key) return undefined;
    changed.push({ n, page, before });
  }
  const fields = fieldsOf(last.pages.map((p) => p.head));
  const { pages: made, runs } = await indexRuns(changed.map((c) => c.page));
  const after = new Map(made.map((p) => [p.url, p]));
  const pages = [...last.pages];
  for (const { n, page } of changed) pages[n] = joinedPage(after.get(page.url)!);
  if (fieldsOf(pages.map((p) => p.head)).join('\0') !== fields.join('\0')) return undefined;
  const words = patchWords(
    last.words,
    new Map(
      changed.map(({ n, page, before }) => [
        n,
        { before: inFields(before.record, fields), after: inFields(after.get(page.url)!.record, fields) },
      ]),
    ),
  );
  cache.replace(made);
  const sameNames = changed.every(({ n }) => JSON.stringify(last.pages[n]!.names) === JSON.stringify(pages[n]!.names));
  return { state: { pages, words }, fields, changed: changed.length, runs, sameNames };
}

/**
 * Every page's entry, from the cache or from Pagefind, and each bundle's (`bundles`, the pages of
 * each) joined from scratch. The page cache is saved once, with every bundle's pages.
 */
async function fullJoins(
  bundles: readonly (readonly Missed[])[],
  cache: PageCache,
  statics: StaticFiles | undefined,
): Promise<{ joins: Join[]; statics: StaticFiles; reindexed: { pages: number; runs: number } }> {
  const pages: CachedPage[] = [];
  const missed: Missed[] = [];
  let firstHit: Missed | undefined;
  for (const page of bundles.flat()) {
    const hit = cache.take(page.url, page.key);
    if (hit) {
      pages.push(hit);
      firstHit ??= page;
    } else missed.push(page);
  }
  // Pagefind's scripts come from a run: with none to make and none kept, one page is indexed again.
  if (!statics && missed.length === 0 && firstHit) {
    missed.push(firstHit);
    pages.splice(
      pages.findIndex((p) => p.url === firstHit.url),
      1,
    );
  }
  const made = await indexRuns(missed);
  for (const page of made.pages) cache.add(page);
  pages.push(...made.pages);
  if (!statics && made.statics) cache.saveStaticFiles(made.statics);
  statics ??= made.statics;
  if (!statics) return fail('join', ["Pagefind 没有写出它的脚本 (no run made Pagefind's scripts)"]);
  const byUrl = new Map(pages.map((p) => [p.url, p]));
  const remade = new Set(made.pages.map((p) => p.url));
  const joins = bundles.map((found): Join => {
    const ordered = joinOrder(found.map((p) => byUrl.get(p.url)!.record));
    return {
      state: { pages: ordered.map((r) => joinedPage(byUrl.get(r.url)!)), words: joinWords(ordered) },
      fields: fieldsOf(ordered),
      changed: found.filter((p) => remade.has(p.url)).length,
      records: ordered,
    };
  });
  cache.save();
  return { joins, statics, reindexed: { pages: missed.length, runs: made.runs } };
}

/**
 * `missed` indexed by Pagefind runs of at most PART_PAGES pages; Pagefind's scripts from the first
 * run, if any. The runs overlap: while Pagefind indexes and writes one run, this process stages the
 * next run's pages and takes the last one's bundle apart, so the two cores work side by side
 * instead of in turn (Pagefind's service answers one request at a time, this process is one thread).
 */
async function indexRuns(
  missed: readonly Missed[],
): Promise<{ pages: CachedPage[]; runs: number; statics?: StaticFiles }> {
  const size = Number(process.env.GONGSHI_SEARCH_PART_PAGES) || PART_PAGES;
  const parts: (readonly Missed[])[] = [];
  for (let i = 0; i < missed.length; i += size) parts.push(missed.slice(i, i + size));
  const pages: CachedPage[] = [];
  let statics: StaticFiles | undefined;
  if (parts.length === 0) return { pages, runs: 0 };
  const pagefind = await import('pagefind');
  const staged: Staged[] = [];
  const start = (run: Staged) => {
    const running = pagefindRun(pagefind, run);
    // Awaited later; a failure while this process stages or takes apart another run must not go unhandled.
    running.catch(() => undefined);
    return running;
  };
  try {
    staged.push(stage(parts[0]!));
    let running = start(staged[0]!);
    for (let k = 0; k < parts.length; k++) {
      if (k + 1 < parts.length) staged.push(stage(parts[k + 1]!));
      await running;
      if (k + 1 < parts.length) running = start(staged[k + 1]!);
      const made = takenApart(staged[k]!, statics === undefined);
      pages.push(...made.pages);
      statics ??= made.statics;
      rmSync(staged[k]!.dir, { recursive: true, force: true });
    }
  } finally {
    await pagefind.close();
    for (const { dir } of staged) rmSync(dir, { recursive: true, force: true });
  }
  return { pages, runs: parts.length, statics };
}

/** A run's pages as Pagefind reads them: segmented, in `dir`/site, with what this step reads from them. */
interface Staged {
  dir: string;
  pages: { url: string; key: string; names: NameRecord[]; sorts: Record<string, string> | undefined }[];
}

/**
 * The pages read, segmented and written under a temporary folder, laid out as in the site (so
 * Pagefind gives them the same URLs), with the sort values and names records each holds. Pagefind
 * reads a folder's files on all cores, and the pages do not cross its service's pipe as base64 JSON.
 */
function stage(missed: readonly Missed[]): Staged {
  const dir = mkdtempSync(join(STAGING, 'gongshi-search-'));
  const made = new Set<string>();
  const pages = missed.map(({ url, file, path, key }) => {
    const html = readFileSync(file, 'utf8');
    const content = segmentedHtml(html);
    const to = join(dir, 'site', path);
    const folder = dirname(to);
    if (!made.has(folder)) mkdirSync(folder, { recursive: true });
    made.add(folder);
    writeFileSync(to, content);
    const sorts = [...content.matchAll(SORT_SPAN)];
    return {
      url,
      key,
      names: nameRecords(url, html),
      sorts: sorts.length > 0 ? Object.fromEntries(sorts.map((m) => [m[1], m[2]])) : undefined,
    };
  });
  return { dir, pages };
}

/**
 * Where runs are staged: in memory (Linux's /dev/shm) when it has room for two runs and their
 * bundles (≈ 100 MB; a container's is often 64 MB), else the system's temporary folder. On disk,
 * making, writing and removing a thousand folders a run cost more system time than Pagefind saved.
 */
const STAGING = (() => {
  try {
    const { bavail, bsize } = statfsSync('/dev/shm');
    if (bavail * bsize >= 2 ** 30) return '/dev/shm';
  } catch {
    // No such folder (not Linux): the temporary folder.
  }
  return tmpdir();
})();

type PagefindModule = typeof import('pagefind');

/**
 * One Pagefind run over a staged folder, its bundle written into `outputPath` (by default the
 * folder's `pagefind/`); the index is deleted from the service after, the service left open.
 */
async function pagefindRun(
  pagefind: PagefindModule,
  { dir, pages }: Staged,
  outputPath = join(dir, 'pagefind'),
): Promise<void> {
  const index = await newIndex(pagefind);
  try {
    // Both requests at once: the service answers them in order, so it writes the bundle as soon as
    // it has read the pages, even while this process is busy with another run.
    const [added, written] = await Promise.all([
      index.addDirectory({ path: join(dir, 'site') }),
      index.writeFiles({ outputPath }),
    ]);
    if (added.errors.length > 0) fail('addDirectory', added.errors);
    if (added.page_count !== pages.length)
      fail('addDirectory', [`Pagefind 读到 ${added.page_count} 个页面,应为 ${pages.length} 个 (pages not read)`]);
    await bundleWritten(outputPath, written.errors);
  } finally {
    await index.deleteIndex();
  }
}

async function newIndex(pagefind: PagefindModule) {
  const { index, errors } = await pagefind.createIndex(PAGEFIND_OPTIONS);
  if (!index || errors.length > 0) return fail('createIndex', errors);
  return index;
}

/** Pagefind's answer to writeFiles checked, and its bundle in `outputPath` settled on disk. */
async function bundleWritten(outputPath: string, errors: readonly string[]): Promise<void> {
  if (errors.length > 0) fail('writeFiles', errors);
  if (!(await bundleSettles(outputPath)))
    fail('writeFiles', [`${outputPath} 在 60 秒内没有写完 (the bundle never settled)`]);
}

/** The bundle at `outputPath` in canonical order (pagefind-canonical.ts), or the step fails. */
function canonical(outputPath: string, options?: { rewriteIndex: boolean }): void {
  try {
    canonicalizePagefindBundle(outputPath, options);
  } catch (error) {
    fail('canonical order', [error instanceof Error ? error.message : String(error)]);
  }
}

/**
 * A staged run's bundle taken apart into the pages' cache entries; and, when `withStatics`,
 * Pagefind's scripts and bundle shape, the same for every run of these settings.
 */
function takenApart(run: Staged, withStatics: boolean): { pages: CachedPage[]; statics?: StaticFiles } {
  const bundle = join(run.dir, 'pagefind');
  // Its index chunks are decoded below, never served: they need not be cut again.
  canonical(bundle, { rewriteIndex: false });
  const sortValues = Object.fromEntries(run.pages.flatMap((p) => (p.sorts ? [[p.url, p.sorts]] : [])));
  const fragments = new Map<string, Buffer>();
  const { shape, records } = bundleRecords(run.dir, sortValues, (hash, path) =>
    fragments.set(hash, readFileSync(path)),
  );
  const byUrl = new Map(records.map((r) => [r.url, r]));
  const pages = run.pages.map((p): CachedPage => {
    const record = byUrl.get(p.url);
    if (!record)
      return fail('addDirectory', [`${p.url}: Pagefind 没有索引这个页面 (the page was handed over but not indexed)`]);
    return { url: p.url, key: p.key, record, fragment: fragments.get(record.hash)!, sorts: p.sorts, names: p.names };
  });
  if (!withStatics) return { pages };
  const files = filesUnder(bundle)
    .filter((f) => !JOINED_FILES.test(f) && !f.startsWith('fragment/'))
    .map((f): [string, Buffer] => [f, readFileSync(join(bundle, f))]);
  return { pages, statics: { shape, files } };
}

/**
 * Pagefind's own bundles of the pages of `siteDir`, one run per bundle (search-bundles.ts), no
 * cache, no join, written under `outSite` as indexSite lays them out, in canonical order: what
 * indexSite's joined bundles must equal byte for byte (tests/build/search-parts.test.ts). The pages
 * go over the service's pipe one by one in code-point order, the order the join numbers them in
 * (pagefind-merge.ts joinOrder; a folder is read in no set order), so the check also covers the
 * staged folders indexSite hands Pagefind instead.
 */
export async function indexInOneRun(siteDir: string, outSite: string): Promise<void> {
  const binary = resolveExtendedPagefind();
  process.env.PAGEFIND_EXTENDED_BINARY_PATH = binary;
  const pages = htmlFiles(siteDir)
    .filter((file) => readFileSync(file).indexOf(BODY) >= 0)
    .map((file) => foundPage(siteDir, file, ''));
  const pagefind = await import('pagefind');
  try {
    for (const bundle of SEARCH_BUNDLES) {
      const outputPath = join(outSite, bundle.root, 'pagefind');
      const index = await newIndex(pagefind);
      for (const { url, file } of pages.filter((p) => bundle.holds(p.url))) {
        const added = await index.addHTMLFile({ url, content: segmentedHtml(readFileSync(file, 'utf8')) });
        if (added.errors.length > 0) fail('addHTMLFile', added.errors);
      }
      await bundleWritten(outputPath, (await index.writeFiles({ outputPath })).errors);
      await index.deleteIndex();
      canonical(outputPath);
      for (const f of filesUnder(outputPath))
        if (!JOINED_FILES.test(f) && !f.startsWith('fragment/') && !bundle.scripts.test(f)) rmSync(join(outputPath, f));
    }
  } finally {
    await pagefind.close();
  }
}

function fail(step: string, errors: readonly string[]): never {
  throw new Error(`搜索索引失败 (Pagefind ${step}): ${errors.join('; ')}`);
}

/** The version of the platform package the binary came from (part of every cache key, beside the binary's own hash). */
function pagefindVersion(binary: string): string {
  return (JSON.parse(readFileSync(join(dirname(binary), '..', 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * The site's HTML files in code-point order (so the index is the same every time). The search
 * step's own output (Pagefind's bundles, the names index) holds no page and is not walked: kept
 * in the site between runs, it was a third of the entries listed.
 */
function htmlFiles(siteDir: string): string[] {
  const skip = new Set(SEARCH_OUTPUTS.map((output) => join(siteDir, output)));
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const d of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, d.name);
      if (d.isDirectory()) {
        if (!skip.has(path)) walk(path);
      } else if (d.isFile() && d.name.endsWith('.html')) files.push(path);
    }
  };
  walk(siteDir);
  return files.sort(cmp);
}

/** The page at `file`, with the URL Pagefind gives it: a directory's index.html is the directory. */
function foundPage(siteDir: string, file: string, key: string): Missed {
  const path = relative(siteDir, file).split(sep).join('/');
  return { url: `/${path.replace(/(^|\/)index\.html$/, '$1')}`, file, path, key };
}

/**
 * A chart (charts/ChartTable.astro: a figure holding no other figure), whose contents
 * SEARCH_EXCLUDED_SELECTORS keeps out of the index: a fifth of a compound page's bytes, which
 * Pagefind would parse only to drop. Its own tag stays: Pagefind lists its id among the page's anchors.
 */
const CHART = /(<figure class="chart(?: [^"]*)?"[^>]*>).*?<\/figure>/gs;

/**
 * The fund ledger (compound/ledger-rows.ts) and, in it, the rows SEARCH_EXCLUDED_SELECTORS keeps
 * out (those without a class: neither spending nor reversal; the head's), emptied the same way.
 */
const LEDGER = /<table class="ledger(?: [^"]*)?"[^>]*>.*?<\/table>/gs;
const UNINDEXED_ROW = /(<tr(?: id="[^"]*")?>).*?<\/tr>/gs;

/** The page's body less what Pagefind would parse only to leave out of the index. */
const unindexedEmptied = (body: string) =>
  body.replace(CHART, '$1</figure>').replace(LEDGER, (table) => table.replace(UNINDEXED_ROW, '$1</tr>'));

/**
 * The page's HTML with the Chinese of its text (never of its tags) cut into words, less what
 * Pagefind would only leave out (unindexedEmptied).
 * Filter, sort and meta values (data-pagefind-filter/-sort/-meta) are left whole: they are matched
 * and shown as written (黄浦区, not 黄浦 区).
 */
function segmentedHtml(html: string): string {
  // Pagefind reads only the data-pagefind-body part of a site that has one, so text before it
  // (the head, the site header) is handed over as it is.
  const body = Math.max(0, html.indexOf(BODY));
  return (
    html.slice(0, body) +
    unindexedEmptied(html.slice(body)).replace(/(<[^>]*>)([^<]+)/g, (_, tag: string, text: string) =>
      /\sdata-pagefind-(filter|sort|meta)\b/.test(tag) ? tag + text : tag + segmentHan(text),
    )
  );
}

/**
 * Pagefind's writeFiles can resolve while its backend is still writing (seen under load:
 * a truncated pagefind-entry.json), so wait until every file's size holds still across
 * three looks and the entry file parses. Bounded: false after the timeout, and the build fails.
 */
async function bundleSettles(dir: string, timeoutMs = 60_000): Promise<boolean> {
  const snapshot = (): string =>
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => {
        const file = join(d.parentPath, d.name);
        return `${file}:${statSync(file).size}`;
      })
      .sort(cmp)
      .join('\n');
  const entryParses = (): boolean => {
    try {
      JSON.parse(readFileSync(join(dir, 'pagefind-entry.json'), 'utf8'));
      return true;
    } catch {
      return false;
    }
  };
  const deadline = Date.now() + timeoutMs;
  let last = '';
  let still = 0;
  while (Date.now() < deadline) {
    const now = snapshot();
    still = now === last ? still + 1 : 0;
    last = now;
    if (still >= 2 && entryParses()) return true;
    await new Promise((r) => setTimeout(r, 150));
  }
  return false;
}
