/**
 * The import pipeline: grid of staff cells → rows in the data standard, with a
 * record of every change and of everything a person must fix. The rule (issue 7):
 * each cell either becomes exactly the right value and the change is listed, or
 * the import is refused with line, column and a fix. Nothing is dropped unsaid.
 */
import type { TableName } from '../../../src/lib/schema/tables.ts';
import { tableColumns } from '../../../src/lib/schema/column-info.ts';
import { restoreFormulaCell } from '../../../src/lib/opendata/formula.ts';
import { detectHeader, mapHeader } from './headers.ts';
import type { Normalised } from '../../../src/lib/schema/normalise.ts';
import { cleanSpaces, explainCleanup } from '../../../src/lib/schema/cell-text.ts';
import type { Grid } from './read.ts';
import { ambiguityProblem, checkReferences, resolveName, type KnownRecord, type KnownRecords } from './references.ts';
import { toStandard } from '../../../src/lib/schema/accepts.ts';
import { describe } from '../../../src/lib/messages/catalogue.ts';
import { deletionMark, totalLabel } from './row-marks.ts';

export interface CellChange {
  /** 1-based row in the source sheet or line in the file, as staff see it. */
  sourceRow: number;
  column: string;
  before: string;
  after: string;
  note?: string;
}

export interface Unmappable {
  sourceRow: number;
  column: string;
  value: string;
  reason: string;
}

/** Something a person must fix before the import can write anything. */
export interface ImportProblem {
  /** Line (CSV) or row (xlsx) in the source, 1-based. */
  line: number;
  /** Cell position in the source, 1-based; 0 when the whole line is at fault. */
  column: number;
  /** Standard column name when known, else the source header label or "-". */
  columnName: string;
  message: string;
  fix: string;
  /** Catalogue kind, for the messages the catalogue holds. */
  kind?: string;
  /** Where the problem is when not in the staff's file (a row of the data file kept by the merge). */
  file?: string;
}

/** A reference cell written as a name, short name or credit code, and the id it names. */
export interface Resolved {
  sourceRow: number;
  column: string;
  before: string;
  after: string;
  /** Title of the column the name was found in (企业名称, 简称, 统一社会信用代码…). */
  via: string;
}

export interface ImportResult {
  table: TableName;
  source: string;
  /** 1-based row of the header in the source. */
  headerRow: number;
  /** Standard column names, in standard order. */
  header: string[];
  rows: string[][];
  /** Source line/row of each output row. */
  sourceRows: number[];
  mapped: { label: string; column: string }[];
  /** 1-based source position of each mapped standard column. */
  sourceColumns: Record<string, number>;
  /** Source labels that match no column, with how many filled cells were left out. */
  unmappedHeaders: string[];
  droppedColumns: { label: string; column: number; filled: number; by?: string }[];
  duplicateHeaders: string[];
  missingColumns: string[];
  /** Whole-file changes (encoding, BOM, line ends). */
  notes: string[];
  changes: CellChange[];
  resolved: Resolved[];
  /** Total and subtotal rows skipped: their line and the label that marks them. */
  totals: { line: number; label: string }[];
  /** Rows the 操作 column marks for deletion: the id and the line. */
  deletions: { id: string; sourceRow: number }[];
  unmappable: Unmappable[];
  /** Everything that stops the import (includes each unmappable cell). */
  problems: ImportProblem[];
  blankRowsSkipped: number;
}

export interface NormaliseOptions {
  /** Records of the tables (from data/): names are resolved to ids, damaged references caught. */
  known?: KnownRecords;
  /** The data's as-of date (data/dataset.json): a date after it is a typo unless the column allows the future. */
  asOf?: string;
}

