/**
 * Search indexing: after `astro build` has written the pages and exited, Pagefind indexes them
 * into `<outDir>/pagefind/`, which the search page loads in the browser. `npm run build`
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
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { canonicalizePagefindBundle } from './pagefind-canonical.ts';
import { segmentHan } from '../components/search/han-words.ts';
import type { NameRecord } from '../components/search/names.ts';
import { nameRecords, writeNamesIndex } from './search-names.ts';
import { cmp } from '../lib/util/compare.ts';
import { fnv1a } from '../lib/util/fnv.ts';
import { fragmentUrls, joinSearchBundles } from './pagefind-merge.ts';
import { cachedPart, PartKey, pruneParts, runSettings, stagingDir, storePart } from './search-cache.ts';

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
  // Of the ledger, only what money was spent on, its approval and reversals: interest and
  // revenue transfers are the same words on every page.
  'table.ledger tr:not(.out):not(.reversal)',
  'table.ledger td:not(.wrap)',
  'nav.toc',
  'table.cadence',
  '.print-only',
];

/** Pages handed to Pagefind before waiting for one to be indexed. */
const PAGES_IN_FLIGHT = 16;

/**
 * About how many indexed pages one Pagefind run gets (GONGSHI_SEARCH_PART_PAGES overrides it; the
 * tests force small parts). Pagefind holds a run's whole index until it writes it: one run over
 * the 25,656 pages of 15,000 compounds peaked at 6.3 GB, so the site is indexed part by part
 * and the parts joined (pagefind-merge.ts). Smaller parts also make a re-publish re-index less.
 */
const PART_PAGES = 1000;

/** The options every Pagefind run gets (part of each part's cache key, search-cache.ts). */
const PAGEFIND_OPTIONS = { forceLanguage: 'zh-cn', excludeSelectors: SEARCH_EXCLUDED_SELECTORS };

export interface IndexSummary {
  pageCount: number;
  outputPath: string;
  binary: string;
  /** Each indexed page's sort values (URL → sort name → value as written): a shard hands them to the merge (pagefind-merge.ts). */
  sortValues: Record<string, Record<string, string>>;
  /** The names index's records of the indexed pages (search-names.ts): a shard hands them to the merge too. */
  names: NameRecord[];
  /** How many parts the pages were cut into, and how many of them Pagefind indexed (the others came from the cache). */
  parts: { count: number; indexed: number };
}

/** A cached part's page URLs by fragment hash, kept beside its bundle for the join. */
const PART_URLS = 'urls.json';

const SORT_SPAN = /<span data-pagefind-sort="([^"]+)">([^<]*)<\/span>/g;

interface Page {
  url: string;
  content: string;
}

/**
 * How many parts a site of `files` HTML files is cut into: a power of two, so that a page's part
 * (its URL's hash modulo the count) stays where it is while the site grows, until the count
 * doubles. Cut by position in the page list instead, one new compound would move every later
 * part's boundary and a re-publish would re-index them all.
 */
function partCount(files: number): number {
  const target = Number(process.env.GONGSHI_SEARCH_PART_PAGES) || PART_PAGES;
  return 2 ** Math.max(0, Math.ceil(Math.log2(files / target)));
}

/**
 * Index every built page under `siteDir` into `siteDir/pagefind`, and their names into the names
 * index (search-names.ts). The pages are cut into parts by a hash of their URL; each part is
 * indexed by its own Pagefind process (closed before the next starts, so Pagefind's memory is one
 * part's) or taken from the cache when its pages are the same (search-cache.ts), and the parts'
 * bundles are joined into the one bundle a single run over all pages writes (pagefind-merge.ts).
 * Throws with a readable message on any problem.
 */
