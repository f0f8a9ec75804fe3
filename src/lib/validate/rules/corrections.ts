/**
 * A correction must point at a real cell: the row exists in the named table, the
 * column is one of that table's columns (not its id), and the "new value" is what
 * the cell now says. Otherwise the trace the corrections table promises is false.
 *
 * Registered in src/lib/validate/rules/index.ts.
 */
import { columnLabel, tableLabel, tableTitle } from '../../schema/labels.ts';
import { TABLES, type TableName } from '../../schema/tables.ts';
import { issue } from '../../messages/catalogue.ts';
import type { DataIssue } from '../../messages/issue.ts';
import type { Rule } from '../types.ts';
import { tableColumns } from '../../schema/column-info.ts';
import { toCell } from '../../schema/cells.ts';

export const correctionTargets: Rule = ({ tables, at }) => {
  const issues: DataIssue[] = [];
  for (const row of tables.corrections?.rows ?? []) {
    const c = row.data;
    const table = c.table as TableName;
    if (!(table in TABLES)) continue;
    const target = (tables[table]?.rows ?? []).find((r) => (r.data as { id?: string }).id === c.row_id);
    if (!target) {
      issues.push(
        issue('ref', at('corrections', row.line, 'row_id'), {
          id: c.row_id,
          target: table,
          targetTitle: tableTitle(table),
        }),
      );
      continue;
    }
    const col = tableColumns(table).find((x) => x.name === c.column);
    if (!col || col.name === 'id') {
      const allowed = tableColumns(table)
        .filter((x) => x.name !== 'id')
        .map((x) => `${x.name}(${x.title})`)
        .join('、');
      issues.push(
        issue('correction-column', at('corrections', row.line, 'column'), {
          column: c.column,
          table: tableLabel(table),
          allowed,
        }),
      );
      continue;
    }
    // Compare values, not text: "68.0" and "68" are the same score.
    const current = (target.data as Record<string, unknown>)[col.name];
    const shape = TABLES[table].schema.shape as Record<
      string,
      { safeParse(v: unknown): { success: boolean; data?: unknown } }
    >;
    const parsed = shape[col.name]!.safeParse(c.new_value === '' ? undefined : c.new_value);
    const now = toCell(current, col.kind);
    if (!parsed.success || JSON.stringify(parsed.data) !== JSON.stringify(current)) {
      issues.push(
        issue('correction-stale', at('corrections', row.line, 'new_value'), {
          value: c.new_value ?? '',
          table: tableLabel(table),
          id: c.row_id,
          column: columnLabel(table, c.column),
          now,
        }),
      );
    }
  }
  return issues;
};
