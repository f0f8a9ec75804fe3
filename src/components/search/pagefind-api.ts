/** The part of Pagefind's browser API (/pagefind/pagefind.js) that the search page uses. */

import { pagefindHref } from '../../lib/views/urls.ts';
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

/** Loads Pagefind from the site itself (never a CDN). The path is only known at run time. */
export async function loadPagefind(base = pagefindHref): Promise<PagefindApi> {
  const url = `${base}pagefind.js`;
  const api = (await import(/* @vite-ignore */ url)) as PagefindApi;
  await api.options({ baseUrl: '/', excerptLength: 24 });
  await api.init();
  return api;
}
