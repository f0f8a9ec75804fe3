/**
 * The search page's state lives in its URL so a search can be shared and bookmarked:
 *   /search/?q=最美业主+2023&kind=荣誉&district=黄浦区&year=2023&sort=year
 *   /search/?q=宝宁泉物业&all=1   (full text at once, not the names index first: search-client.ts)
 * Pure functions, used by the browser script and by the unit tests.
 */

import { cmp, compareZh } from '../../lib/util/compare.ts';

/** Pagefind filters, in the order the page shows them (names from docs/architecture.md). */
export const FILTER_KEYS = ['district', 'street', 'kind', 'honour', 'year'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

export const FILTER_LABELS: Record<FilterKey, string> = {
  district: '区',
  street: '街道/镇',
  kind: '页面类型',
  honour: '荣誉称号',
  year: '年份',
};

/** '' is Pagefind's relevance order; the others are sort keys the pages carry. */
export const SORT_KEYS = ['', 'year', 'score'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export const SORT_LABELS: Record<SortKey, string> = {
  '': '相关度',
  year: '年份(新→旧,只列有年份的页面)',
  score: '得分(高→低,只列有得分的页面)',
};

export interface SearchState {
  q: string;
  filters: Partial<Record<FilterKey, string>>;
  sort: SortKey;
  /** The reader asked for full text (all=1); without it a words-only search shows names first. */
  all: boolean;
}

const isSortKey = (v: string): v is SortKey => (SORT_KEYS as readonly string[]).includes(v);

/** Reads the state from a query string; unknown parameters and sorts are ignored. */
export function parseSearchParams(params: URLSearchParams): SearchState {
  const filters: SearchState['filters'] = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key)?.trim();
    if (value) filters[key] = value;
  }
  const sort = params.get('sort') ?? '';
  return {
    q: (params.get('q') ?? '').trim(),
    filters,
    sort: isSortKey(sort) ? sort : '',
    all: params.get('all') === '1',
  };
}

/** The query string of a state ("" when empty), parameters always in the same order. */
export function toSearchString(state: SearchState): string {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  for (const key of FILTER_KEYS) {
    const value = state.filters[key];
    if (value) params.set(key, value);
  }
  if (state.sort) params.set('sort', state.sort);
  if (state.all) params.set('all', '1');
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** True when there is something to search for: words or at least one filter. */
export function hasCriteria(state: SearchState): boolean {
  return state.q !== '' || FILTER_KEYS.some((key) => state.filters[key]);
}

/**
 * True when the names index can give the first answer: words, and no filter, sort or full-text
 * request (the names index has no filters; those need Pagefind).
 */
export function namesFirst(state: SearchState): boolean {
  return state.q !== '' && !state.all && !state.sort && !FILTER_KEYS.some((key) => state.filters[key]);
}

/** The options object of Pagefind's search(). */
export function pagefindOptions(state: SearchState): {
  filters: Record<string, string>;
  sort?: Record<string, 'asc' | 'desc'>;
} {
  const filters: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const value = state.filters[key];
    if (value) filters[key] = value;
  }
  return state.sort ? { filters, sort: { [state.sort]: 'desc' } } : { filters };
}

/**
 * Filter values in display order: years newest first, everything else in Chinese
 * (pinyin) order, so the lists are stable from one build to the next.
 */
export function orderFilterValues(key: FilterKey, values: readonly string[]): string[] {
  const unique = [...new Set(values)];
  if (key === 'year') return unique.sort((a, b) => Number(b) - Number(a) || cmp(a, b));
  return unique.sort(compareZh);
}
