/**
 * The rows of checked tables without their `{ data, line }` wrappers: a line only locates an
 * issue, so once the check has passed nothing reads it. A build that held the wrappers to the
 * end held 2.3 million of them at 15,000 compounds (≈ 95 MB), marked by every full collection
 * while the pages render (bench/README.md, h18g).
 */
import type { ParsedTables, Rows } from './types.ts';

export function plainRows(tables: ParsedTables): Rows {
  return Object.fromEntries(Object.entries(tables).map(([name, t]) => [name, t.rows.map((r) => r.data)])) as Rows;
}
