/**
 * Map a staff spreadsheet's header labels to the standard's column names. Staff
 * write the Chinese title ("小区编号"), sometimes with a unit or a required-marker
 * ("收入(元)", "*日期"); programs write the column name ("compound_id"). A
 * reference may be headed by the referenced table's id or name title, in every table.
 */
import { TABLE_NAMES, TABLES, type TableName } from '../../../src/lib/schema/tables.ts';
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
  /** Labels that name a column another label already gave, by a weaker name ("小区名称" beside "小区编号"). */
  redundant: { position: number; label: string; column: string; by: string }[];
  /** 0-based position of the deletion-marker column (操作/删除), when there is one. */
  marker?: number;
}

/** Headers of the column in which staff mark a row for deletion with “删除”. */
const MARKER_LABELS = ['操作', '删除', '删除标记'];

/**
 * Every name a header may give a column, strongest first: the column's own name
 * and title (1); for a reference, the referenced table's id title ("小区编号") (2);
 * then its name title ("小区名称", whose cells are resolved to ids) (3). A name two
 * columns of the table could claim is left to neither.
 */
function headerNames(table: TableName): Map<string, { column: string; rank: number }> {
  const names = new Map<string, { column: string; rank: number }>();
  const claimed = new Map<string, Set<string>>();
  const aliases: [string, string, number][] = [];
  for (const c of tableColumns(table)) {
    names.set(c.name.toLowerCase(), { column: c.name, rank: 1 });
    names.set(headerKey(c.title), { column: c.name, rank: 1 });
    const target = c.meta.references as TableName | undefined;
    if (!target || target === table || !(target in TABLES)) continue;
    const targetCols = tableColumns(target);
    const title = TABLES[target].title;
    const idTitle = targetCols.find((t) => t.name === 'id')?.title;
    const nameTitle = targetCols.find((t) => t.name === 'name')?.title;
    for (const [label, rank] of [
      [idTitle, 2],
      [`${title}编号`, 2],
      [nameTitle, 3],
      [`${title}名称`, 3],
      [`所属${title}`, 3],
    ] as const) {
      if (!label) continue;
      const key = headerKey(label);
      aliases.push([key, c.name, rank]);
      claimed.set(key, new Set([...(claimed.get(key) ?? []), c.name]));
    }
  }
  for (const [key, column, rank] of aliases) {
    const current = names.get(key);
    const better = !current || (current.column === column && current.rank > rank);
    if (better && claimed.get(key)!.size === 1) names.set(key, { column, rank });
  }
  return names;
}

export function mapHeader(table: TableName, labels: readonly string[]): HeaderMapping {
  const names = headerNames(table);
  const markerKeys = new Set(MARKER_LABELS.map(headerKey));
  const out: HeaderMapping = { columns: labels.map(() => undefined), unmapped: [], duplicates: [], redundant: [] };
  const found = labels.map((label) => names.get(headerKey(label)));
  const takenBy = new Map<string, number>();
  // Strongest names first, so "小区编号" wins over "小区名称" wherever each stands.
  for (const rank of [1, 2, 3]) {
    labels.forEach((label, i) => {
      const f = found[i];
      if (!f || f.rank !== rank) return;
      const by = takenBy.get(f.column);
      if (by === undefined) {
        takenBy.set(f.column, i);
        out.columns[i] = f.column;
      } else if (names.get(headerKey(labels[by]!))!.rank < rank) {
        out.redundant.push({ position: i, label, column: f.column, by: labels[by]! });
      } else out.duplicates.push(label);
    });
  }
  labels.forEach((label, i) => {
    if (label.trim() === '' || found[i]) return;
    if (markerKeys.has(headerKey(label)) && out.marker === undefined) out.marker = i;
    else out.unmapped.push(label);
  });
  return out;
}

/** Mapped columns, the deletion marker included: "操作, 流水编号" is a whole sheet of deletions. */
function score(table: TableName, labels: readonly string[]): number {
  const m = mapHeader(table, labels);
  return m.columns.filter(Boolean).length + (m.marker === undefined ? 0 : 1);
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
