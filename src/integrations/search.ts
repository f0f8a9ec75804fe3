/**
 * Search indexing: after `astro build` has written the pages and exited, Pagefind indexes them
 * into `<outDir>/pagefind/` and, the compound pages, `<outDir>/search/compounds/pagefind/`
 * (search-bundles.ts), which the search page loads in the browser. `npm run build`
 * (scripts/build.ts) and the shard merge (scripts/merge-shards.ts) call indexSite() in a
 * process that never held the dataset, so its memory and the build's do not add up.
 *
 * Words: Pagefind is handed each page's HTML with its text already cut into words by the
 * browser's own segmenter (components/search/han-words.ts says why), not the files on disk,
 * which stay as they are, and indexes it under a language it only splits on whitespace
 * (pagefind-format.ts INDEX_LANGUAGE). The build resolves the EXTENDED Pagefind binary all the
 * same (PAGEFIND_EXTENDED_BINARY_PATH; if it is missing the build stops): it is the binary every
 * cached entry and every shard was made by, and the npm package would silently fall back to
 * the standard one.
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
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import type { NameRecord } from '../components/search/names.ts';
import { namesIndex, type NamesIndex, writeNames } from './search-names.ts';
import { SEARCH_BUNDLES, SEARCH_OUTPUTS, type SearchBundle, writeBundleSorts } from './search-bundles.ts';
import { cmp } from '../lib/util/compare.ts';
import { filesUnder, writeIfChanged } from '../lib/util/files.ts';
import {
  inFields,
  JOINED_FILES,
  joinOrder,
  joinWords,
  type PageHead,
  type PageRecord,
  writeJoined,
} from './pagefind-merge.ts';
import { patchWords } from './pagefind-patch.ts';
import {
  BODY,
  bundleWritten,
  canonical,
  fail,
  type Missed,
  newIndex,
  PAGEFIND_OPTIONS,
  PagefindRuns,
  segmentedHtml,
} from './search-runs.ts';
import { PageStamps } from './search-stamps.ts';
import { mark, spent } from './search-marks.ts';
import { WriteThread } from './search-writes.ts';
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
  /** The runs' numbers in the order Pagefind's services answered them (search-runs.ts): any order gives the same bundles. */
  answered: number[];
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

