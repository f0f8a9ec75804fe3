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

/** The tables the index answers for, in the order its entries are listed. */
const INDEXED = [
  'compounds',
  'committees',
  'committee_members',
  ...OWN_COMPOUND_TABLES,
  'evaluations',
  'honours',
  'corrections',
] as const satisfies readonly TableName[];
const indexed: ReadonlySet<string> = new Set(INDEXED);
const ownCompound: ReadonlySet<string> = new Set(OWN_COMPOUND_TABLES);

type TableIndex = Map<string, string | string[]>;

/**
 * Row → the compounds it concerns, held for the whole build. One map per table from the row's
 * own id string to its compound's id string (a list only for the few rows of several
 * compounds): no key or list is made per row. A `table:id` string key and a one-element list
 * per row cost ~230 bytes a row, a third of the build's live heap at 1,000 compounds and
 * ~0.8 GB at 15,000 (bench/README.md, "Issue 15: the build's memory").
 *
 * A table's map is made when it is first asked about: a compound page asks only for its
 * corrections, and mapping the fund ledger's million rows for it was a fixed cost of every
 * shard (bench/README.md h16k). With `keep`, only those compounds are answered: a row's
 * answer is the full index's answer without the other compounds, in the same order, so a
 * shard's district archive maps the rows of its district's compounds and no others.
 */
export class CompoundIndex {
  private readonly byTable = new Map<string, TableIndex>();
  private committeeCompound: Map<string, string> | undefined;
  private readonly tables: TableRows;
  private readonly keep: ReadonlySet<string> | undefined;

  constructor(tables: TableRows, keep?: ReadonlySet<string>) {
    this.tables = tables;
    this.keep = keep;
  }

  /** The compounds the row `id` of `table` concerns (empty when none, or the row is unknown). */
  of(table: string, id: string): readonly string[] {
    const v = this.tableIndex(table)?.get(id);
    return v === undefined ? NONE : typeof v === 'string' ? [v] : v;
  }

  /** Every entry as [table, row id, compounds], tables in INDEXED's order and rows in table order. */
  *entries(): Generator<[string, string, readonly string[]]> {
    for (const table of INDEXED)
      for (const [id, v] of this.table(table) ?? []) yield [table, id, typeof v === 'string' ? [v] : v];
  }

  private rows(t: TableName): readonly AnyRow[] {
    return (this.tables[t] ?? []) as readonly AnyRow[];
  }

  /**
   * One table's row id → its compound (a string) or compounds (a list of several); undefined for
   * a table the index does not answer for.
   */
  table(t: string): ReadonlyMap<string, string | readonly string[]> | undefined {
    return this.tableIndex(t);
  }

  /**
   * For a pass over every row of a table (`of` makes a list for each row): a row's compound (a
   * string) or compounds (a list of several), undefined for none; undefined for a table the index
   * does not answer for. A row of one compound (its own compound_id, or its committee's) answers
   * from itself, as its entry would (ids are unique in a checked table): the whole build's district
   * archives pass over every table, and the maps of the fund ledger, the revenue and the members
   * (2.3 million entries at 15,000 compounds) were then marked by every full collection until the
   * build exited.
   */
  ownerOfRow(t: string): ((row: AnyRow) => string | readonly string[] | undefined) | undefined {
    if (!indexed.has(t)) return undefined;
    const one = (r: AnyRow, compound: string | undefined) =>
      str(r.id) && compound && (!this.keep || this.keep.has(compound)) ? compound : undefined;
    if (ownCompound.has(t)) return (r) => one(r, str(r.compound_id));
    if (t === 'committee_members') return (r) => one(r, this.committeeOf(r.committee_id));
    const m = this.tableIndex(t);
    return m && ((r) => m.get(String(r.id)));
  }

