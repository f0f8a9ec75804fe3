/** Small helpers shared by the rules. */
import type { TableName } from '../../schema/tables.ts';
import type { ParsedTables } from '../../dataset/types.ts';

/** A row as a plain record, for rules that work on any table. */
export type AnyRow = { data: Record<string, unknown>; line: number };

export function rowsOf(tables: ParsedTables, name: TableName): AnyRow[] {
  return (tables[name]?.rows ?? []) as unknown as AnyRow[];
}

const ID_SETS = new WeakMap<object, Set<string>>();

/**
 * Every id a table holds, including rows rejected for other reasons: their
 * problems are already reported, and a second "missing" error would mislead.
 */
export function idsOf(tables: ParsedTables, name: TableName): ReadonlySet<string> {
  const table = tables[name];
  if (!table) return new Set();
  // Several rules ask for the same million-row table's ids: built once per table read.
  let ids = ID_SETS.get(table);
  if (ids) return ids;
  ids = new Set<string>();
  for (const r of rowsOf(tables, name)) if (typeof r.data.id === 'string') ids.add(r.data.id);
  for (const r of table.rejected ?? []) if (r.raw.id) ids.add(r.raw.id);
  ID_SETS.set(table, ids);
  return ids;
}

/** Let the id sets go once the rules have run: the pages keep the tables, not these. */
export function releaseIds(tables: ParsedTables): void {
  for (const table of Object.values(tables)) ID_SETS.delete(table);
}

/** How many rows idsOf counted an id for: fewer distinct ids than that means a repeat. */
export function idCount(tables: ParsedTables, name: TableName): number {
  let n = 0;
  for (const r of rowsOf(tables, name)) if (typeof r.data.id === 'string') n++;
  for (const r of tables[name]?.rejected ?? []) if (r.raw.id) n++;
  return n;
}

/**
 * The first row with each wanted id, e.g. the ledger rows that reversals or allocations name:
 * a map of only those, not of a city's million ledger rows.
 */
export function firstWithIds<T extends { id: string }>(
  rows: readonly { data: T }[],
  wanted: ReadonlySet<string>,
): Map<string, T> {
  const found = new Map<string, T>();
  if (wanted.size === 0) return found;
  for (const r of rows) if (wanted.has(r.data.id) && !found.has(r.data.id)) found.set(r.data.id, r.data);
  return found;
}

/** Raw cell values of rejected rows, e.g. the compounds whose ledger has an untyped row. */
export function rejectedValues(tables: ParsedTables, name: TableName, column: string): Set<string> {
  return new Set((tables[name]?.rejected ?? []).map((r) => r.raw[column] ?? '').filter((v) => v !== ''));
}

/** Closed date intervals [start, end] overlap; a missing end is open-ended. ISO strings compare as dates. */
export function overlaps(aStart: string, aEnd: string | undefined, bStart: string, bEnd: string | undefined): boolean {
  return (aEnd === undefined || bStart <= aEnd) && (bEnd === undefined || aStart <= bEnd);
}
