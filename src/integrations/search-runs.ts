/**
 * The search step's Pagefind runs (search.ts): what a page is turned into before Pagefind reads it
 * (its Chinese cut into words, what the index leaves out emptied), the runs the pages are staged
 * into as the step walks the site, and each run's bundle taken apart into the pages' cache entries
 * (search-cache.ts), which search.ts joins.
 */
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statfsSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { canonicalizePagefindBundle } from './pagefind-canonical.ts';
import { segmentHan } from '../components/search/han-words.ts';
import type { NameRecord } from '../components/search/names.ts';
import { nameRecords } from './search-names.ts';
import { cmp } from '../lib/util/compare.ts';
import { filesUnder } from '../lib/util/files.ts';
import { bundleRecords, JOINED_FILES } from './pagefind-merge.ts';
import type { CachedPage, StaticFiles } from './search-cache.ts';

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
export const PAGEFIND_OPTIONS = { forceLanguage: 'zh-cn', excludeSelectors: SEARCH_EXCLUDED_SELECTORS };

/** Marks a page Pagefind indexes (the layout sets it on every page that is). */
export const BODY = ' data-pagefind-body';

const SORT_SPAN = /<span data-pagefind-sort="([^"]+)">([^<]*)<\/span>/g;

/** A page to index: its file and the hash of its bytes. */
export interface Missed {
  url: string;
  file: string;
  /** Its path under the site. */
  path: string;
  key: string;
}

/**
 * How many full parts may wait staged for their run: while Pagefind works on one run, this process
 * reads, hashes and stages the next pages; with one part waiting it stops (staging more would only
 * fill memory, Pagefind being behind).
 */
const PARTS_AHEAD = 1;

/** How many pages the walk passes between two looks at whether Pagefind has finished its run. */
const LOOK_EVERY = 32;

/**
 * The pages the search step hands Pagefind, indexed by runs of at most PART_PAGES pages as they come
 * (stage): the first run starts as soon as its pages are read, not after the whole site has been
 * walked, and while Pagefind indexes and writes one run (on its own cores) this process reads and
 * stages the next pages and takes the last run's bundle apart, so that the two cores work side by
 * side instead of in turn (Pagefind's service answers one request at a time, this process is one
 * thread). `pages` holds every page's entry once `done` resolves; Pagefind's scripts come from the
 * first run. `close` ends Pagefind's service and removes what is staged, whatever happened.
 */
export class PagefindRuns {
  readonly #size = Number(process.env.GONGSHI_SEARCH_PART_PAGES) || PART_PAGES;
  #pagefind: PagefindModule | undefined;
  #filling: (Staged & { made: Set<string> }) | undefined;
  readonly #full: Staged[] = [];
  #running: { run: Staged; done: Promise<void>; handed: Promise<void>; free: Promise<void>; over: boolean } | undefined;
  readonly #dirs: string[] = [];
  #looks = 0;
  /** Whether a part was filled since the last look. */
  #filled = false;
  /** The entries of the pages indexed so far, by URL. */
  readonly pages = new Map<string, CachedPage>();
  /** The names records of every page staged, by URL: known before Pagefind has indexed it. */
  readonly names = new Map<string, NameRecord[]>();
  /** Pagefind's scripts and bundle shape, from the first run taken apart. */
  statics: StaticFiles | undefined;
  /** How many runs were started. */
  runs = 0;

  /**
   * Stages the page `page` (`bytes`: its file's, if already read), read, segmented and written under
   * a temporary folder laid out as the site (so Pagefind gives it the same URL), with the sort values
   * and names records it holds. Pagefind reads a folder's files on all cores, and the pages do not
   * cross its service's pipe as base64 JSON.
   */
  stage({ url, file, path, key }: Missed, bytes?: Buffer): void {
    if (!this.#filling) {
      const dir = mkdtempSync(join(STAGING, 'gongshi-search-'));
      this.#dirs.push(dir);
      this.#filling = { dir, pages: [], made: new Set() };
    }
    const staging = this.#filling;
    const html = (bytes ?? readFileSync(file)).toString('utf8');
    const content = segmentedHtml(html);
    const to = join(staging.dir, 'site', path);
    const folder = dirname(to);
    if (!staging.made.has(folder)) mkdirSync(folder, { recursive: true });
    staging.made.add(folder);
    writeFileSync(to, content);
    const sorts = [...content.matchAll(SORT_SPAN)];
    const names = nameRecords(url, html);
    this.names.set(url, names);
    staging.pages.push({
      url,
      key,
      names,
      sorts: sorts.length > 0 ? Object.fromEntries(sorts.map((m) => [m[1], m[2]])) : undefined,
    });
    if (staging.pages.length >= this.#size) {
      this.#full.push(staging);
      this.#filling = undefined;
      this.#filled = true;
    }
  }

