/** Small helpers shared by the rules. */
import type { TableName } from '../../schema/tables.ts';
import type { ParsedTables } from '../../dataset/types.ts';

/** A row as a plain record, for rules that work on any table. */
export type AnyRow = { data: Record<string, unknown>; line: number };

export function rowsOf(tables: ParsedTables, name: TableName): AnyRow[] {
  return (tables[name]?.rows ?? []) as unknown as AnyRow[];
}

/**
 * Every id a table holds, including rows rejected for other reasons: their
 * problems are already reported, and a second "missing" error would mislead.
 */
export function idsOf(tables: ParsedTables, name: TableName): Set<string> {
  const ids = new Set<string>();
  for (const r of rowsOf(tables, name)) if (typeof r.data.id === 'string') ids.add(r.data.id);
  for (const r of tables[name]?.rejected ?? []) if (r.raw.id) ids.add(r.raw.id);
  return ids;
}

/** Raw cell values of rejected rows, e.g. the compounds whose ledger has an untyped row. */
export function rejectedValues(tables: ParsedTables, name: TableName, column: string): Set<string> {
  return new Set((tables[name]?.rejected ?? []).map((r) => r.raw[column] ?? '').filter((v) => v !== ''));
}

/** Closed date intervals [start, end] overlap; a missing end is open-ended. ISO strings compare as dates. */
export function overlaps(aStart: string, aEnd: string | undefined, bStart: string, bEnd: string | undefined): boolean {
  return (aEnd === undefined || bStart <= aEnd) && (bEnd === undefined || aStart <= bEnd);
}
