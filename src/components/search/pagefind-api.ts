/**
 * The part of Pagefind's browser API that the search page uses, on each of the site's two bundles.
 *
 * Pagefind 1.5 searches in a web worker (`pagefind-worker.js`, its WebAssembly engine and index
 * reader); its `pagefind.js` (45 KB) is a wrapper that posts the calls to that worker, and carries
 * a second copy of the whole engine for browsers without workers. The page talks to the worker
 * itself, in the worker's own messages (`{ id, instanceId, method, args }` → `{ id, result }` or
 * `{ id, error }`, Pagefind 1.5's handleMessage), so a first full-text answer does not fetch that
 * copy. Searching on the page's own thread instead (Pagefind's `noWorker`) would drop the worker's
 * 41 KB, but froze the page for seconds at city scale (bench/README.md). Without a worker (it is
 * refused, or fails to load) the page falls back to `pagefind.js`.
 */

import { compoundsPagefindHref, compoundsSortsHref, pagefindHref } from '../../lib/views/urls.ts';
export interface PagefindResultData {
  url: string;
  excerpt: string;
  /** The page's indexed text (its Chinese cut into words: han-words.ts). */
  content?: string;
  meta: Record<string, string | undefined>;
  filters: Record<string, string[] | undefined>;
  /** Sections of the page (under headings with an id) that matched, each with its own excerpt. */
  sub_results?: { title: string; url: string; excerpt: string }[];
}

export interface PagefindResult {
  id: string;
  score: number;
  data(): Promise<PagefindResultData>;
}

export interface PagefindSearch {
  results: PagefindResult[];
  unfilteredResultCount: number;
  /** Remaining counts per filter value for this search. */
  filters: Record<string, Record<string, number>>;
  totalFilters: Record<string, Record<string, number>>;
}

export interface PagefindApi {
  filters(): Promise<Record<string, Record<string, number>>>;
  preload(term: string, options?: object): Promise<void>;
  search(term: string | null, options?: object): Promise<PagefindSearch | null>;
}

/** Pagefind's script API, for the fallback. */
interface PagefindScript extends PagefindApi {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
}

const OPTIONS = { baseUrl: '/', excerptLength: 24 };

/** A search as the worker answers it: each result's data is a key to ask it for. */
type WorkerSearch = Omit<PagefindSearch, 'results'> & { results: (Omit<PagefindResult, 'data'> & { data: string })[] };

/** The bundle at `base` in a worker of its own, answering in Pagefind 1.5's worker messages. */
async function startWorker(base: string): Promise<PagefindApi> {
  const worker = new Worker(`${base}pagefind-worker.js`);
  const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let lastId = 0;
  worker.addEventListener('message', (event: MessageEvent<{ id: number; result?: unknown; error?: string }>) => {
    const { id, result, error } = event.data;
    const call = waiting.get(id);
    waiting.delete(id);
    if (error === undefined) call?.resolve(result);
    else call?.reject(new Error(`Pagefind: ${error}`));
  });
  // A worker that fails to load or start answers nothing: every call waiting on it fails.
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    for (const call of waiting.values()) call.reject(new Error(`${base}pagefind-worker.js: ${event.message}`));
    waiting.clear();
  });
  const call = <T>(method: string, args: unknown[]): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = ++lastId;
      waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ id, instanceId: 'default', method, args });
    });
  // The worker keeps each result's data until told it is no longer wanted, as pagefind.js does
  // (where the browser can tell: FinalizationRegistry is newer than workers).
  const release =
    typeof FinalizationRegistry === 'undefined'
      ? undefined
      : new FinalizationRegistry<string>((key) => void call('releaseData', [key]).catch(() => undefined));
  const language = (document.documentElement.getAttribute('lang') ?? 'unknown').toLowerCase();
  // Its answer proves the worker's script loaded and runs (its index loads on the first call).
  await call('init', [{ ...OPTIONS, basePath: base, language, primary: true }]).catch((error: unknown) => {
    worker.terminate();
    throw error;
  });
  return {
    filters: () => call('filters', []),
    preload: (term, options = {}) => call('preload', [term, options]),
    search: async (term, options = {}) => {
      const found = await call<WorkerSearch | null>('search', [term, options]);
      if (!found) return null;
      const results = found.results.map((r): PagefindResult => {
        const result = { ...r, data: () => call<PagefindResultData>('getData', [r.data]) };
        release?.register(result, r.data);
        return result;
      });
      return { ...found, results };
    },
  };
}

/** Pagefind's own script of the bundle at `base`, started. The path is only known at run time. */
async function startScript(base: string): Promise<PagefindApi> {
  const api = (await import(/* @vite-ignore */ `${base}pagefind.js`)) as PagefindScript;
  await api.options(OPTIONS);
  await api.init();
  return api;
}

/** Pagefind on the bundle at `base`, from the site itself (never a CDN): its worker, or its script without one. */
async function start(base: string): Promise<PagefindApi> {
  if (typeof Worker === 'undefined') return startScript(base);
  try {
    return await startWorker(base);
  } catch (error) {
    console.warn(error);
    return startScript(base);
  }
}

/** Pagefind on the site's first bundle: every indexed page but the compound pages. */
export function loadPagefind(): Promise<PagefindApi> {
  return start(pagefindHref);
}

/**
 * Pagefind on the compound pages' bundle (src/integrations/search-bundles.ts), loaded after the
 * first bundle's answer is on screen: a worker of its own, so its own WebAssembly and index.
 */
export async function loadCompoundsPagefind(): Promise<PagefindApi & { sorts: readonly string[] }> {
  const [api, sorts] = await Promise.all([start(compoundsPagefindHref), compoundSorts()]);
  return { ...api, sorts };
}

/** The sorts the compound pages carry: Pagefind's WebAssembly traps when asked for one its bundle lacks. */
async function compoundSorts(): Promise<readonly string[]> {
  const response = await fetch(compoundsSortsHref);
  if (!response.ok) throw new Error(`${compoundsSortsHref}: ${response.status}`);
  return (await response.json()) as string[];
}
