/**
 * Run one table's schema over cell rows, the same per-cell checks `npm run check`
 * makes, so the importer can say right away whether its output will pass.
 * Cross-table checks (references, overlaps) need the whole data set: `npm run check`.
 */
import { TABLES, type TableName } from '../schema/tables.ts';
import type { DataIssue } from '../validate/types.ts';

/** Turn a row of cells into the schema's input: blank cells are absent. */
export function cellsToInput(header: readonly string[], cells: readonly string[]): Record<string, string | undefined> {
  const obj: Record<string, string | undefined> = {};
  header.forEach((h, i) => {
    const v = cells[i];
    obj[h] = v === undefined || v === '' ? undefined : v;
  });
  return obj;
}

export function validateRows(
  table: TableName,
  file: string,
  header: readonly string[],
  rows: readonly (readonly string[])[],
): { issues: DataIssue[]; parsed: Record<string, unknown>[] } {
  const schema = TABLES[table].schema;
  const issues: DataIssue[] = [];
  const parsed: Record<string, unknown>[] = [];
  const missing = Object.keys(schema.shape).filter((c) => !header.includes(c));
  rows.forEach((cells, i) => {
    const result = schema.safeParse(cellsToInput(header, cells));
    if (result.success) {
      parsed.push(result.data as Record<string, unknown>);
      return;
    }
    for (const issue of result.error.issues) {
      const col = String(issue.path[0] ?? '-');
      // Missing columns are reported once below, not on every row.
      if (missing.includes(col) && i > 0) continue;
      const params = (issue as { params?: { fix?: string; kind?: string } }).params;
      issues.push({
        file,
        line: i + 2,
        column: header.indexOf(col) + 1 || 1,
        columnName: col,
        message: missing.includes(col) ? `缺少“${col}”列` : issue.message,
        fix: params?.fix ?? '按数据标准填写',
        kind: params?.kind ?? 'schema',
      });
    }
  });
  return { issues, parsed };
}
