/**
 * The importer's report, in Chinese, for street-office staff reading a terminal:
 * what was read, what was changed (grouped by column, every cell listed), and
 * what a person must fix, each with the row and the Excel column letter they
 * will look for, and how to fix it.
 */
import { TABLES } from '../../../src/lib/schema/tables.ts';
import { tableColumns } from '../../../src/lib/schema/column-info.ts';
import type { Merged } from './merge.ts';
import { columnLetter, type ImportProblem, type ImportResult } from './pipeline.ts';
import { groupBy } from '../../../src/lib/util/group.ts';

/** Show a cell so invisible differences (spaces, zero-width characters) can be seen. */
function showCell(cell: string): string {
  const visible = cell
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '⟨零宽字符⟩')
    .replace(/\u00A0/g, '⟨不换行空格⟩')
    .replace(/\u3000/g, '⟨全角空格⟩')
    .replace(/\n/g, '⟨换行⟩')
    .replace(/^ +| +$/g, (s) => '⟨空格⟩'.repeat(s.length));
  return `“${visible}”`;
}

/** "第 7 行 A 列" (or "第 7 行" for a whole line), as staff find it in Excel. */
function where(line: number, column: number): string {
  return column > 0 ? `第 ${line} 行 ${columnLetter(column)} 列` : `第 ${line} 行`;
}

function formatProblem(file: string, p: ImportProblem): string {
  const name = p.columnName !== '-' ? `(${p.columnName})` : '';
  // A row the merge kept from the data file is located there, by line, not by Excel column letter.
  const at = p.file ? `第 ${p.line} 行` : where(p.line, p.column);
  return `  ${p.file ?? file}:${p.line}:${p.column || 1} ${at}${name}:${p.message}\n      改法:${p.fix}`;
}

/** How many ids to name in a line before "等". */
const SHOWN = 10;
const someIds = (ids: readonly string[]) =>
  ids.slice(0, SHOWN).join('、') + (ids.length > SHOWN ? ` 等 ${ids.length} 个` : '');

/** The preview of the merge: what the write adds, changes, keeps and removes. */
function mergePreview(r: ImportResult, m: Merged, outFile: string, markerHint: string): string[] {
  const title = (column: string) => tableColumns(r.table).find((c) => c.name === column)?.title ?? column;
  const lines = [`合并到 ${outFile}(现有 ${m.existing} 行,按“${title('id')}”对应):`];
  lines.push(
    `  新增 ${m.added.length} 行${m.added.length ? `:${someIds(m.added.map((a) => `${a.id || '(无编号)'}(第 ${a.sourceRow} 行)`))}` : ''}`,
  );
  lines.push(`  修改 ${m.changed.length} 行${m.changed.length ? ':' : ''}`);
  for (const c of m.changed) {
    const edits = c.edits.map((e) => `${title(e.column)} ${showCell(e.before)} → ${showCell(e.after)}`).join(';');
    lines.push(`    ${c.id}(第 ${c.sourceRow} 行):${edits}`);
  }
  lines.push(`  未变 ${m.unchanged} 行(值相同即算未变,如 1650000 与 1650000.00、2010/6/18 与 2010-06-18)`);
  lines.push(`  本文件中没有 ${m.absent.length} 行${m.absent.length ? `:保留不动(${markerHint})` : ''}`);
  if (m.removed.length) {
    const marked = m.removed.filter((d) => d.sourceRow !== undefined);
    const replaced = m.removed.filter((d) => d.sourceRow === undefined);
    lines.push(`  删除 ${m.removed.length} 行:`);
    if (marked.length)
      lines.push(`    标了“删除”的 ${marked.length} 行:${someIds(marked.map((d) => `${d.id}(第 ${d.sourceRow} 行)`))}`);
    if (replaced.length)
      lines.push(`    因 --replace 删除表格里没有的 ${replaced.length} 行:${someIds(replaced.map((d) => d.id))}`);
  }
  return lines;
}

export interface ReportOptions {
  /** The staff's file, as they named it on the command line. */
  inputFile: string;
  /** Where the output goes (or would go). */
  outFile: string;
  /** Problems found by checking the output with the table's schema, already moved to source cells. */
  checkProblems: readonly ImportProblem[];
  dryRun: boolean;
  /** The merge into the data file; absent when the output is written whole. */
  merged?: Merged;
  /** Whether the file on disk would change at all. */
  changesFile?: boolean;
}

