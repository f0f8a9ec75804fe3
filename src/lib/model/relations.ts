/**
 * Which rows concern which compound. Used by the per-compound downloads, the
 * change history (a diff line names a row id; this says whose row it is) and the
 * corrections shown on a compound page.
 */
import type { Row, TableName } from '../schema/tables.ts';
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

const NONE: readonly string[] = Object.freeze([]);

/**
 * Row → the compounds it concerns, held for the whole build. One map per table from the row's
 * own id string to its compound's id string (a list only for the few rows of several
 * compounds): no key or list is made per row. A `table:id` string key and a one-element list
 * per row cost ~230 bytes a row, a third of the build's live heap at 1,000 compounds and
 * ~0.8 GB at 15,000 (bench/README.md, "Issue 15: the build's memory").
 */
export class CompoundIndex {
  private readonly byTable = new Map<string, Map<string, string | string[]>>();

  /** The compounds the row `id` of `table` concerns (empty when none, or the row is unknown). */
  of(table: string, id: string): readonly string[] {
    const v = this.byTable.get(table)?.get(id);
    return v === undefined ? NONE : typeof v === 'string' ? [v] : v;
  }

  /**
   * One table's row id → its compound (a string) or compounds (a list of several); undefined for
   * a table with no row in the index. For a pass over every row of a table: `of` makes a list and
   * looks the table up again for each row.
   */
  table(table: string): ReadonlyMap<string, string | readonly string[]> | undefined {
    return this.byTable.get(table);
  }

  /** Every entry as [table, row id, compounds], tables and rows in the order they were added. */
  *entries(): Generator<[string, string, readonly string[]]> {
    for (const [table, m] of this.byTable) for (const [id, v] of m) yield [table, id, typeof v === 'string' ? [v] : v];
  }

  add(table: string, id: unknown, compound: string | undefined): void {
    const rowId = str(id);
    if (!rowId || !compound) return;
    let m = this.byTable.get(table);
    if (!m) this.byTable.set(table, (m = new Map()));
    const v = m.get(rowId);
    if (v === undefined) m.set(rowId, compound);
    else if (typeof v === 'string') {
      if (v !== compound) m.set(rowId, [v, compound]);
    } else if (!v.includes(compound)) v.push(compound);
  }
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export function buildCompoundIndex(tables: TableRows): CompoundIndex {
  const index = new CompoundIndex();
  const rows = (t: TableName) => (tables[t] ?? []) as readonly AnyRow[];

  for (const r of rows('compounds')) index.add('compounds', r.id, str(r.id));
  const committeeCompound = new Map<string, string>();
  for (const r of rows('committees')) {
    const c = str(r.compound_id);
    if (c) committeeCompound.set(String(r.id), c);
    index.add('committees', r.id, c);
  }
  for (const r of rows('committee_members'))
    index.add('committee_members', r.id, committeeCompound.get(String(r.committee_id)));
  for (const t of [...OWN_COMPOUND_TABLES, 'evaluations'] as const) {
    for (const r of rows(t)) index.add(t, r.id, str(r.compound_id));
  }
  for (const r of rows('honours')) {
    index.add('honours', r.id, str(r.compound_id));
    index.add('honours', r.id, committeeCompound.get(String(r.committee_id)));
  }
  // A correction concerns whoever the corrected row concerns.
  for (const r of rows('corrections')) {
    for (const c of index.of(String(r.table), String(r.row_id))) index.add('corrections', r.id, c);
  }
  return index;
}

/**
 * The tables whose rows decide which compounds a row of `table` concerns in buildCompoundIndex:
 * the table itself, the committees for the rows that name a committee, and every compound table
 * for a correction (it concerns whoever the corrected row concerns). A table's rows by compound
 * (rowsOfTableByCompound) are the same whenever these tables' rows are.
 */
export function compoundTableInputs(table: CompoundTable): readonly CompoundTable[] {
  if (table === 'corrections') return COMPOUND_TABLES;
  if (table === 'committee_members' || table === 'honours') return [table, 'committees'];
  return [table];
}

/** One table's rows by the compounds they concern, each compound's in table order (as rowsOfCompound gives them). */
export function rowsOfTableByCompound(
  tables: TableRows,
  index: CompoundIndex,
  table: CompoundTable,
): Map<string, AnyRow[]> {
  const byCompound = new Map<string, AnyRow[]>();
  for (const r of (tables[table] ?? []) as readonly AnyRow[]) {
    for (const c of index.of(table, String(r.id))) {
      const list = byCompound.get(c);
      if (list) list.push(r);
      else byCompound.set(c, [r]);
    }
  }
  return byCompound;
}

/** compound id → table → its rows, in table order; built once per (tables, index). */
type RowsByCompound = Map<string, Map<CompoundTable, AnyRow[]>>;
const inverted = new WeakMap<CompoundIndex, { tables: TableRows; byCompound: RowsByCompound }>();

function rowsByCompound(tables: TableRows, index: CompoundIndex): RowsByCompound {
  const memo = inverted.get(index);
  if (memo && memo.tables === tables) return memo.byCompound;
  const byCompound: RowsByCompound = new Map();
  const listOf = (c: string, t: CompoundTable): AnyRow[] => {
    let perTable = byCompound.get(c);
    if (!perTable) byCompound.set(c, (perTable = new Map()));
    let list = perTable.get(t);
    if (!list) perTable.set(t, (list = []));
    return list;
  };
  for (const t of COMPOUND_TABLES) {
    const owners = index.table(t);
    if (!owners) continue;
    // A table's rows mostly come compound by compound: the last compound's list is kept at hand.
    let last: string | undefined;
    let lastList: AnyRow[] = [];
    for (const r of (tables[t] ?? []) as readonly AnyRow[]) {
      const v = owners.get(String(r.id));
      if (typeof v === 'string') {
        if (v !== last) lastList = listOf((last = v), t);
        lastList.push(r);
      } else if (v) for (const c of v) listOf(c, t).push(r);
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

/**
 * One table's rows that concern the compound, in table order, from the same inverted index (a
 * compound page's corrections: filtering every correction of the city on each page was
 * O(compounds × corrections)).
 */
export function compoundRowsOf<T extends CompoundTable>(
  tables: TableRows,
  index: CompoundIndex,
  compoundId: string,
  table: T,
): Row<T>[] {
  const rows = rowsByCompound(tables, index).get(compoundId)?.get(table) ?? [];
  return rows.slice() as Row<T>[];
}