  /**
   * Called between pages: every LOOK_EVERY calls, and when a part has just been filled, starts the
   * next run if Pagefind has finished its last, and waits while more than PARTS_AHEAD parts wait.
   */
  async pace(): Promise<void> {
    if (++this.#looks % LOOK_EVERY !== 0 && !this.#filled) return;
    this.#filled = false;
    // Pagefind's answers are read only when the event loop runs.
    await new Promise(setImmediate);
    await this.#next();
    while (this.#full.length > PARTS_AHEAD) {
      await this.#running!.free;
      await this.#next();
    }
  }

  /**
   * Runs the pages still staged and takes every run apart; `meanwhile` is called once, while
   * Pagefind works on the last run (or at the end, if there was none): what needs every page but
   * not Pagefind's output is done then, instead of after the last run on one core.
   */
  async done(meanwhile?: () => void): Promise<void> {
    if (this.#filling) this.#full.push(this.#filling);
    this.#filling = undefined;
    while (this.#running || this.#full.length > 0) {
      if (this.#full.length === 0 && meanwhile) {
        await this.#running?.handed;
        meanwhile();
        meanwhile = undefined;
      }
      await this.#running?.free;
      await this.#next();
    }
    meanwhile?.();
  }

  /**
   * If Pagefind has answered its run's writeFiles, or has no run: starts the next staged one, then
   * takes the finished one apart once its bundle has settled (Pagefind works on the next meanwhile).
   */
  async #next(): Promise<void> {
    const finished = this.#running?.over ? this.#running : undefined;
    if (finished) this.#running = undefined;
    const run = this.#running ? undefined : this.#full.shift();
    if (run) {
      this.#pagefind ??= await import('pagefind');
      let sent!: () => void;
      let answered!: () => void;
      const handed = new Promise<void>((resolve) => (sent = resolve));
      const free = new Promise<void>((resolve) => (answered = resolve));
      const done = pagefindRun(this.#pagefind, run, sent, answered);
      // Awaited later; a failure while this process stages or takes apart another run must not go unhandled.
      done.then(sent, sent);
      done.then(answered, answered);
      const running = { run, done, handed, free, over: false };
      void free.then(() => (running.over = true));
      this.#running = running;
      this.runs++;
    }
    if (finished) {
      await finished.done; // its failure, thrown here
      // Taking a run apart never lets the event loop run: Pagefind is handed its next run first,
      // or it would wait through it for its answer to createIndex to be read.
      await this.#running?.handed;
      const made = takenApart(finished.run, this.statics === undefined);
      for (const page of made.pages) this.pages.set(page.url, page);
      this.statics ??= made.statics;
      rmSync(finished.run.dir, { recursive: true, force: true });
    }
  }

  async close(): Promise<void> {
    try {
      await this.#pagefind?.close();
    } finally {
      for (const dir of this.#dirs) rmSync(dir, { recursive: true, force: true });
    }
  }
}

/** A run's pages as Pagefind reads them: segmented, in `dir`/site, with what this step reads from them. */
interface Staged {
  dir: string;
  pages: { url: string; key: string; names: NameRecord[]; sorts: Record<string, string> | undefined }[];
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
 * One Pagefind run over a staged folder, its bundle written into the folder's `pagefind/`: `sent`
 * called once the pages and the writing are asked for, `answered` once Pagefind has answered both
 * (it is then free for the next run, while this waits for the bundle to settle on disk); the index
 * is deleted from the service after, the service left open.
 */
async function pagefindRun(
  pagefind: PagefindModule,
  { dir, pages }: Staged,
  sent: () => void,
  answered: () => void,
): Promise<void> {
  const outputPath = join(dir, 'pagefind');
  const index = await newIndex(pagefind);
  try {
    // Both requests at once: the service answers them in order, so it writes the bundle as soon as
    // it has read the pages, even while this process is busy with another run.
    const asked = Promise.all([index.addDirectory({ path: join(dir, 'site') }), index.writeFiles({ outputPath })]);
    sent();
    const [added, written] = await asked;
    answered();
    if (added.errors.length > 0) fail('addDirectory', added.errors);
    if (added.page_count !== pages.length)
      fail('addDirectory', [`Pagefind 读到 ${added.page_count} 个页面,应为 ${pages.length} 个 (pages not read)`]);
    await bundleWritten(outputPath, written.errors);
  } finally {
    await index.deleteIndex();
  }
}

export async function newIndex(pagefind: PagefindModule) {
  const { index, errors } = await pagefind.createIndex(PAGEFIND_OPTIONS);
  if (!index || errors.length > 0) return fail('createIndex', errors);
  return index;
}

/** Pagefind's answer to writeFiles checked, and its bundle in `outputPath` settled on disk. */
export async function bundleWritten(outputPath: string, errors: readonly string[]): Promise<void> {
  if (errors.length > 0) fail('writeFiles', errors);
  if (!(await bundleSettles(outputPath)))
    fail('writeFiles', [`${outputPath} 在 60 秒内没有写完 (the bundle never settled)`]);
}

/** The bundle at `outputPath` in canonical order (pagefind-canonical.ts), or the step fails. */
export function canonical(outputPath: string, options?: { rewriteIndex: boolean }): void {
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

export function fail(step: string, errors: readonly string[]): never {
  throw new Error(`搜索索引失败 (Pagefind ${step}): ${errors.join('; ')}`);
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
export function segmentedHtml(html: string): string {
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
