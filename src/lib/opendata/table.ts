/**
 * Whole-table downloads: CSV (for Excel) and JSON (for programs). Both carry the
 * canonical cell text of the standard, money as plain yuan ("1234.50"), so either
 * re-imports to exactly the rows it came from.
 */
import { TABLE_NAMES, TABLES, type TableName } from '../schema/tables.ts';
import { tableColumns } from '../schema/column-info.ts';
import { rowToCells } from '../schema/cells.ts';
import { toDownloadCsv } from './csv.ts';
import { downloadPaths } from '../views/urls.ts';
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
  const cols = tableColumns(table);
  return toDownloadCsv(
    cols.map((c) => c.name),
    rows.map((r) => rowToCells(r, cols)),
  );
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

export function tableJson(table: TableName, rows: readonly AnyRow[], dataset: DatasetInfo): string {
  const def = TABLES[table];
  const doc = {
    table,
    title: def.title,
    description: def.description,
    dataset: dataset.title,
    as_of: dataset.as_of,
    licence: dataset.licence,
    standard_version: dataset.standard_version,
    schema: downloadPaths(table).schema,
    columns: tableColumns(table).map((c) => ({ name: c.name, title: c.title, required: c.required })),
  };
  // One row per line: still readable and diffable, but a city's ledger indented cell by cell
  // was twice the bytes and most of the time of writing the downloads.
  const head = JSON.stringify(doc, null, 2).slice(0, -2);
  const body = rowsAsCellObjects(table, rows).map((r) => `    ${JSON.stringify(r)}`);
  return `${head},\n  "rows": [${body.length > 0 ? `\n${body.join(',\n')}\n  ` : ''}]\n}\n`;
}

/** Ids of the sources the rows cite, in first-cited order. */
export function citedSources(rows: readonly AnyRow[]): string[] {
  const seen = new Set<string>();
  for (const r of rows) if (typeof r.source_id === 'string') seen.add(r.source_id);
  return [...seen];
}
