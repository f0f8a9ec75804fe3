/** Small helpers shared by the rules. */
import type { TableName } from '../../schema/tables.ts';
import type { ParsedTables } from '../../dataset/types.ts';

/** A row as a plain record, for rules that work on any table. */
export type AnyRow = { data: Record<string, unknown>; line: number };

export function rowsOf(tables: ParsedTables, name: TableName): AnyRow[] {
  return (tables[name]?.rows ?? []) as unknown as AnyRow[];
}

/** A table's ids, asked with has(); size counts distinct ids. */
export type IdIndex = Pick<ReadonlySet<string>, 'has' | 'size'>;

/** Ids that stand in strictly ascending order in the file: looked up by halving, never hashed. */
class AscendingIds implements IdIndex {
  private readonly ids: readonly string[];
  constructor(ids: readonly string[]) {
    this.ids = ids;
  }
  get size(): number {
    return this.ids.length;
  }
  has(id: string): boolean {
    let lo = 0;
    let hi = this.ids.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const at = this.ids[mid] as string;
      if (at === id) return true;
      if (at < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }
}

const ID_INDEXES = new WeakMap<object, IdIndex>();
/** Tables whose ids are known without their rows (the cached check's ledger chunks, ../cached.ts). */
const ID_PROVIDERS = new WeakMap<object, () => IdIndex | undefined>();

/** Ids in file order as an index: a sorted list when they stand in strictly ascending order, else a set. */
export function idIndex(inOrder: string[]): IdIndex {
  for (let i = 1; i < inOrder.length; i++)
    if (!((inOrder[i - 1] as string) < (inOrder[i] as string))) return new Set(inOrder);
  return new AscendingIds(inOrder);
}

/**
 * Whether an id stands twice in `inOrder`, without a set of them: a city's revenue table has
 * 789,074 ids out of order, and hashing them into a set cost more than the rest of its
 * duplicate check. Each id is hashed to 53 bits (two 32-bit hashes, one cut to 21) in a typed
 * array, sorted natively; equal ids give equal keys, so no equal keys means no repeat, and
 * equal keys (a repeat, or rarely two ids sharing a key) are settled by the set. Exact either way.
 */
export function hasRepeats(inOrder: readonly string[]): boolean {
  let ascending = true;
  for (let i = 1; ascending && i < inOrder.length; i++) ascending = (inOrder[i - 1] as string) < (inOrder[i] as string);
  if (ascending) return false;
  const keys = new Float64Array(inOrder.length);
  for (let k = 0; k < inOrder.length; k++) {
    const id = inOrder[k] as string;
    let a = 0x811c9dc5;
    let b = 0x9e3779b9;
    for (let i = 0; i < id.length; i++) {
      const c = id.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b + c, 0x85ebca6b) ^ (b >>> 13);
    }
    keys[k] = (a >>> 0) * 0x200000 + ((b >>> 0) >>> 11);
  }
  keys.sort();
  for (let k = 1; k < keys.length; k++) if (keys[k] === keys[k - 1]) return new Set(inOrder).size !== inOrder.length;
  return false;
}

/** Called whenever a table's ids are asked for: may give them without the rows (undefined: count them from the rows). */
export function provideIds(table: object, ids: () => IdIndex | undefined): void {
  ID_PROVIDERS.set(table, ids);
}

/**
 * Every id a table holds, including rows rejected for other reasons: their
 * problems are already reported, and a second "missing" error would mislead.
 * Several rules ask for the same table's ids, so they are collected once per table read; a
 * city's ledgers are written in id order, and then a sorted list replaces a set of a million
 * hashed strings (the largest single cost of the check at 15,000 compounds).
 */
export function idsOf(tables: ParsedTables, name: TableName): IdIndex {
  const table = tables[name];
  if (!table) return new Set();
  const memo = ID_PROVIDERS.get(table)?.() ?? ID_INDEXES.get(table);
  if (memo) return memo;
  const index = idIndex(idsInFileOrder(table));
  ID_INDEXES.set(table, index);
  return index;
}

/** A table's ids, typed and rejected rows merged in line order (each list is in line order). */
export function idsInFileOrder(table: ParsedTables[TableName]): string[] {
  const typed = table.rows as unknown as AnyRow[];
  const rejected = table.rejected ?? [];
  const inOrder: string[] = [];
  for (let i = 0, j = 0; i < typed.length || j < rejected.length;) {
    const t = typed[i];
    const r = rejected[j];
    if (t && (!r || t.line < r.line)) {
      if (typeof t.data.id === 'string') inOrder.push(t.data.id);
      i++;
    } else if (r) {
      if (r.raw.id) inOrder.push(r.raw.id);
      j++;
    }
  }
  return inOrder;
}

/** Let the id sets go once the rules have run: the pages keep the tables, not these. */
export function releaseIds(tables: ParsedTables): void {
  for (const table of Object.values(tables)) {
    ID_INDEXES.delete(table);
    ID_PROVIDERS.delete(table);
  }
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
