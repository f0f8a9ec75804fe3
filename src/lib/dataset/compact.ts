/**
 * Row strings that hold only their own text, for a process that keeps the rows (the build).
 *
 * A table's file is decoded into one string, and a cell of 13 characters or more that the CSV
 * parser cuts from it is, in V8, a slice that keeps the whole file's text alive (outside the
 * heap: ~24 MiB for the ledger at 1,000 compounds) for as long as its row lives. Copying those
 * cells once lets the files' texts go. Values are unchanged. Equal texts are not looked up to
 * share one copy: nine in ten long cells of a city are unique (ids, descriptions), and hashing
 * each into a map cost more CPU than copying them all (0.7 against 0.4 s at 5,000 compounds,
 * bench/README.md, "compacting the rows without a map").
 * `npm run check` does not need it: it exits once it has checked.
 */
import type { LocatedRow, ParsedTables } from './types.ts';

/** V8's shortest slice (SlicedString::kMinLength): shorter substrings are copies already. */
const SLICE_MIN = 13;

/** A copy that owns its characters: JSON's parser builds new strings (exact, lone surrogates included). */
const owned = (s: string): string => JSON.parse(JSON.stringify(s)) as string;

/** Replaces, in place, every long string cell of the rows with its own copy. */
export function compactRowList(rows: readonly LocatedRow<unknown>[]): void {
  for (const row of rows) {
    const data = row.data as Record<string, unknown>;
    for (const key in data) {
      const v = data[key];
      if (typeof v === 'string' && v.length >= SLICE_MIN) data[key] = owned(v);
    }
  }
}

/** compactRowList over every given table's rows. */
export function compactRows(tables: Partial<ParsedTables>): void {
  for (const table of Object.values(tables)) compactRowList(table.rows);
}
