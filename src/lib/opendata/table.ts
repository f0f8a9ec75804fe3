/**
 * Whole-table downloads: one CSV per table (for Excel and, with its JSON Schema and
 * datapackage.json, for programs), in the canonical cell text of the standard, money as plain
 * yuan ("1234.50"), so it re-imports to exactly the rows it came from. There is no JSON copy of
 * a whole table: it held the same cell text as the CSV and was a third of a city's output
 * (docs/sharding.md, "Deployment"); the district archives carry the rows as JSON.
 */
import { TABLE_NAMES, type TableName } from '../schema/tables.ts';
import { tableColumns } from '../schema/column-info.ts';
import { rowToCells, toCell } from '../schema/cells.ts';
import { csvCell, csvLine, csvLinePieces } from './csv.ts';
import type { AnyRow } from '../model/types.ts';

export interface DatasetInfo {
  title: string;
  as_of: string;
  licence: string;
  standard_version: number;
}

/**
 * The tables offered for download, each with its JSON Schema and a resource in datapackage.json.
 * privacy_allow.csv stays in the repository for reviewers but is not published: it is a map of
 * where personal-looking data sits in the other files, and its reasons name whose number it is.
 */
export const PUBLISHED_TABLES: readonly TableName[] = TABLE_NAMES.filter((t) => t !== 'privacy_allow');

export function tableCsv(table: TableName, rows: readonly AnyRow[]): string {
  return [...tableCsvPieces(table, rows)].join('');
}

/**
 * The same CSV in pieces of whole lines, for an archive to deflate one at a time: the ledger of
 * a city, whole, with every row's cells, was the largest thing a build held (bench/README.md,
 * "Issue 15: the build's peak memory at city scale"). Without the header (`header` false) for the
 * rows after a table's first slice (city-downloads.ts).
 */
export function* tableCsvPieces(table: TableName, rows: readonly AnyRow[], header = true): Generator<string> {
  const cols = tableColumns(table);
  // Each row straight to its line: an array of its cells first was a row's worth of garbage.
  function* lines() {
    for (const r of rows) {
      let line = '';
      for (let i = 0; i < cols.length; i++) {
        const c = cols[i]!;
        line += `${i === 0 ? '' : ','}${csvCell(toCell(r[c.name], c.kind))}`;
      }
      yield line;
    }
  }
  yield* csvLinePieces(header ? csvLine(cols.map((c) => c.name)) : undefined, lines());
}

/** Rows as objects of cell text; blank cells are left out, as in the JSON Schema. */
export function rowsAsCellObjects(table: TableName, rows: readonly AnyRow[]): Record<string, string>[] {
  const cols = tableColumns(table);
  return rows.map((r) => {
    const cells = rowToCells(r, cols);
    const obj: Record<string, string> = {};
    cols.forEach((c, i) => {
      if (cells[i] !== '') obj[c.name] = cells[i] as string;
    });
    return obj;
  });
}

/** Ids of the sources the rows cite, in first-cited order. */
export function citedSources(rows: readonly AnyRow[]): string[] {
  const seen = new Set<string>();
  for (const r of rows) if (typeof r.source_id === 'string') seen.add(r.source_id);
  return [...seen];
}
