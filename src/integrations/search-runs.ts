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
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { canonicalizePagefindBundle } from './pagefind-canonical.ts';
import { type BundleFiles, filesInMemory } from './pagefind-files.ts';
import { segmentForIndex } from '../components/search/han-words.ts';
import type { NameRecord } from '../components/search/names.ts';
import { nameRecords } from './search-names.ts';
import { mark, spent } from './search-marks.ts';
import { cmp } from '../lib/util/compare.ts';
import { bundleRecords, JOINED_FILES } from './pagefind-merge.ts';
import { INDEX_LANGUAGE } from './pagefind-format.ts';
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
export const PAGEFIND_OPTIONS = { forceLanguage: INDEX_LANGUAGE, excludeSelectors: SEARCH_EXCLUDED_SELECTORS };

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
 * How many Pagefind services the step keeps, each working on its own run (GONGSHI_PAGEFIND_SERVICES
 * overrides it; the tests force two). A service answers one request at a time and most of a run's
 * work is on one of its threads, so one service left a core of two idle while this process waited
 * on it; a third service on two cores would only add a run's memory.
 */
const SERVICES = Math.min(2, availableParallelism());

/** A run handed to a service: `handed` once it was sent, `free` once the service has answered it. */
interface Running {
  run: Staged;
  done: Promise<void>;
  handed: Promise<void>;
  free: Promise<void>;
  over: boolean;
}

/** One Pagefind service (its own process) and the run it is working on, if any. */
interface Service {
  number: number;
  pagefind: PagefindModule | undefined;
  running: Running | undefined;
}

/**
 * The pages the search step hands Pagefind, indexed by runs of at most PART_PAGES pages as they come
 * (stage): the first run starts as soon as its pages are read, not after the whole site has been
 * walked, and while Pagefind's services index and write runs (on their own cores) this process reads
 * and stages the next pages and takes the finished runs apart, so that the two cores work side by
 * side instead of in turn (a Pagefind service answers one request at a time, this process is one
 * thread). Each of SERVICES services takes the next staged run when it is free, so runs may finish
 * in any order: `pages` is filled in the runs' order, and Pagefind's scripts come from the first
 * run, whichever service ran it. `pages` holds every page's entry once `done` resolves. `close`
 * ends the services and removes what is staged, whatever happened.
 */
