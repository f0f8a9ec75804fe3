/**
 * Merge a staff sheet into the table already in data/, by id (every table's primary
 * key). A sheet is this quarter's rows, not the whole table: rows it does not hold
 * are kept unless it marks them for deletion or `--replace` is given, so importing
 * two rows never deletes 145. Cells are compared as typed values (history's
 * comparison), so `1650000` against `1650000.00` is no edit. The maintenance-fund
 * ledger is append-only here as in `npm run check`: a published row may come back
 * identical, never edited, never deleted.
 *
 * The file keeps its row order, updated rows in place and new rows appended, and
 * its cells as written where the value did not change, so the diff shows only edits.
 */
import { TABLES, type TableName } from '../../../src/lib/schema/tables.ts';
import { tableColumns } from '../../../src/lib/schema/column-info.ts';
import { toStandard } from '../../../src/lib/schema/accepts.ts';
import { sameValue } from '../../../src/lib/schema/values.ts';
import { describe } from '../../../src/lib/messages/catalogue.ts';
import type { Grid } from './read.ts';
import type { ImportProblem, ImportResult } from './pipeline.ts';
import { guessText } from './references.ts';

/** Tables whose published rows may not change (the rule `npm run check` enforces with git). */
const APPEND_ONLY: readonly TableName[] = ['fund_ledger'];

export interface CellEdit {
  column: string;
  before: string;
  after: string;
}

/** Where an output row comes from: a row of the staff's sheet, or a line of the data file. */
export type Origin = { sourceRow: number } | { dataLine: number };

export interface Merged {
  /** The table to write, in the standard's column order. */
  rows: string[][];
  origins: Origin[];
  /** Rows already in the data file (0 when there was none). */
  existing: number;
  added: { id: string; sourceRow: number }[];
  changed: { id: string; sourceRow: number; edits: CellEdit[] }[];
  unchanged: number;
  /** Ids in the data file the sheet does not hold, kept. */
  absent: string[];
  /** Ids that go: marked 删除 in the sheet (with its line) or absent under --replace. */
  removed: { id: string; sourceRow?: number }[];
  problems: ImportProblem[];
}

/** A cell in the standard's form where the importer can give one; else as written. */
function standardForm(table: TableName, column: string, cell: string): string {
  if (cell === '') return cell;
  const n = toStandard(table, column, cell);
  return n === undefined || !n.ok ? cell : n.value;
}

/** The data file's rows in the standard's column order, or why they cannot be trusted. */
function existingRows(
  header: readonly string[],
  grid: Grid | undefined,
  dataFile: string,
): { rows: string[][]; lines: number[]; problems: ImportProblem[] } {
  if (!grid || grid.rows.length === 0) return { rows: [], lines: [], problems: [] };
  const unreadable = (line: number, what: string): ImportProblem => ({
    line,
    column: 0,
    columnName: '-',
    file: dataFile,
    ...describe('import-existing-unreadable', { file: dataFile, line, what }),
  });
  const lineOf = (r: number) => grid.lines?.[r] ?? r + 1;
  const problems: ImportProblem[] = (grid.problems ?? []).map((p) => unreadable(p.line, p.message));
  const names = grid.rows[0]!;
  for (const name of names) {
    if (!header.includes(name)) problems.push(unreadable(1, `表头里的“${name}”不是数据标准的列`));
  }
  const rows: string[][] = [];
  const lines: number[] = [];
  grid.rows.slice(1).forEach((cells, i) => {
    if (cells.every((c) => c === '')) return;
    if (cells.length !== names.length) {
      problems.push(unreadable(lineOf(i + 1), `这一行有 ${cells.length} 个单元格,表头有 ${names.length} 个`));
    }
    rows.push(header.map((h) => cells[names.indexOf(h)] ?? ''));
    lines.push(lineOf(i + 1));
  });
  return { rows, lines, problems: problems.map((p) => ({ ...p, columnName: '-' })) };
}

