/**
 * The project's three orders, each deterministic on every machine: code points
 * (ids, dates, sort keys), Chinese names, and ids with numbers in them.
 */

/** Code-point order with blanks last: the same on every machine, unlike localeCompare. */
export function cmp(a: string | number | undefined, b: string | number | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return a < b ? -1 : 1;
}

/** Deterministic Chinese ordering (pinyin under full ICU), ties broken by code point. */
export function compareZh(a: string, b: string): number {
  return a.localeCompare(b, 'zh-CN') || (a < b ? -1 : a > b ? 1 : 0);
}

// `localeCompare` with options orders exactly as a collator made from the same locale and options
// (ECMA-402), but V8 builds an ICU collator on every such call: sorting ids that way was 30x
// slower (bench/README.md, h18r). Pure, so the search page's script, which needs only compareZh
// (whose plain locale V8 caches), leaves it out.
const NUMERIC = /* @__PURE__ */ new Intl.Collator('en', { numeric: true });

/** Ids in natural order, so "x-2" comes before "x-10". */
export function compareIds(a: string, b: string): number {
  return NUMERIC.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}
