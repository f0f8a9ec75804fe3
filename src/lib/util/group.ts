/**
 * Grouping and lookup over rows already sorted: groups keep the sort, so no
 * caller sorts a group again.
 */

/** A one-to-many index; `list()` reads it without undefined checks. */
export type Index<T> = ReadonlyMap<string, readonly T[]>;

const EMPTY: readonly never[] = Object.freeze([]);

/** The rows under `key`, or an empty list. */
export function list<T>(index: Index<T>, key: string | undefined): readonly T[] {
  if (key === undefined) return EMPTY;
  return index.get(key) ?? EMPTY;
}

/** Rows by their `id`. */
export function byId<T extends { id: string }>(rows: readonly T[]): Map<string, T> {
  const m = new Map<string, T>();
  for (const r of rows) m.set(r.id, r);
  return m;
}

/** Rows under their key (an id, a year…), in input order; rows whose key is undefined are left out. */
export function groupBy<T, K = string>(rows: Iterable<T>, key: (r: T) => K | undefined): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const r of rows) {
    const k = key(r);
    if (k === undefined) continue;
    const g = m.get(k);
    if (g) g.push(r);
    else m.set(k, [r]);
  }
  return m;
}

/** Like groupBy, for rows that belong under several keys (each key once). */
export function groupByMany<T>(rows: readonly T[], keys: (r: T) => readonly (string | undefined)[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    for (const k of new Set(keys(r))) {
      if (k === undefined) continue;
      const g = m.get(k);
      if (g) g.push(r);
      else m.set(k, [r]);
    }
  }
  return m;
}
