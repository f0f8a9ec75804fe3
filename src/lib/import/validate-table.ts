/**
 * Check one written table exactly as `npm run check` reads it (the same CSV reader
 * and the same schema), so the importer can say right away whether its output
 * will pass. Cross-table checks (references, overlaps) need the whole data set:
 * `npm run check`.
 */
import { parseCsv } from '../csv/read.ts';
import { typeRows } from '../csv/type-rows.ts';
import { columnsOf, type Row, type TableName } from '../schema/tables.ts';
import type { DataIssue } from '../validate/types.ts';

export function checkTableCsv<T extends TableName>(
  table: T,
  file: string,
  text: string,
): { issues: DataIssue[]; rows: Row<T>[] } {
  const columns = columnsOf(table).map((c) => ({ name: c.name, title: c.meta.title }));
  const raw = parseCsv(new TextEncoder().encode(text), file, columns);
  const typed = typeRows(table, file, raw);
  return { issues: [...raw.issues, ...typed.issues], rows: typed.table.rows.map((r) => r.data) };
}