export function mergeIntoTable(
  result: ImportResult,
  existingGrid: Grid | undefined,
  options: { replace: boolean; dataFile: string },
): Merged {
  const { table, header } = result;
  const idAt = header.indexOf('id');
  const inSheet = new Set(result.mapped.map((m) => m.column));
  const appendOnly = APPEND_ONLY.includes(table);
  const old = existingRows(header, existingGrid, options.dataFile);
  const merged: Merged = {
    rows: [],
    origins: [],
    existing: old.rows.length,
    added: [],
    changed: [],
    unchanged: 0,
    absent: [],
    removed: [],
    problems: [...old.problems],
  };
  const problem = (line: number, column: string, d: ReturnType<typeof describe>) =>
    merged.problems.push({ line, column: result.sourceColumns[column] ?? 0, columnName: column, ...d });

  const at = new Map(old.rows.map((r, i) => [r[idAt]!, i] as const));
  /** For each data-file row: its replacement from the sheet, by index. */
  const replaced = new Map<number, { row: string[]; sourceRow: number }>();
  const appended: { row: string[]; sourceRow: number }[] = [];
  const firstSeen = new Map<string, number>();

  result.rows.forEach((row, r) => {
    const sourceRow = result.sourceRows[r]!;
    const id = row[idAt] ?? '';
    if (id !== '' && firstSeen.has(id)) {
      problem(sourceRow, 'id', describe('import-row-twice', { id, first: firstSeen.get(id)! }));
      return;
    }
    if (id !== '') firstSeen.set(id, sourceRow);
    const i = id === '' ? undefined : at.get(id);
    if (i === undefined) {
      merged.added.push({ id, sourceRow });
      appended.push({ row, sourceRow });
      return;
    }
    const before = old.rows[i]!;
    const edits: CellEdit[] = header.flatMap((column, c) =>
      inSheet.has(column) && !sameValue(table, column, before[c]!, row[c]!)
        ? [{ column, before: before[c]!, after: row[c]! }]
        : [],
    );
    const next = before.map((cell, c) => standardForm(table, header[c]!, cell));
    for (const e of edits) next[header.indexOf(e.column)] = e.after;
    replaced.set(i, { row: next, sourceRow });
    if (edits.length === 0) merged.unchanged++;
    else if (appendOnly) {
      for (const e of edits) {
        const title = tableColumns(table).find((c) => c.name === e.column)!.title;
        problem(sourceRow, e.column, describe('import-ledger-edited', { id, title, ...e }));
      }
    } else merged.changed.push({ id, sourceRow, edits });
  });

  const going = new Set<string>();
  for (const d of result.deletions) {
    if (firstSeen.has(d.id)) {
      problem(d.sourceRow, 'id', describe('import-row-twice', { id: d.id, first: firstSeen.get(d.id)! }));
    } else if (!at.has(d.id)) {
      const records = old.rows.map((r) => ({ id: r[idAt]!, names: [] }));
      problem(
        d.sourceRow,
        'id',
        describe('import-delete-unknown', { id: d.id, target: TABLES[table].title, guess: guessText(records, d.id) }),
      );
    } else if (appendOnly) {
      problem(d.sourceRow, 'id', describe('import-ledger-delete', { what: `表格标明要删除已发布的流水 ${d.id}` }));
    } else {
      going.add(d.id);
      merged.removed.push(d);
    }
  }
  const absent = old.rows.map((r) => r[idAt]!).filter((id) => !firstSeen.has(id) && !going.has(id));
  if (options.replace && absent.length > 0) {
    if (appendOnly) {
      merged.problems.push({
        line: result.headerRow,
        column: 0,
        columnName: '-',
        ...describe('import-ledger-delete', {
          what: `--replace 会删除表格里没有的 ${absent.length} 笔已发布的流水(如 ${absent.slice(0, 3).join('、')})`,
        }),
      });
    } else {
      for (const id of absent) going.add(id);
      merged.removed.push(...absent.map((id) => ({ id })));
    }
  } else merged.absent = absent;

  old.rows.forEach((row, i) => {
    if (going.has(row[idAt]!)) return;
    const update = replaced.get(i);
    merged.rows.push(update ? update.row : row);
    merged.origins.push(update ? { sourceRow: update.sourceRow } : { dataLine: old.lines[i]! });
  });
  for (const a of appended) {
    merged.rows.push(a.row);
    merged.origins.push({ sourceRow: a.sourceRow });
  }
  return merged;
}