export function formatImportReport(r: ImportResult, o: ReportOptions): string {
  const problems = [...r.problems, ...o.checkProblems].sort((a, b) => a.line - b.line || a.column - b.column);
  const lines: string[] = [];
  lines.push(
    `读取:${o.inputFile}(${r.source});表头在第 ${r.headerRow} 行;对应数据表 ${r.table}(${TABLES[r.table].title})`,
  );
  lines.push(
    `数据 ${r.rows.length} 行${r.deletions.length ? `,标了删除 ${r.deletions.length} 行` : ''}${r.blankRowsSkipped ? `,跳过空行 ${r.blankRowsSkipped} 行` : ''}`,
  );
  if (r.notes.length) {
    lines.push('', '整个文件的处理:');
    for (const n of r.notes) lines.push(`  · ${n}`);
  }
  lines.push('', '表头对应(原表 → 数据标准):');
  for (const m of r.mapped) lines.push(`  ${m.label} → ${m.column}`);
  for (const d of r.droppedColumns) {
    lines.push(
      `  ${d.label}(${columnLetter(d.column)} 列)不是数据标准里的列,未导入${d.filled ? `(其中 ${d.filled} 个单元格有内容)` : ''}`,
    );
  }
  for (const d of r.droppedColumns.filter((x) => x.by)) {
    lines.push(`  ${d.label}(${columnLetter(d.column)} 列)与“${d.by}”是同一列,已按“${d.by}”导入,这一列未导入`);
  }
  if (r.missingColumns.length) {
    lines.push(`  原表没有的列:${r.missingColumns.join('、')}(新增的行留空${o.merged ? ',已有的行保留原值' : ''})`);
  }
  if (r.totals.length) {
    lines.push('', `跳过合计行 ${r.totals.length} 行(不是数据,不导入):`);
    for (const t of r.totals) lines.push(`  第 ${t.line} 行(“${t.label}”)`);
  }
  if (r.resolved.length) {
    lines.push('', `按名称找到编号 ${r.resolved.length} 处,请核对:`);
    for (const x of r.resolved) {
      const title = tableColumns(r.table).find((c) => c.name === x.column)?.title;
      lines.push(`  第 ${x.sourceRow} 行 ${title}(${x.column}) ${showCell(x.before)}(${x.via})→ ${showCell(x.after)}`);
    }
  }

  lines.push('', r.changes.length ? `自动改写 ${r.changes.length} 处,请核对:` : '没有需要改写的单元格。');
  const byColumn = groupBy(r.changes, (c) => c.column);
  for (const col of r.header) {
    const changes = byColumn.get(col);
    if (!changes) continue;
    lines.push(`  ${col} 列 ${changes.length} 处:`);
    for (const c of changes) {
      lines.push(`    第 ${c.sourceRow} 行 ${showCell(c.before)} → ${showCell(c.after)}${c.note ? `(${c.note})` : ''}`);
    }
  }

  const m = o.merged;
  if (m) lines.push('', ...mergePreview(r, m, o.outFile, '要删除请在“操作”列写“删除”,或运行时加 --replace'));

  lines.push('');
  if (problems.length) {
    lines.push(`有 ${problems.length} 处需要人工改正(按“文件:行:列”列出):`);
    for (const p of problems) lines.push(formatProblem(o.inputFile, p));
    lines.push(
      '',
      `导入被拒绝:没有写出任何文件(${o.outFile} 未被改动)。请在原表里改好上面这些地方,再运行一次 npm run import。`,
    );
  } else if (o.dryRun) {
    lines.push(`逐格检查全部通过。试运行(--dry-run):没有写任何文件;去掉 --dry-run 会按上面的预览写入 ${o.outFile}。`);
  } else if (o.changesFile === false) {
    lines.push(`逐格检查全部通过。${o.outFile} 的内容没有变化,未改动。`);
  } else {
    const total = m ? m.rows.length : r.rows.length;
    const what = m ? `新增 ${m.added.length} 行,修改 ${m.changed.length} 行,删除 ${m.removed.length} 行,` : '';
    lines.push(`逐格检查全部通过,已写入 ${o.outFile}(${what}共 ${total} 行)。`);
    lines.push('下一步:运行 npm run check 做跨表检查(编号引用、时间重叠等),通过后再提交。');
  }
  return lines.join('\n');
}
