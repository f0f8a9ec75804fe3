/**
 * Map a staff spreadsheet's header labels to the standard's column names. Staff
 * write the Chinese title ("小区编号"), sometimes with a unit or a required-marker
 * ("收入(元)", "*日期"); programs write the column name ("compound_id").
 */
import { TABLE_NAMES, type TableName } from '../../../src/lib/schema/tables.ts';
import { tableColumns } from '../../../src/lib/schema/column-info.ts';
import { cleanSpaces, toHalfWidth } from '../../../src/lib/schema/cell-text.ts';

export function headerKey(label: string): string {
  return toHalfWidth(cleanSpaces(label))
    .replace(/^[*※]+|[*※]+$/g, '')
    .replace(/\s*[([][^()[\]]*[)\]]\s*$/, '')
    .replace(/\s+/g, '')
    .toLowerCase();
}

export interface HeaderMapping {
  /** For each source column position: the standard column name, or undefined when unmapped. */
  columns: (string | undefined)[];
  /** Source labels that matched nothing. */
  unmapped: string[];
  /** Source labels that matched a column already taken by an earlier label. */
  duplicates: string[];
}

export function mapHeader(table: TableName, labels: readonly string[]): HeaderMapping {
  const byKey = new Map<string, string>();
  for (const c of tableColumns(table)) {
    byKey.set(c.name.toLowerCase(), c.name);
    byKey.set(headerKey(c.title), c.name);
  }
  const taken = new Set<string>();
  const out: HeaderMapping = { columns: [], unmapped: [], duplicates: [] };
  for (const label of labels) {
    const name = byKey.get(headerKey(label));
    if (label.trim() === '') out.columns.push(undefined);
    else if (!name) {
      out.columns.push(undefined);
      out.unmapped.push(label);
    } else if (taken.has(name)) {
      out.columns.push(undefined);
      out.duplicates.push(label);
    } else {
      taken.add(name);
      out.columns.push(name);
    }
  }
  return out;
}

function score(table: TableName, labels: readonly string[]): number {
  return mapHeader(table, labels).columns.filter(Boolean).length;
}

/**
 * Find the header row (staff sheets often start with a title row) and, when not
 * given, the table: the best-matching (row, table) pair among the first rows.
 * Returns undefined when no row maps at least two columns, or two tables tie.
 */
export function detectHeader(
  rows: readonly (readonly string[])[],
  table?: TableName,
): { row: number; table: TableName } | { error: string } {
  let best: { row: number; table: TableName; score: number } | undefined;
  let tie = false;
  const candidates = table ? [table] : TABLE_NAMES;
  for (let r = 0; r < Math.min(rows.length, 10); r++) {
    for (const t of candidates) {
      const s = score(t, rows[r]!);
      if (!best || s > best.score) {
        best = { row: r, table: t, score: s };
        tie = false;
      } else if (s === best.score && t !== best.table && r === best.row) tie = true;
    }
  }
  if (!best || best.score < 2) {
    return {
      error: table ? `前 10 行里找不到 ${table} 表的表头(至少要有两列能对上)` : '前 10 行里找不到能对上任何表的表头',
    };
  }
  if (tie && !table) return { error: '表头同时能对上多张表,请用 --table 指定表名' };
  return { row: best.row, table: best.table };
}