/**
 * Index every built page under `siteDir` into its search bundle (search-bundles.ts:
 * `siteDir/pagefind` and the compound pages' `siteDir/search/compounds/pagefind`), and their names
 * into the names index (search-names.ts). Every page file not written since the last run read it
 * (search-stamps.ts) is read and hashed; only the pages whose bytes the cache has not seen (search-cache.ts) are segmented and indexed, by Pagefind runs of at
 * most PART_PAGES pages started as the walk finds them (each deleted from Pagefind once written, so
 * its memory is one run's; this process walks on and takes the last run apart meanwhile:
 * search-runs.ts). Such a page is indexed however the bundles are then joined. When the site
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
  const runs = new PagefindRuns();
  const writes = new WriteThread();
  try {
    return await indexWith(siteDir, settings, binary, cache, runs, writes, opts);
  } finally {
    await Promise.all([runs.close(), writes.close()]);
  }
}

/** indexSite, its page cache, runs and write thread made (`runs` and `writes` are the caller's to close). */
async function indexWith(
  siteDir: string,
  settings: string,
  binary: string,
  cache: PageCache,
  runs: PagefindRuns,
  writes: WriteThread,
  opts: { records?: boolean },
): Promise<IndexSummary> {
  let statics = cache.staticFiles();
  const found: Missed[] = [];
  let missed = 0;
  const stamps = new PageStamps(settings, siteDir);
  for (const file of htmlFiles(siteDir)) {
    const page = foundPage(siteDir, file, '');
    let bytes: Buffer | undefined;
    // The hash of the page's bytes, '' for a page without data-pagefind-body: it is not indexed,
    // so it is not sent (history and data pages were over half the pages and of the bytes).
    page.key = stamps.value(file, page.path, () => {
      // Bytes, not text: decoding and segmenting are for the pages that missed.
      bytes = spent('read', () => readFileSync(file));
      return bytes.indexOf(BODY) < 0 ? '' : spent('hash', () => contentHash(bytes!));
    });
    if (page.key !== '') {
      found.push(page);
      // Not in the cache from these bytes: a join from scratch misses it, a patched one finds it changed.
      if (cache.previous(page.url)?.key !== page.key) {
        runs.stage(page, bytes);
        missed++;
      }
    }
    await runs.pace();
  }
  stamps.save();
  mark('walk', true);
  if (found.length === 0) fail('addHTMLFile', [`${siteDir} 中没有可索引的页面 (no HTML page found)`]);
  // Pagefind's scripts come from a run: with none kept and none to make, one page is indexed again.
  if (!statics && missed === 0) runs.stage(found[0]!);
  const bundles = SEARCH_BUNDLES.map((bundle) => ({
    bundle,
    found: found.filter((p) => bundle.holds(p.url)),
    joins: new JoinCache(settings, bundle.joinCache),
  }));
  // The site's names index is kept with the first bundle's join (JoinCache).
  let firstLast = statics ? bundles[0]!.joins.load() : undefined;
  const lastNames = firstLast?.names;
  // With no last names index to reuse, the names index is made and written while Pagefind works on
  // the last run: every page's names are known once the walk has ended (the index depends only on
  // the set of entries, search-names.ts), and this process would otherwise wait.
  let earlyNames: NamesIndex | undefined;
  await runs.done(() => {
    if (lastNames) return;
    earlyNames = namesIndex(found.flatMap((p) => runs.names.get(p.url) ?? cache.previous(p.url)!.names));
    writeNames(siteDir, earlyNames);
    mark('names index (early)');
  });
  mark('runs done', true);
  // Patched only when every bundle can be: a join from scratch keeps in the page cache only the
  // pages it used, so it must use every bundle's.
  let joins: Join[] | undefined = [];
  for (const [b, { found: pages, joins: joinCache }] of bundles.entries()) {
    const last = b === 0 ? firstLast : statics ? joinCache.load() : undefined;
    const patched = last && patchedJoin(last, pages, cache, runs.pages);
    if (!patched) {
      joins = undefined;
      break;
    }
    joins.push(patched);
  }
  // A join from scratch need not hold the last one.
  firstLast = undefined;
  const patched = joins !== undefined;
  if (joins) cache.replace([...runs.pages.values()], writes);
  else {
    const full = fullJoins(
      bundles.map((b) => b.found),
      cache,
      runs,
      writes,
      statics,
    );
    statics ??= full.statics;
    joins = full.joins;
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
  const namesIdx = earlyNames ?? ((patched && joins.every((j) => j.sameNames) && lastNames) || namesIndex(names));
  if (namesIdx !== earlyNames) {
    writeNames(siteDir, namesIdx);
    mark('names index');
  }
  for (const [b, { bundle, joins: joinCache }] of bundles.entries()) {
    const joined = joins[b]!;
    // Saved first, so that the thread writes it while this one writes the bundle.
    const state = b === 0 ? { ...joined.state, names: namesIdx } : joined.state;
    if (joined.changed > 0 || !patched || (b === 0 && lastNames !== namesIdx)) joinCache.save(state, writes);
    mark(`join cache ${b} handed over`);
    const outSite = join(siteDir, bundle.root);
    if (joined.state.pages.length > 0)
      await writeBundle(outSite, statics!, bundle, joined, sortValues, (bytes) => chunks.gzip(bytes), writes);
    else rmSync(join(outSite, 'pagefind'), { recursive: true, force: true });
    mark(`bundle ${b} written`);
  }
  writeBundleSorts(siteDir, sortValues);
  chunks.prune();
  await writes.done();
  mark('end');
  return {
    pageCount,
    outputPath: join(siteDir, 'pagefind'),
    binary,
    sortValues,
    names,
    reindexed: { pages: runs.pages.size, runs: runs.runs },
    answered: runs.answered,
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
  writes: WriteThread,
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
        undefined,
        (dir, files) => writes.writeFiles(dir, files),
      )
    ).files;
  } catch (error) {
    fail('join', [error instanceof Error ? error.message : String(error)]);
  }
  // An earlier run's bundle left in the site (the step run again over it) keeps only what this one holds.
  writes.removeOthers(outputPath, [...written, ...scripts.map(([path]) => path)]);
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
 * The last join of a bundle patched for the pages whose bytes changed (their new entries in
 * `made`), or undefined when it cannot be: the bundle's pages are not the last run's, a changed
 * page's old entry is gone from the cache, or the bundle's meta fields changed (the join then
 * starts from scratch).
 */
