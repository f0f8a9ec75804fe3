/**
 * `npm run tidy`: a data file saved by Excel, back in the standard's form, values unchanged.
 *
 * Excel's "CSV UTF-8" adds a BOM and CRLF line ends and re-displays what it recognises:
 * 2010/6/18 for 2010-06-18, 1650000 for 1650000.00. Each such cell is read the way the
 * importer and the change history read it (src/lib/schema/values.ts) and written back in the
 * standard's form. A cell whose value is what the last commit has keeps the committed text
 * exactly (41250.50 stays 41250.50 though Excel showed 41250.5), so a re-save that changed
 * nothing tidies back to the committed bytes. Anything tidy cannot read stays as it is, for
 * `npm run check` to report; a file whose rows are misaligned or whose quotes are broken is not
 * rewritten at all, because rewriting it could move cells.
 */
import type { z } from 'astro/zod';
import { decodeUtf8 } from '../../src/lib/dataset/read-csv.ts';
import { TABLES, type TableName } from '../../src/lib/schema/tables.ts';
import { tableColumns } from '../../src/lib/schema/column-info.ts';
import { toStandard } from '../../src/lib/schema/accepts.ts';
import { sameValue, valueText } from '../../src/lib/schema/values.ts';
import { columnLabel } from '../../src/lib/schema/labels.ts';
import { parseCsvText } from './import/csv-text.ts';
import { toStandardCsv } from './import/pipeline.ts';

export interface ColumnChanges {
  column: string;
  /** How many cells changed. */
  count: number;
  /** The first change, as staff can find it: the row's line and the text before and after. */
  line: number;
  before: string;
  after: string;
}

export type TidyResult =
  | {
      ok: true;
      /** The file in the standard's form (equal to the input when nothing changed). */
      text: string;
      changed: boolean;
      /** Whole-file changes, in words. */
      notes: string[];
      columns: ColumnChanges[];
      /** Cells tidy could not read into a value the standard takes: `npm run check` names them. */
      unreadable: number;
    }
  | { ok: false; reason: string; fix: string };

const BOM = '\uFEFF';

/** The standard's text for a cell, or the cell itself when it is already standard or unreadable. */
function standardCell(table: TableName, column: string, kind: string, cell: string): string {
  if (cell === '') return cell;
  // Money is written with exactly two decimals (the ledger's hash and every download use that form).
  if (kind === 'money' || toStandard(table, column, cell) !== undefined) return valueText(table, column, cell);
  return cell;
}

function accepted(table: TableName, column: string, cell: string): boolean {
  const schema = (TABLES[table].schema.shape as Record<string, z.ZodType>)[column];
  return schema === undefined || schema.safeParse(cell === '' ? undefined : cell).success;
}

/** Rows of the committed version by id, each as cells by column name. */
function committedRows(committed: Uint8Array | undefined): Map<string, Record<string, string>> {
  const byId = new Map<string, Record<string, string>>();
  const text = committed && decodeUtf8(committed);
  if (!text) return byId;
  const parsed = parseCsvText(text.replace(/^\uFEFF/, ''));
  const [header, ...rows] = parsed.rows;
  if (!header) return byId;
  for (const r of rows) {
    const cells: Record<string, string> = {};
    header.cells.forEach((h, i) => (cells[h] = r.cells[i] ?? ''));
    if (cells.id) byId.set(cells.id, cells);
  }
  return byId;
}

/** Tidy one table's file; `committed` is the same file at the last commit (undefined: none). */
export function tidyTable(table: TableName, bytes: Uint8Array, committed?: Uint8Array): TidyResult {
  const decoded = decodeUtf8(bytes);
  if (decoded === undefined) {
    return {
      ok: false,
      reason: '文件不是 UTF-8 编码(多半是 Excel 默认保存的 GBK)',
      fix: '用 npm run import 导入这个文件,它会转换编码',
    };
  }
  const notes: string[] = [];
  let text = decoded;
  if (text.startsWith(BOM)) {
    text = text.slice(1);
    notes.push('去掉了文件开头的 BOM 标记');
  }
  const parsed = parseCsvText(text);
  if (parsed.quote) {
    return {
      ok: false,
      reason: `第 ${parsed.quote.line} 行:${parsed.quote.message}`,
      fix: `${parsed.quote.fix};改好后再运行 npm run tidy`,
    };
  }
  const ends = [...parsed.lineEnds].filter((e) => e !== 'LF');
  if (ends.length) notes.push(`换行符 ${ends.join('、')} 改为 LF`);
  const [head, ...rows] = parsed.rows;
  if (!head) return { ok: true, text, changed: text !== decoded, notes, columns: [], unreadable: 0 };
  const header = head.cells;
  const short = rows.find((r) => r.cells.length !== header.length && !r.cells.every((c) => c === ''));
  if (short) {
    return {
      ok: false,
      reason: `第 ${short.line} 行有 ${short.cells.length} 个单元格,表头有 ${header.length} 列`,
      fix: '先按 npm run check 的提示补齐或删去单元格(整理不会猜单元格该挪到哪一列),再运行 npm run tidy',
    };
  }
  const kinds = new Map(tableColumns(table).map((c) => [c.name, c.kind as string]));
  const before = committedRows(committed);
  const changes = new Map<string, ColumnChanges>();
  let unreadable = 0;
  const out = rows.map((r) => {
    const id = r.cells[header.indexOf('id')] ?? '';
    const was = before.get(id);
    return r.cells.map((cell, i) => {
      const column = header[i]!;
      const kind = kinds.get(column);
      if (kind === undefined) return cell;
      const old = was?.[column];
      const next =
        old !== undefined && old !== cell && sameValue(table, column, old, cell)
          ? old
          : standardCell(table, column, kind, cell);
      if (!accepted(table, column, next)) unreadable += 1;
      if (next !== cell) {
        const c = changes.get(column);
        if (c) c.count += 1;
        else changes.set(column, { column, count: 1, line: r.line, before: cell, after: next });
      }
      return next;
    });
  });
  const tidy = toStandardCsv(header, out);
  const columns = header.filter((h) => changes.has(h)).map((h) => changes.get(h)!);
  return { ok: true, text: tidy, changed: tidy !== decoded, notes, columns, unreadable };
}

/** The report of one file, in the words staff read. */
export function tidyReport(table: TableName, file: string, r: TidyResult, dryRun: boolean): string[] {
  const name = `${TABLES[table].title}(${file})`;
  if (!r.ok) return [`${name}:未整理。${r.reason}。改法:${r.fix}`];
  if (!r.changed) {
    const left = r.unreadable ? `;有 ${r.unreadable} 格不是标准写法也无法自动改写,运行 npm run check 查看` : '';
    return [`${name}:已是标准写法,未改动${left}`];
  }
  const lines = [`${name}:${dryRun ? '将会改动(试运行,未写入)' : '已改写为标准写法'}`];
  for (const n of r.notes) lines.push(`  · ${n}`);
  for (const c of r.columns) {
    lines.push(`  · ${columnLabel(table, c.column)}列:${c.count} 格,如第 ${c.line} 行“${c.before}”→“${c.after}”`);
  }
  if (r.columns.length) lines.push('  数值都没有变,只是写法统一;网站的变更记录不会把它们算作修改。');
  if (r.unreadable)
    lines.push(`  还有 ${r.unreadable} 格无法自动改写(不是同一个值能确定的写法):运行 npm run check 查看`);
  return lines;
}
