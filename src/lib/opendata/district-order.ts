/**
 * Whether a table's city CSV can be put back together from the district archives' rows
 * (city-downloads.ts): a district archive holds each of its compounds' rows of the table in table
 * order, so the table is those runs in the order of its compounds' first rows, when every row is
 * exactly one archived compound's and each compound's rows are together. A row of no compound or
 * of several, or a compound's rows split by another's, sends the table in slices of its own.
 */
import type { AnyRow } from '../model/types.ts';

/** The compounds of `rows` in table order, or undefined when the table cannot be taken from the districts. */
export function compoundOrder(
  rows: readonly AnyRow[],
  ownerOf: (row: AnyRow) => string | readonly string[] | undefined,
  archived: ReadonlySet<string>,
): string[] | undefined {
  const order: string[] = [];
  const seen = new Set<string>();
  let last: string | undefined;
  for (const r of rows) {
    const c = ownerOf(r);
    if (typeof c !== 'string') return undefined;
    if (c === last) continue;
    if (seen.has(c) || !archived.has(c)) return undefined;
    seen.add(c);
    order.push(c);
    last = c;
  }
  return order;
}