function patchedJoin(
  last: JoinState,
  found: readonly Missed[],
  cache: PageCache,
  made: ReadonlyMap<string, CachedPage>,
): Join | undefined {
  if (last.pages.length !== found.length) return undefined;
  const number = new Map(last.pages.map((p, n) => [p.url, n]));
  const changed: { n: number; before: CachedPage; after: CachedPage }[] = [];
  for (const page of found) {
    const n = number.get(page.url);
    if (n === undefined) return undefined;
    if (last.pages[n]!.key === page.key) continue;
    const before = cache.previous(page.url);
    // A changed page is not in the cache from its new bytes, so the walk had it indexed.
    const after = made.get(page.url);
    if (before?.key !== last.pages[n]!.key || !after) return undefined;
    changed.push({ n, before, after });
  }
  const fields = fieldsOf(last.pages.map((p) => p.head));
  const pages = [...last.pages];
  for (const { n, after } of changed) pages[n] = joinedPage(after);
  if (fieldsOf(pages.map((p) => p.head)).join('\0') !== fields.join('\0')) return undefined;
  const words = patchWords(
    last.words,
    new Map(
      changed.map(({ n, before, after }) => [
        n,
        { before: inFields(before.record, fields), after: inFields(after.record, fields) },
      ]),
    ),
  );
  const sameNames = changed.every(({ n }) => JSON.stringify(last.pages[n]!.names) === JSON.stringify(pages[n]!.names));
  return { state: { pages, words }, fields, changed: changed.length, sameNames };
}

/**
 * Every page's entry, from Pagefind's runs (`runs`, done) or the cache, and each bundle's
 * (`bundles`, the pages of each) joined from scratch. The page cache is saved once, with every
 * bundle's pages.
 */
function fullJoins(
  bundles: readonly (readonly Missed[])[],
  cache: PageCache,
  runs: PagefindRuns,
  writes: WriteThread,
  statics: StaticFiles | undefined,
): { joins: Join[]; statics: StaticFiles } {
  const byUrl = new Map<string, CachedPage>();
  for (const page of bundles.flat()) {
    const made = runs.pages.get(page.url);
    if (made) cache.add(made);
    const entry = made ?? cache.take(page.url, page.key);
    if (!entry) return fail('join', [`${page.url}: 没有这个页面的索引条目 (the page was neither indexed nor cached)`]);
    byUrl.set(page.url, entry);
  }
  mark('entries gathered');
  if (!statics && runs.statics) cache.saveStaticFiles(runs.statics);
  statics ??= runs.statics;
  if (!statics) return fail('join', ["Pagefind 没有写出它的脚本 (no run made Pagefind's scripts)"]);
  const joins = bundles.map((found, b): Join => {
    const ordered = joinOrder(found.map((p) => byUrl.get(p.url)!.record));
    const join = {
      state: { pages: ordered.map((r) => joinedPage(byUrl.get(r.url)!)), words: joinWords(ordered) },
      fields: fieldsOf(ordered),
      changed: found.filter((p) => runs.pages.has(p.url)).length,
      records: ordered,
    };
    mark(`words ${b} joined`);
    return join;
  });
  cache.save(writes);
  mark('page cache handed over');
  return { joins, statics };
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
