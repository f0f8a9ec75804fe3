/**
 * What a reader typed, read once for every step of the search page: the words Pagefind is
 * asked for, the whole terms that results mark and rank by, and the phrases that must appear.
 *
 * A phrase is what stands in quotes. Chinese input methods type “…” (and some 「…」 or ＂…＂);
 * Pagefind only knows ASCII quotes, so those become "…" before it sees the query.
 */

import { joinHan } from './han-words.ts';

export interface SearchQuery {
  /** The query as Pagefind gets it (Chinese quotes made ASCII). */
  pagefind: string;
  /** Each word or phrase of the query, lower case, longest first: what a result marks. */
  terms: string[];
  /** The quoted parts, lower case, without spaces: a result's text must contain each. */
  phrases: string[];
}

const QUOTES = /[“”「」『』＂]/g;
const PHRASE = /"([^"]*)"/g;

/** Lower case, no whitespace, Chinese joined: the form in which texts and terms are compared. */
export function compact(text: string): string {
  return joinHan(text).toLowerCase().replace(/\s+/g, '');
}

export function parseQuery(raw: string): SearchQuery {
  const pagefind = raw.replace(QUOTES, '"').trim();
  const phrases = [...pagefind.matchAll(PHRASE)].map((m) => compact(m[1] ?? '')).filter(Boolean);
  const loose = pagefind.replace(PHRASE, ' ').replace(/"/g, ' ').toLowerCase().split(/\s+/).filter(Boolean);
  const terms = [...new Set([...phrases, ...loose])].sort((a, b) => b.length - a.length);
  return { pagefind, terms, phrases };
}

/** True when `text` (a page's content or title) holds every phrase of the query. */
export function holdsPhrases(query: SearchQuery, text: string): boolean {
  const haystack = compact(text);
  return query.phrases.every((p) => haystack.includes(p));
}
