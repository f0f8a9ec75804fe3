/**
 * Pagefind ranks by how densely a page uses the query's words, so a short notice titled
 * "打浦桥街道住宅小区…指南" outranks the 打浦桥街道 page itself, which is long. Readers who type
 * a name want the page OF that name: within the first results, pages whose title contains the
 * query's words move up, the closer the title is to the query the higher; pages whose title
 * does not contain them keep Pagefind's order after them. (Pages that only repeat others — change
 * logs, the data catalogue — are not indexed at all: src/integrations/search.ts.)
 */

const chars = (s: string) => Array.from(s).length;

/** 0 when the title contains none of the query's words; else the share of the title they cover. */
export function titleMatch(query: string, title: string): number {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const compact = title.toLowerCase().replace(/\s+/g, '');
  if (compact === '') return 0;
  let covered = 0;
  for (const word of new Set(words)) if (compact.includes(word)) covered += chars(word);
  return Math.min(1, covered / chars(compact));
}

/** The order in which to show `titles` (indexes): best title match first; ties keep the search engine's order. */
export function orderByTitle(query: string, titles: readonly string[]): number[] {
  const scored = titles.map((title, index) => ({ index, score: titleMatch(query, title) }));
  return scored.sort((a, b) => b.score - a.score || a.index - b.index).map((s) => s.index);
}