export async function indexSite(siteDir: string): Promise<IndexSummary> {
  const binary = resolveExtendedPagefind();
  // The Pagefind npm package reads this variable before looking for any binary of its own.
  process.env.PAGEFIND_EXTENDED_BINARY_PATH = binary;
  const settings = runSettings(binary, pagefindVersion(binary), PAGEFIND_OPTIONS);
  const files = htmlFiles(siteDir);
  const count = partCount(files.length);
  const byPart = Array.from({ length: count }, (): string[] => []);
  for (const file of files) byPart[fnv1a(pageUrl(siteDir, file)) % count]!.push(file);

  const sortValues: Record<string, Record<string, string>> = {};
  const names: NameRecord[] = [];
  const partSites: string[] = [];
  const urls = new Map<string, string>();
  const used = new Set<string>();
  let pageCount = 0;
  let indexed = 0;
  for (const partFiles of byPart) {
    // A part's pages are read and cut once and held while it is indexed: at most one part's worth.
    const key = new PartKey(settings);
    const pages: Page[] = [];
    for (const file of partFiles) {
      const html = readFileSync(file, 'utf8');
      const content = segmentedHtml(html);
      // A page without data-pagefind-body is not indexed (the layout marks every page that is),
      // so it is not sent: history and data pages were over half the pages and of the bytes.
      if (content === undefined) continue;
      const url = pageUrl(siteDir, file);
      names.push(...nameRecords(url, html));
      const sorts = [...content.matchAll(SORT_SPAN)];
      if (sorts.length > 0) sortValues[url] = Object.fromEntries(sorts.map((m) => [m[1], m[2]]));
      key.addPage(url, content);
      pages.push({ url, content });
    }
    if (pages.length === 0) continue;
    pageCount += pages.length;
    const digest = key.digest();
    used.add(digest);
    let dir = cachedPart(digest);
    if (dir === undefined) {
      const staged = stagingDir(digest);
      await indexPart(pages, join(staged, 'pagefind'));
      writeFileSync(
        join(staged, PART_URLS),
        JSON.stringify(Object.fromEntries(fragmentUrls(join(staged, 'pagefind')))),
      );
      dir = storePart(digest, staged);
      indexed += 1;
    }
    partSites.push(dir);
    for (const [hash, url] of Object.entries(
      JSON.parse(readFileSync(join(dir, PART_URLS), 'utf8')) as Record<string, string>,
    ))
      urls.set(hash, url);
  }
  if (pageCount === 0) fail('addHTMLFile', [`${siteDir} 中没有可索引的页面 (no HTML page found)`]);

  const outputPath = join(siteDir, 'pagefind');
  // An earlier run's bundle would leave its files beside the new ones.
  rmSync(outputPath, { recursive: true, force: true });
  try {
    joinSearchBundles(partSites, siteDir, sortValues, urls);
  } catch (error) {
    fail('join', [error instanceof Error ? error.message : String(error)]);
  }
  writeNamesIndex(siteDir, names);
  pruneParts(used);
  return { pageCount, outputPath, binary, sortValues, names, parts: { count, indexed } };
}

function fail(step: string, errors: readonly string[]): never {
  throw new Error(`搜索索引失败 (Pagefind ${step}): ${errors.join('; ')}`);
}

/** The version of the platform package the binary came from (part of every cache key, beside the binary's own hash). */
function pagefindVersion(binary: string): string {
  return (JSON.parse(readFileSync(join(dirname(binary), '..', 'package.json'), 'utf8')) as { version: string }).version;
}

/** One Pagefind run over `pages`, written into `outputPath` in canonical order; its service is closed before this returns. */
async function indexPart(pages: readonly Page[], outputPath: string): Promise<void> {
  const pagefind = await import('pagefind');
  try {
    const { index, errors } = await pagefind.createIndex(PAGEFIND_OPTIONS);
    if (!index || errors.length > 0) return fail('createIndex', errors);
    // Pages go to Pagefind's service a few at a time: awaiting each one left its indexer idle
    // while this process read and cut the next page. The bundle is the same bytes either way
    // (tests/build/search-index.test.ts builds it twice).
    const inFlight = new Set<Promise<void>>();
    // Refusals are collected, not thrown from a callback: a page's promise leaves the set when it
    // settles, and a rejection nobody awaits any more would end the process with a stack trace.
    const refused: string[] = [];
    for (const { url, content } of pages) {
      const sent: Promise<void> = index
        .addHTMLFile({ url, content })
        .then(
          (added) => void refused.push(...added.errors),
          (error: unknown) => void refused.push(`${url}: ${error instanceof Error ? error.message : String(error)}`),
        )
        .finally(() => inFlight.delete(sent));
      inFlight.add(sent);
      if (inFlight.size >= PAGES_IN_FLIGHT) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    if (refused.length > 0) fail('addHTMLFile', refused);
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length > 0) fail('writeFiles', written.errors);
    if (!(await bundleSettles(outputPath)))
      fail('writeFiles', [`${outputPath} 在 60 秒内没有写完 (the bundle never settled)`]);
    try {
      canonicalizePagefindBundle(outputPath);
    } catch (error) {
      fail('canonical order', [error instanceof Error ? error.message : String(error)]);
    }
  } finally {
    await pagefind.close();
  }
}

/** The site's HTML files in code-point order (so the index is the same every time), less Pagefind's own. */
function htmlFiles(siteDir: string): string[] {
  return readdirSync(siteDir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.html'))
    .map((d) => join(d.parentPath, d.name))
    .filter((file) => !relative(siteDir, file).startsWith(`pagefind${sep}`))
    .sort(cmp);
}

/** The URL Pagefind would give the file: a directory's index.html is the directory. */
function pageUrl(siteDir: string, file: string): string {
  const path = relative(siteDir, file).split(sep).join('/');
  return `/${path.replace(/(^|\/)index\.html$/, '$1')}`;
}

/**
 * The page's HTML with the Chinese of its text (never of its tags) cut into words. Filter, sort
 * and meta values (data-pagefind-filter/-sort/-meta) are left whole: they are matched and shown
 * as written (黄浦区, not 黄浦 区).
 */
function segmentedHtml(html: string): string | undefined {
  // Pagefind reads only the data-pagefind-body part of a site that has one, so text before it
  // (the head, the site header) is handed over as it is.
  const body = html.indexOf(' data-pagefind-body');
  if (body < 0) return undefined;
  return (
    html.slice(0, body) +
    html
      .slice(body)
      .replace(/(<[^>]*>)([^<]+)/g, (_, tag: string, text: string) =>
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
