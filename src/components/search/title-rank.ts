/**
 * Pagefind ranks by how densely a page uses the query's words, so a short notice titled
 * "打浦桥街道住宅小区…指南" outranks the 打浦桥街道 page itself, which is long. Readers who type
 * a name want the page OF that name: within the first results, pages whose title contains the
 * query's words move up, the closer the title is to the query the higher; pages whose title
 * does not contain them keep Pagefind's order after them, derived pages (DERIVED_KINDS) last.
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

/**
 * Page kinds that repeat what another page says (a compound's change log repeats its committee
 * and fees; the data catalogue lists every table). They are short, so Pagefind ranks them above
 * the page they derive from; among equally named results they go after the others.
 */
export const DERIVED_KINDS: ReadonlySet<string> = new Set(['变更记录', '数据']);

export interface RankedItem {
  title: string;
  /** The page's kind filter (页面类型). */
  kind?: string | undefined;
}

/**
 * The order in which to show `items` (indexes): best title match first; then pages of their
 * own before derived pages; ties keep the search engine's order.
 */
export function orderByTitle(query: string, items: readonly (RankedItem | string)[]): number[] {
  const scored = items.map((item, index) => {
    const { title, kind } = typeof item === 'string' ? { title: item, kind: undefined } : item;
    return { index, score: titleMatch(query, title), derived: kind !== undefined && DERIVED_KINDS.has(kind) ? 1 : 0 };
  });
  return scored.sort((a, b) => b.score - a.score || a.derived - b.derived || a.index - b.index).map((s) => s.index);
}
