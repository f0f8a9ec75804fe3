/** The part of Pagefind's browser API (/pagefind/pagefind.js) that the search page uses, on each of the site's two bundles. */

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
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  filters(): Promise<Record<string, Record<string, number>>>;
  preload(term: string, options?: object): Promise<void>;
  search(term: string | null, options?: object): Promise<PagefindSearch | null>;
}

const OPTIONS = { baseUrl: '/', excerptLength: 24 };

/** Pagefind's script of the bundle at `base`, from the site itself (never a CDN), started. The path is only known at run time. */
async function start(base: string): Promise<PagefindApi> {
  const api = (await import(/* @vite-ignore */ `${base}pagefind.js`)) as PagefindApi;
  await api.options(OPTIONS);
  await api.init();
  return api;
}

/** Pagefind on the site's first bundle: every indexed page but the compound pages. */
export function loadPagefind(): Promise<PagefindApi> {
  return start(pagefindHref);
}

/**
 * Pagefind on the compound pages' bundle (src/integrations/search-bundles.ts), loaded after the
 * first bundle's answer is on screen: that bundle's own script, so its own worker and WebAssembly.
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
