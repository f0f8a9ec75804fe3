/**
 * Row strings that hold only their own text, for a process that keeps the rows (the build).
 *
 * A table's file is decoded into one string, and a cell of 13 characters or more that the CSV
 * parser cuts from it is, in V8, a slice that keeps the whole file's text alive (outside the
 * heap: ~24 MiB for the ledger at 1,000 compounds) for as long as its row lives. Copying those
 * cells once lets the files' texts go. Values are unchanged; equal texts share one copy.
 * `npm run check` does not need it: it exits once it has checked.
 */
import type { ParsedTables } from './types.ts';

/** V8's shortest slice (SlicedString::kMinLength): shorter substrings are copies already. */
const SLICE_MIN = 13;

/** A copy that owns its characters: JSON's parser builds new strings (exact, lone surrogates included). */
const owned = (s: string): string => JSON.parse(JSON.stringify(s)) as string;

/** Replaces, in place, every long string cell of every table's rows with its own copy. */
export function compactRows(tables: ParsedTables): void {
  for (const table of Object.values(tables)) {
    const copies = new Map<string, string>();
    for (const row of table.rows) {
      const data = row.data as Record<string, unknown>;
      for (const key in data) {
        const v = data[key];
        if (typeof v !== 'string' || v.length < SLICE_MIN) continue;
        let copy = copies.get(v);
        if (copy === undefined) copies.set(v, (copy = owned(v)));
        data[key] = copy;
      }
    }
  }
}
