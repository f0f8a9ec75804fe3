/**
 * Which rows concern which compound. Used by the per-compound downloads, the
 * change history (a diff line names a row id; this says whose row it is) and the
 * corrections shown on a compound page.
 */
import type { TableName } from '../schema/tables.ts';
import type { AnyRow, TableRows } from './types.ts';

/** Tables whose rows name their compound in a compound_id column of their own. */
const OWN_COMPOUND_TABLES = [
  'contracts',
  'fee_standards',
  'fee_collection',
  'fund_ledger',
  'fund_allocations',
  'public_revenue',
] as const satisfies readonly TableName[];

/** Tables whose rows can belong to a compound, in the order a compound page shows them. */
export const COMPOUND_TABLES = [
  'compounds',
  'committees',
  'committee_members',
  ...OWN_COMPOUND_TABLES,
  'honours',
  'evaluations',
  'corrections',
] as const satisfies readonly TableName[];
export type CompoundTable = (typeof COMPOUND_TABLES)[number];

/** `table:id` → compound ids the row concerns. */
export type CompoundIndex = Map<string, string[]>;

export const rowKey = (table: string, id: string) => `${table}:${id}`;

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export function buildCompoundIndex(tables: TableRows): CompoundIndex {
  const index: CompoundIndex = new Map();
  const add = (table: string, id: unknown, compound: string | undefined) => {
    const rowId = str(id);
    if (!rowId || !compound) return;
    const key = rowKey(table, rowId);
    const list = index.get(key) ?? [];
    if (!list.includes(compound)) list.push(compound);
    index.set(key, list);
  };
  const rows = (t: TableName) => (tables[t] ?? []) as readonly AnyRow[];

  for (const r of rows('compounds')) add('compounds', r.id, str(r.id));
  const committeeCompound = new Map<string, string>();
  for (const r of rows('committees')) {
    const c = str(r.compound_id);
    if (c) committeeCompound.set(String(r.id), c);
    add('committees', r.id, c);
  }
  for (const r of rows('committee_members'))
    add('committee_members', r.id, committeeCompound.get(String(r.committee_id)));
  for (const t of [...OWN_COMPOUND_TABLES, 'evaluations'] as const) {
    for (const r of rows(t)) add(t, r.id, str(r.compound_id));
  }
  for (const r of rows('honours')) {
    add('honours', r.id, str(r.compound_id));
    add('honours', r.id, committeeCompound.get(String(r.committee_id)));
  }
  // A correction concerns whoever the corrected row concerns.
  for (const r of rows('corrections')) {
    for (const c of index.get(rowKey(String(r.table), String(r.row_id))) ?? []) add('corrections', r.id, c);
  }
  return index;
}

/** compound id → table → its rows, in table order; built once per (tables, index). */
type RowsByCompound = Map<string, Map<CompoundTable, AnyRow[]>>;
const inverted = new WeakMap<CompoundIndex, { tables: TableRows; byCompound: RowsByCompound }>();

function rowsByCompound(tables: TableRows, index: CompoundIndex): RowsByCompound {
  const memo = inverted.get(index);
  if (memo && memo.tables === tables) return memo.byCompound;
  const byCompound: RowsByCompound = new Map();
  for (const t of COMPOUND_TABLES) {
    for (const r of (tables[t] ?? []) as readonly AnyRow[]) {
      for (const c of index.get(rowKey(t, String(r.id))) ?? []) {
        let perTable = byCompound.get(c);
        if (!perTable) byCompound.set(c, (perTable = new Map()));
        const list = perTable.get(t);
        if (list) list.push(r);
        else perTable.set(t, [r]);
      }
    }
  }
  inverted.set(index, { tables, byCompound });
  return byCompound;
}

/**
 * Rows of every compound table that concern the compound, table by table (empty tables left out).
 * Served from an inverted index built once: scanning every row of every table for each compound
 * made the per-compound downloads O(compounds × rows) — the dominant cost of a 1,000-compound
 * build and hours at 15,000 (scripts/bench.ts).
 */
export function rowsOfCompound(
  tables: TableRows,
  index: CompoundIndex,
  compoundId: string,
): { table: CompoundTable; rows: AnyRow[] }[] {
  const perTable = rowsByCompound(tables, index).get(compoundId);
  const out: { table: CompoundTable; rows: AnyRow[] }[] = [];
  for (const t of COMPOUND_TABLES) {
    const rows = perTable?.get(t);
    if (rows && rows.length > 0) out.push({ table: t, rows: rows.slice() });
  }
  return out;
}