/** Excel's column letters, for the report ("A", "AB"). */
export function columnLetter(position: number): string {
  let s = '';
  for (let n = position; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function normaliseGrid(
  grid: Grid,
  table?: TableName,
  options: NormaliseOptions = {},
): ImportResult | { error: string } {
  const lineOf = (r: number) => grid.lines?.[r] ?? r + 1;
  const readProblems: ImportProblem[] = (grid.problems ?? []).map((p) => ({ ...p, columnName: '-' }));
  const found = detectHeader(grid.rows, table);
  if ('error' in found) {
    // A file that could not be read cleanly explains itself better than "no header".
    if (readProblems.length > 0) {
      const p = readProblems[0]!;
      return { error: `第 ${p.line} 行${p.column ? `第 ${p.column} 列` : ''}:${p.message}(${p.fix})` };
    }
    return found;
  }
  const labels = grid.rows[found.row]!;
  const headerLine = lineOf(found.row);
  const mapping = mapHeader(found.table, labels);
  const cols = tableColumns(found.table);
  const header = cols.map((c) => c.name);
  const dataRows = grid.rows.slice(found.row + 1);
  const filledIn = (i: number) => dataRows.filter((r) => cleanSpaces(r[i] ?? '') !== '').length;

  const result: ImportResult = {
    table: found.table,
    source: grid.source,
    headerRow: headerLine,
    header,
    rows: [],
    sourceRows: [],
    mapped: labels.flatMap((label, i) => (mapping.columns[i] ? [{ label, column: mapping.columns[i] }] : [])),
    sourceColumns: Object.fromEntries(mapping.columns.flatMap((name, i) => (name ? [[name, i + 1]] : []))),
    unmappedHeaders: mapping.unmapped,
    droppedColumns: [],
    duplicateHeaders: mapping.duplicates,
    missingColumns: header.filter((h) => !mapping.columns.includes(h)),
    notes: [...(grid.notes ?? [])],
    changes: [],
    resolved: [],
    totals: [],
    deletions: [],
    unmappable: [],
    problems: readProblems,
    blankRowsSkipped: 0,
  };
  // One report per cell: a cell already reported while reading (its bytes) is not reported again for its value.
  const reportedAt = new Set(readProblems.map((p) => `${p.line}:${p.column}`));
  const problem = (line: number, column: number, columnName: string, message: string, fix: string, kind?: string) => {
    if (reportedAt.has(`${line}:${column}`)) return;
    reportedAt.add(`${line}:${column}`);
    result.problems.push({ line, column, columnName, message, fix, ...(kind ? { kind } : {}) });
  };
  const catalogued = (line: number, column: number, columnName: string, d: ReturnType<typeof describe>) =>
    problem(line, column, columnName, d.message, d.fix, d.kind);

  // ── header: nothing with data in it may be dropped without saying so ──
  labels.forEach((label, i) => {
    if (mapping.columns[i] || i === mapping.marker) return;
    const filled = filledIn(i);
    const redundant = mapping.redundant.find((r) => r.position === i);
    if (redundant) {
      result.droppedColumns.push({ label, column: i + 1, filled, by: redundant.by });
      return;
    }
    const at = `${columnLetter(i + 1)} 列`;
    if (cleanSpaces(label) === '') {
      if (filled > 0) {
        problem(
          headerLine,
          i + 1,
          '-',
          `这一列没有表头,下面却有 ${filled} 个单元格有内容`,
          '给这一列写上表头(数据标准的列名或中文名),不要的话整列删掉',
        );
      }
    } else if (mapping.duplicates.includes(label)) {
      const first = mapping.columns.indexOf(headerKeyTarget(found.table, label));
      if (filled > 0) {
        problem(
          headerLine,
          i + 1,
          label,
          `表头“${label}”(${at})和第 ${first + 1} 列对应同一个标准列,这一列有 ${filled} 个单元格有内容,不知道该用哪一列`,
          '删掉其中一列,或把表头改成另一个标准列名',
        );
      }
    } else {
      result.droppedColumns.push({ label, column: i + 1, filled });
    }
  });
  const idColumn = cols.find((c) => c.name === 'id');
  const known = options.known;

  // ── rows ──
  const width = labels.length;
  for (let r = found.row + 1; r < grid.rows.length; r++) {
    const src = grid.rows[r]!;
    const sourceRow = lineOf(r);
    if (src.every((c) => cleanSpaces(c) === '')) {
      result.blankRowsSkipped++;
      continue;
    }
    const total = totalLabel(src);
    if (total !== undefined) {
      result.totals.push({ line: sourceRow, label: total });
      continue;
    }
    if (mapping.marker !== undefined) {
      const mark = deletionMark(src[mapping.marker] ?? '');
      if (mark === 'unclear') {
        catalogued(
          sourceRow,
          mapping.marker + 1,
          '-',
          describe('import-delete-marker', { column: labels[mapping.marker]!, value: src[mapping.marker]! }),
        );
        continue;
      }
      if (mark === 'delete') {
        const at = mapping.columns.indexOf('id');
        const raw = at >= 0 ? cleanSpaces(src[at] ?? '') : '';
        const n = raw === '' ? undefined : toStandard(found.table, 'id', raw);
        const id = n === undefined ? raw : n.ok ? n.value : raw;
        if (id === '') {
          catalogued(
            sourceRow,
            mapping.marker + 1,
            'id',
            describe('import-delete-no-id', { title: idColumn?.title ?? 'id' }),
          );
        } else result.deletions.push({ id, sourceRow });
        continue;
      }
    }
    if (grid.ragged && src.length > width) {
      const extra = src.slice(width);
      const firstFilled = extra.findIndex((c) => c !== '');
      problem(
        sourceRow,
        width + 1 + Math.max(0, firstFilled),
        '-',
        firstFilled >= 0
          ? `这一行有 ${src.length} 个单元格,比表头多 ${extra.length} 个;多出的“${extra[firstFilled]}”没有列可放`
          : `这一行有 ${src.length} 个单元格,比表头多 ${extra.length} 个(行尾多了逗号),整行可能错位了`,
        '检查这一行是不是多打了逗号(单元格里的逗号要用英文双引号把整个单元格括起来),改到和表头一样多的单元格',
      );
    } else if (grid.ragged && src.length < width) {
      problem(
        sourceRow,
        src.length + 1,
        mapping.columns[src.length] ?? labels[src.length] ?? '-',
        `这一行只有 ${src.length} 个单元格,表头有 ${width} 个,后面的单元格可能错位了`,
        '检查这一行是不是少了逗号:空单元格也要用逗号隔开,改到和表头一样多的单元格',
      );
    }
    const out = header.map(() => '');
    mapping.columns.forEach((name, i) => {
      if (!name) return;
      const col = cols.find((c) => c.name === name)!;
      const original = src[i] ?? '';
      let before = original;
      const restored = restoreFormulaCell(before);
      if (restored !== before) {
        result.changes.push({
          sourceRow,
          column: name,
          before,
          after: restored,
          note: '去掉了下载文件为防止 Excel 当成公式而加在开头的单引号',
        });
        before = restored;
      }
      let after = before;
      const n: Normalised | undefined = before === '' ? undefined : toStandard(found.table, name, before);
      const target = col.meta.references as TableName | undefined;
      const records = target && target !== found.table ? known?.(target) : undefined;
      const named = records && n?.ok !== false && !records.some((r) => r.id === (n ? n.value : before));
      const resolution = named ? resolveName(records, before) : undefined;
      if (resolution && 'id' in resolution) {
        result.resolved.push({ sourceRow, column: name, before, after: resolution.id, via: resolution.via });
        out[header.indexOf(name)] = resolution.id;
        return;
      }
      if (resolution) catalogued(sourceRow, i + 1, name, ambiguityProblem(target!, before, resolution.ambiguous));
      if (n) {
        if (n.ok) {
          after = n.value;
          if (after !== before) {
            const note = [n.note, explainCleanup(before)].filter(Boolean).join(';');
            result.changes.push({ sourceRow, column: name, before, after, ...(note ? { note } : {}) });
          }
        } else {
          result.unmappable.push({ sourceRow, column: name, value: original, reason: n.reason });
          problem(sourceRow, i + 1, name, n.reason, n.fix);
        }
      }
      const dated = col.kind === 'date' || col.kind === 'partial-date';
      if (
        dated &&
        !col.meta.allowFuture &&
        options.asOf !== undefined &&
        /^\d{4}/.test(after) &&
        after > options.asOf
      ) {
        problem(
          sourceRow,
          i + 1,
          name,
          `日期 ${after} 晚于数据日期 ${options.asOf}`,
          '检查年份是否写错(数据日期是 data/dataset.json 里的 as_of)',
        );
      }
      out[header.indexOf(name)] = after;
    });
    result.rows.push(out);
    result.sourceRows.push(sourceRow);
  }

  // All of them at once: staff fix the header in one go, not one column per run.
  const missingRequired = cols.filter((c) => c.required && result.missingColumns.includes(c.name));
  // A sheet of nothing but deletions needs only the ids.
  if (missingRequired.length > 0 && (result.rows.length > 0 || result.deletions.length === 0)) {
    catalogued(
      headerLine,
      labels.length + 1,
      '-',
      describe('import-columns-missing', {
        count: missingRequired.length,
        columns: missingRequired.map((c) => `${c.title}(${c.name})`).join('、'),
        titles: missingRequired.map((c) => `“${c.title}”`).join('、'),
      }),
    );
  }
  const idAt = header.indexOf('id');
  const own: KnownRecord[] = [
    ...(known?.(found.table) ?? []),
    ...result.rows.map((r) => ({ id: r[idAt] ?? '', names: [] })),
  ];
  for (const p of checkReferences(found.table, header, result.rows, known, own)) {
    const at = mapping.columns.indexOf(p.column);
    problem(result.sourceRows[p.row]!, at + 1, p.column, p.message, p.fix, p.kind);
  }
  result.problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return result;
}

function headerKeyTarget(table: TableName, label: string): string {
  return mapHeader(table, [label]).columns[0] ?? '';
}

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** The data files' own format: UTF-8 without BOM, LF line ends, quoting only where needed. */
export function toStandardCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return standardCsvWithLines(header, rows).csv;
}

/** The standard CSV and the line each row starts on (a quoted cell may span lines). */
export function standardCsvWithLines(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): { csv: string; rowLines: number[] } {
  const rowLines: number[] = [];
  let line = 1;
  const lines = [header, ...rows].map((r, i) => {
    const text = r.map(quote).join(',');
    if (i > 0) rowLines.push(line);
    line += 1 + (text.match(/\n/g)?.length ?? 0);
    return text;
  });
  return { csv: lines.join('\n') + '\n', rowLines };
}