export class PagefindRuns {
  readonly #size = Number(process.env.GONGSHI_SEARCH_PART_PAGES) || PART_PAGES;
  readonly #services: Service[] = Array.from(
    { length: Number(process.env.GONGSHI_PAGEFIND_SERVICES) || SERVICES },
    (_, number) => ({ number, pagefind: undefined, running: undefined }),
  );
  #filling: (Staged & { made: Set<string> }) | undefined;
  readonly #full: Staged[] = [];
  readonly #dirs: string[] = [];
  /** Each run's entries, by its number: taken apart in the order runs finish, kept in the order they were staged. */
  readonly #made: CachedPage[][] = [];
  #looks = 0;
  /** Whether a part was filled since the last look. */
  #filled = false;
  /** The entries of the pages indexed, by URL, in the runs' order: complete once `done` resolves. */
  readonly pages = new Map<string, CachedPage>();
  /** The names records of every page staged, by URL: known before Pagefind has indexed it. */
  readonly names = new Map<string, NameRecord[]>();
  /** Pagefind's scripts and bundle shape, from the first run. */
  statics: StaticFiles | undefined;
  /** How many runs were started. */
  runs = 0;
  /** The runs' numbers (in the order they were staged, from 0) in the order Pagefind answered them. */
  readonly answered: number[] = [];
  /** How many runs were staged. */
  #staged = 0;

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
      this.#filling = { dir, number: this.#staged++, pages: [], made: new Set() };
    }
    const staging = this.#filling;
    const html = spent('decode', () => (bytes ?? readFileSync(file)).toString('utf8'));
    const content = spent('segment', () => segmentedHtml(html));
    const to = join(staging.dir, 'site', path);
    const folder = dirname(to);
    spent('stage write', () => {
      if (!staging.made.has(folder)) mkdirSync(folder, { recursive: true });
      writeFileSync(to, content);
    });
    staging.made.add(folder);
    const sorts = spent('sorts', () => [...content.matchAll(SORT_SPAN)]);
    const names = spent('names', () => nameRecords(url, html));
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
   * next runs on the services that have finished theirs, and waits while more than PARTS_AHEAD
   * parts wait.
   */
  async pace(): Promise<void> {
    if (++this.#looks % LOOK_EVERY !== 0 && !this.#filled) return;
    this.#filled = false;
    // Pagefind's answers are read only when the event loop runs.
    await new Promise(setImmediate);
    await this.#next();
    while (this.#full.length > PARTS_AHEAD) {
      await this.#oneFree();
      await this.#next();
    }
  }

  /**
   * Runs the pages still staged and takes every run apart; `meanwhile` is called once, while
   * Pagefind works on the last runs (or at the end, if there was none): what needs every page but
   * not Pagefind's output is done then, instead of after the last run on one core.
   */
  async done(meanwhile?: () => void): Promise<void> {
    if (this.#filling) this.#full.push(this.#filling);
    this.#filling = undefined;
    while (this.#inFlight().length > 0 || this.#full.length > 0) {
      if (this.#full.length === 0 && meanwhile) {
        await Promise.all(this.#inFlight().map((r) => r.handed));
        meanwhile();
        meanwhile = undefined;
      }
      await this.#oneFree();
      await this.#next();
    }
    meanwhile?.();
    for (const made of this.#made) for (const page of made) this.pages.set(page.url, page);
  }

  #inFlight(): Running[] {
    return this.#services.flatMap((s) => (s.running ? [s.running] : []));
  }

  /** Resolves once a service has answered its run, or at once if one has or one is idle with a run staged. */
  async #oneFree(): Promise<void> {
    const running = this.#inFlight();
    if (running.some((r) => r.over) || (running.length < this.#services.length && this.#full.length > 0)) return;
    await Promise.race(running.map((r) => r.free));
  }

  /**
   * Starts the next staged runs on the services that have answered their last run's writeFiles, or
   * have none; then takes the finished runs apart once their bundles have settled (the services work
   * on the next runs meanwhile).
   */
  async #next(): Promise<void> {
    const finished: Running[] = [];
    for (const service of this.#services) {
      if (service.running?.over) {
        finished.push(service.running);
        service.running = undefined;
      }
      const run = service.running ? undefined : this.#full.shift();
      if (run) {
        service.running = await started(service, run);
        mark(`run ${run.number} handed to service ${service.number}`, true);
        void service.running.free.then(() => {
          mark(`run ${run.number} answered`);
          this.answered.push(run.number);
        });
        this.runs++;
      }
    }
    if (finished.length === 0) return;
    for (const run of finished) await run.done; // a run's failure, thrown here
    // Taking a run apart never lets the event loop run: the services are handed their next runs
    // first, or they would wait through it for their answers to createIndex to be read.
    await Promise.all(this.#inFlight().map((r) => r.handed));
    for (const { run } of finished) {
      const made = takenApart(run, run.number === 0);
      this.#made[run.number] = made.pages;
      if (made.statics) this.statics = made.statics;
      run.bundle = undefined;
      rmSync(run.dir, { recursive: true, force: true });
      mark(`run ${run.number} taken apart`);
    }
  }

  async close(): Promise<void> {
    try {
      await Promise.all(this.#services.map((s) => s.pagefind?.close()));
    } finally {
      for (const dir of this.#dirs) rmSync(dir, { recursive: true, force: true });
    }
  }
}

/**
 * `run` handed to `service`, its Pagefind module loaded first: each service has its own instance of
 * the module (the module keeps one service process; a query in its URL makes another instance,
 * loaded once per service number and reused by the next steps, its process started again after a close).
 */
async function started(service: Service, run: Staged): Promise<Running> {
  service.pagefind ??= (await import(`${import.meta.resolve('pagefind')}?service=${service.number}`)) as PagefindModule;
  let sent!: () => void;
  let answered!: () => void;
  const handed = new Promise<void>((resolve) => (sent = resolve));
  const free = new Promise<void>((resolve) => (answered = resolve));
  const done = pagefindRun(service.pagefind, run, sent, answered);
  // Awaited later; a failure while this process stages or takes apart another run must not go unhandled.
  done.then(sent, sent);
  done.then(answered, answered);
  const running: Running = { run, done, handed, free, over: false };
  void free.then(() => (running.over = true));
  return running;
}

/** A run's pages as Pagefind reads them: segmented, in `dir`/site, with what this step reads from them. */
interface Staged {
  dir: string;
  /** Its place among the runs staged, from 0. */
  number: number;
  pages: { url: string; key: string; names: NameRecord[]; sorts: Record<string, string> | undefined }[];
  /** The bundle Pagefind made of them, once it has answered. */
  bundle?: BundleFiles;
}

/**
 * Where runs are staged: in memory (Linux's /dev/shm) when it has room for four runs' pages
 * (≈ 160 MB; a container's is often 64 MB), else the system's temporary folder. On disk,
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
 * One Pagefind run over a staged folder, its bundle kept in `run.bundle`: `sent` called once the
 * pages and the bundle are asked for, `answered` once Pagefind has answered both (it is then free
 * for the next run); the index is deleted from the service after, the service left open. The
 * bundle comes back over the service's pipe (getFiles), not through files: Pagefind gzips it the
 * same either way, and written it had to settle on disk, be read back and be removed, a thousand
 * files a run (bench/README.md, h20s).
 */
async function pagefindRun(
  pagefind: PagefindModule,
  run: Staged,
  sent: () => void,
  answered: () => void,
): Promise<void> {
  const index = await newIndex(pagefind);
  try {
    // Both requests at once: the service answers them in order, so it makes the bundle as soon as
    // it has read the pages, even while this process is busy with another run.
    const asked = Promise.all([index.addDirectory({ path: join(run.dir, 'site') }), index.getFiles()]);
    sent();
    const [added, got] = await asked;
    answered();
    if (added.errors.length > 0) fail('addDirectory', added.errors);
    if (added.page_count !== run.pages.length)
      fail('addDirectory', [`Pagefind 读到 ${added.page_count} 个页面,应为 ${run.pages.length} 个 (pages not read)`]);
    if (got.errors.length > 0) fail('getFiles', got.errors);
    run.bundle = filesInMemory(
      join(run.dir, 'pagefind'),
      new Map(got.files.map((f) => [f.path.split(sep).join('/'), asBuffer(f.content)])),
    );
  } finally {
    await index.deleteIndex();
  }
}

/** A file's bytes as the service module hands them (a Buffer where Node has one), without a copy. */
const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

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

/** The bundle at `bundle` (its folder, or its files) in canonical order (pagefind-canonical.ts), or the step fails. */
export function canonical(bundle: string | BundleFiles, options?: { rewriteIndex: boolean }): void {
  try {
    canonicalizePagefindBundle(bundle, options);
  } catch (error) {
    fail('canonical order', [error instanceof Error ? error.message : String(error)]);
  }
}

/**
 * A staged run's bundle taken apart into the pages' cache entries; and, when `withStatics`,
 * Pagefind's scripts and bundle shape, the same for every run of these settings.
 */
function takenApart(run: Staged, withStatics: boolean): { pages: CachedPage[]; statics?: StaticFiles } {
  const bundle = run.bundle!;
  // Its index chunks are decoded below, never served: they need not be cut again.
  canonical(bundle, { rewriteIndex: false });
  const sortValues = Object.fromEntries(run.pages.flatMap((p) => (p.sorts ? [[p.url, p.sorts]] : [])));
  const fragments = new Map<string, Buffer>();
  const { shape, records } = bundleRecords(bundle, sortValues, (hash, bytes) => fragments.set(hash, bytes));
  const byUrl = new Map(records.map((r) => [r.url, r]));
  const pages = run.pages.map((p): CachedPage => {
    const record = byUrl.get(p.url);
    if (!record)
      return fail('addDirectory', [`${p.url}: Pagefind 没有索引这个页面 (the page was handed over but not indexed)`]);
    return { url: p.url, key: p.key, record, fragment: fragments.get(record.hash)!, sorts: p.sorts, names: p.names };
  });
  if (!withStatics) return { pages };
  const files = bundle
    .list()
    .filter((f) => !JOINED_FILES.test(f) && !f.startsWith('fragment/'))
    .map((f): [string, Buffer] => [f, bundle.read(f)]);
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
  return html.slice(0, body) + textsCut(unindexedEmptied(html.slice(body)));
}

const LEFT_WHOLE = /\sdata-pagefind-(?:filter|sort|meta)\b/;

/**
 * `html` with a space put before each text node, and the text cut (segmentForIndex) unless its tag
 * holds a value left whole (LEFT_WHOLE): what `html.replace(/(<[^>]*>)([^<]+)/g, …)` makes (a tag is
 * from a `<` to the next `>`, and only a tag followed by text is one), found with indexOf. The
 * replace's callback, called with its captures for each of a city's millions of text nodes, was a
 * third of this step's own CPU at 15,000 compounds (bench/README.md, h26s).
 */
function textsCut(html: string): string {
  let out = '';
  let copied = 0;
  let valued = html.indexOf('data-pagefind-');
  for (let lt = html.indexOf('<'); lt >= 0;) {
    const gt = html.indexOf('>', lt + 1);
    if (gt < 0) break;
    const next = html.indexOf('<', gt + 1);
    const end = next < 0 ? html.length : next;
    // A tag followed by another is no match, nor is any `<` inside it (its tag ends at the same `>`).
    if (end > gt + 1) {
      if (valued >= 0 && valued < lt) valued = html.indexOf('data-pagefind-', lt);
      if (!(valued >= 0 && valued < gt && LEFT_WHOLE.test(html.slice(lt, gt + 1)))) {
        out += html.slice(copied, gt + 1) + ' ' + segmentForIndex(html.slice(gt + 1, end));
        copied = end;
      }
    }
    lt = next;
  }
  return out + html.slice(copied);
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