  private tableIndex(t: string): TableIndex | undefined {
    let m = this.byTable.get(t);
    if (m || !indexed.has(t)) return m;
    // Set before it is filled: a correction of a correction reads the corrections mapped before it.
    this.byTable.set(t, (m = new Map()));
    const add = (id: unknown, compound: string | undefined) => this.add(m, id, compound);
    const table = t as (typeof INDEXED)[number];
    if (table === 'compounds') for (const r of this.rows(table)) add(r.id, str(r.id));
    else if (table === 'committee_members')
      for (const r of this.rows(table)) add(r.id, this.committeeOf(r.committee_id));
    else if (table === 'honours')
      for (const r of this.rows(table)) {
        add(r.id, str(r.compound_id));
        add(r.id, this.committeeOf(r.committee_id));
      }
    // A correction concerns whoever the corrected row concerns.
    else if (table === 'corrections')
      for (const r of this.rows(table)) for (const c of this.of(String(r.table), String(r.row_id))) add(r.id, c);
    else for (const r of this.rows(table)) add(r.id, str(r.compound_id));
    return m;
  }

  private committeeOf(committeeId: unknown): string | undefined {
    if (!this.committeeCompound) {
      this.committeeCompound = new Map();
      for (const r of this.rows('committees')) {
        const c = str(r.compound_id);
        if (c) this.committeeCompound.set(String(r.id), c);
      }
    }
    return this.committeeCompound.get(String(committeeId));
  }

  private add(m: TableIndex, id: unknown, compound: string | undefined): void {
    const rowId = str(id);
    if (!rowId || !compound || (this.keep && !this.keep.has(compound))) return;
    const v = m.get(rowId);
    if (v === undefined) m.set(rowId, compound);
    else if (typeof v === 'string') {
      if (v !== compound) m.set(rowId, [v, compound]);
    } else if (!v.includes(compound)) v.push(compound);
  }
}

/** What the change history asks of an index (history/groups.ts). */
export type CompoundLookup = Pick<CompoundIndex, 'of' | 'entries'>;

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** The index of `tables`; with `keep`, of those compounds only (see CompoundIndex). Its maps are made as they are asked for. */
export function buildCompoundIndex(tables: TableRows, keep?: ReadonlySet<string>): CompoundIndex {
  return new CompoundIndex(tables, keep);
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

/** table → compound id → its rows of the table, in table order. */
type RowsByCompound = Map<CompoundTable, Map<string, AnyRow[]>>;
const inverted = new WeakMap<CompoundIndex, { tables: TableRows; byTable: RowsByCompound }>();

/**
 * One table's rows by the compounds they concern, each compound's in table order; made when
 * first asked, once per (tables, index), and shared: callers read it and never change it.
 */
export function rowsOfTableByCompound(
  tables: TableRows,
  index: CompoundIndex,
  t: CompoundTable,
): ReadonlyMap<string, readonly AnyRow[]> {
  let memo = inverted.get(index);
  if (!memo || memo.tables !== tables) inverted.set(index, (memo = { tables, byTable: new Map() }));
  let byCompound = memo.byTable.get(t);
  if (byCompound) return byCompound;
  memo.byTable.set(t, (byCompound = new Map()));
  const owner = index.ownerOfRow(t);
  if (!owner) return byCompound;
  const listOf = (c: string): AnyRow[] => {
    let list = byCompound.get(c);
    if (!list) byCompound.set(c, (list = []));
    return list;
  };
  // A table's rows mostly come compound by compound: the last compound's list is kept at hand.
  let last: string | undefined;
  let lastList: AnyRow[] = [];
  for (const r of (tables[t] ?? []) as readonly AnyRow[]) {
    const v = owner(r);
    if (typeof v === 'string') {
      if (v !== last) lastList = listOf((last = v));
      lastList.push(r);
    } else if (v) for (const c of v) listOf(c).push(r);
  }
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
  const out: { table: CompoundTable; rows: AnyRow[] }[] = [];
  for (const t of COMPOUND_TABLES) {
    const rows = rowsOfTableByCompound(tables, index, t).get(compoundId);
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
  const rows = rowsOfTableByCompound(tables, index, table).get(compoundId) ?? [];
  return rows.slice() as Row<T>[];
}
