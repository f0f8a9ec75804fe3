/**
 * Raw string cells → typed rows through the table's zod schema. Every zod issue
 * becomes a located DataIssue; `params.kind` and `params.fix` come from the
 * column parsers (src/lib/schema/columns.ts), which word them via the catalogue.
 */
import type { z } from 'astro/zod';
import { TABLES, type Row, type TableName } from '../schema/tables.ts';
import type { IssueParams } from '../schema/columns.ts';
import { valueText } from '../schema/values.ts';
import { describe, issue } from '../messages/catalogue.ts';
import type { DataIssue } from '../messages/issue.ts';
import type { ParsedTable } from './types.ts';
import type { RawTable } from './read-csv.ts';

function paramsOf(i: z.core.$ZodIssue): IssueParams | undefined {
  const p = (i as { params?: Partial<IssueParams> }).params;
  return p && typeof p.fix === 'string' && typeof p.kind === 'string' ? { fix: p.fix, kind: p.kind } : undefined;
}

/**
 * Cell problems that are only Excel's way of showing a value (2010/6/18, 1650000 for a
 * balance, TRUE): when the importer's reading gives a value the column accepts, the cell is
 * in display form, and `npm run tidy` rewrites it without changing the value.
 */
const DISPLAY_KINDS = new Set(['date', 'partial-date', 'money', 'type', 'percent', 'enum']);

interface DisplayForms {
  count: number;
  line: number;
  value: string;
  canonical: string;
}

export function typeRows<T extends TableName>(
  name: T,
  file: string,
  raw: RawTable,
): { table: ParsedTable<Row<T>>; issues: DataIssue[] } {
  const schema = TABLES[name].schema as unknown as z.ZodType<Row<T>>;
  const position = new Map(raw.header.map((h, i) => [h, i + 1] as const));
  const issues: DataIssue[] = [];
  const table: ParsedTable<Row<T>> = { name, file, header: raw.header, rows: [], rejected: [] };
  // A whole table re-saved by Excel is one problem with one command per column, not one per cell.
  const display = new Map<string, DisplayForms>();
  if (raw.unreadable) table.unreadable = true;
  for (const row of raw.rows) {
    if (row.broken) {
      table.rejected?.push({ line: row.line, raw: row.cells });
      continue;
    }
    // A blank cell is "not given": the column parsers treat undefined as blank.
    const input: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(row.cells)) input[k] = v === '' ? undefined : v;
    const result = schema.safeParse(input);
    if (result.success) {
      table.rows.push({ data: result.data, line: row.line });
      continue;
    }
    table.rejected?.push({ line: row.line, raw: row.cells });
    for (const zi of result.error.issues) {
      const col = typeof zi.path[0] === 'string' ? zi.path[0] : '-';
      // A column missing from the header is already reported once, not once per row.
      if (col !== '-' && !position.has(col)) continue;
      const p = paramsOf(zi);
      const cell = row.cells[col] ?? '';
      if (p && DISPLAY_KINDS.has(p.kind)) {
        const canonical = valueText(name, col, cell);
        if (canonical !== cell && canonical !== '') {
          const d = display.get(col);
          if (d) d.count += 1;
          else display.set(col, { count: 1, line: row.line, value: cell, canonical });
          continue;
        }
      }
      const text = p
        ? { kind: p.kind, message: zi.message, fix: p.fix }
        : describe('type', { value: String(row.cells[col] ?? ''), expected: '有效的值', how: zi.message });
      issues.push({ file, line: row.line, column: position.get(col) ?? 1, columnName: col, ...text });
    }
  }
  for (const [col, d] of display) {
    const at = { file, line: d.line, column: position.get(col) ?? 1, columnName: col };
    issues.push(issue('excel-display', at, { count: d.count, value: d.value, canonical: d.canonical, file }));
  }
  return { table, issues };
}
