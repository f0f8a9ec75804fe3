/**
 * Pagefind ranks by how densely a page uses the query's words, so a short notice titled
 * "打浦桥街道住宅小区…指南" outranks the 打浦桥街道 page itself, which is long. Readers who type
 * a name want the page OF that name: within the first results, a page whose title IS the query
 * comes first, then pages whose title contains the query's terms, the closer the title is to the
 * query the higher; pages whose title does not contain them keep Pagefind's order after them.
 * Titles and terms are compared without spaces, punctuation or case (“红色示范业委会” is the
 * honour 红色示范业委会). (Pages that only repeat others — change logs, the data catalogue — are
 * not indexed at all: src/integrations/search.ts.)
 */

import { compact, parseQuery } from './query.ts';

const chars = (s: string) => Array.from(s).length;
const bare = (s: string) => compact(s).replace(/[\p{P}\p{S}]/gu, '');

/** 0 when the title contains none of the query's terms; else the share of the title they cover. */
export function titleMatch(query: string, title: string): number {
  const name = bare(title);
  if (name === '') return 0;
  let covered = 0;
  for (const term of parseQuery(query).terms.map(bare)) if (term && name.includes(term)) covered += chars(term);
  return Math.min(1, covered / chars(name));
}

/** True when the title, bare, is the query, bare: the page of that name. */
function exactTitle(query: string, title: string): boolean {
  const name = bare(title);
  return name !== '' && name === bare(query);
}

/** The order in which to show `titles` (indexes): exact title first, then best title match; ties keep the search engine's order. */
export function orderByTitle(query: string, titles: readonly string[]): number[] {
  const scored = titles.map((title, index) => ({
    index,
    exact: exactTitle(query, title) ? 1 : 0,
    score: titleMatch(query, title),
  }));
  return scored.sort((a, b) => b.exact - a.exact || b.score - a.score || a.index - b.index).map((s) => s.index);
}
