/**
 * Check one written table exactly as `npm run check` reads it (the same CSV reader
 * and the same schema), so the importer can say right away whether its output
 * will pass, and say it in the staff's own file's lines and columns. Cross-table
 * checks (references, overlaps) need the whole data set: `npm run check`.
 */
import { parseCsv } from '../../../src/lib/dataset/read-csv.ts';
import { typeRows } from '../../../src/lib/dataset/type-rows.ts';
import { columnsOf, type Row, type TableName } from '../../../src/lib/schema/tables.ts';
import type { DataIssue } from '../../../src/lib/messages/issue.ts';
import { standardCsvWithLines, type ImportProblem, type ImportResult } from './pipeline.ts';
import { tableColumns } from '../../../src/lib/schema/column-info.ts';
import type { Merged } from './merge.ts';

export function checkTableCsv<T extends TableName>(
  table: T,
  file: string,
  text: string,
): { issues: DataIssue[]; rows: Row<T>[] } {
  const columns = columnsOf(table).map((c) => ({ name: c.name, title: c.meta.title, required: c.meta.required }));
  const raw = parseCsv(new TextEncoder().encode(text), file, columns);
  const typed = typeRows(table, file, raw);
  return { issues: [...raw.issues, ...typed.issues], rows: typed.table.rows.map((r) => r.data) };
}

/**
 * The merged table checked with the table's schema, each issue moved back to where
 * staff can fix it: the source cell for a row from the sheet, the data file's line
 * for a row the merge kept. Issues about a cell or column the importer already
 * reported are not repeated.
 */
export function checkImport(
  result: ImportResult,
  file: string,
  merged: Pick<Merged, 'rows' | 'origins'> = {
    rows: result.rows,
    origins: result.sourceRows.map((sourceRow) => ({ sourceRow })),
  },
): { csv: string; issues: DataIssue[]; problems: ImportProblem[] } {
  const { csv, rowLines } = standardCsvWithLines(result.header, merged.rows);
  const { issues } = checkTableCsv(result.table, file, csv);
  const rowAtLine = new Map(rowLines.map((line, row) => [line, row] as const));
  const reported = new Set(result.problems.map((p) => `${p.line}:${p.column}`));
  const missingRequired = new Set(
    tableColumns(result.table)
      .filter((c) => c.required && result.missingColumns.includes(c.name))
      .map((c) => c.name),
  );
  const problems: ImportProblem[] = [];
  for (const i of issues) {
    const row = rowAtLine.get(i.line);
    const origin = row === undefined ? undefined : merged.origins[row];
    if (origin && 'dataLine' in origin) {
      // An issue of the whole row (columnName '-', e.g. a row left blank) points at its first cell.
      const column = Math.max(1, result.header.indexOf(i.columnName) + 1);
      problems.push({ line: origin.dataLine, column, columnName: i.columnName, message: i.message, fix: i.fix, file });
      continue;
    }
    // Already said once for the whole header.
    if (missingRequired.has(i.columnName)) continue;
    const line = origin ? origin.sourceRow : result.headerRow;
    const column = result.sourceColumns[i.columnName] ?? 1;
    if (reported.has(`${line}:${column}`)) continue;
    reported.add(`${line}:${column}`);
    problems.push({ line, column, columnName: i.columnName, message: i.message, fix: i.fix });
  }
  return { csv, issues, problems };
}
