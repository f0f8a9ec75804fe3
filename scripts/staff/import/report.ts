/**
 * The importer's report, in Chinese, for street-office staff reading a terminal:
 * what was read, what was changed (grouped by column, every cell listed), and
 * what a person must fix, each with the row and the Excel column letter they
 * will look for, and how to fix it.
 */
import { TABLES } from '../../../src/lib/schema/tables.ts';
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
  return `  ${file}:${p.line}:${p.column || 1} ${where(p.line, p.column)}${name}:${p.message}\n      改法:${p.fix}`;
}

export interface ReportOptions {
  /** The staff's file, as they named it on the command line. */
  inputFile: string;
  /** Where the output goes (or would go). */
  outFile: string;
  /** Problems found by checking the output with the table's schema, already moved to source cells. */
  checkProblems: readonly ImportProblem[];
  dryRun: boolean;
}

export function formatImportReport(r: ImportResult, o: ReportOptions): string {
  const problems = [...r.problems, ...o.checkProblems].sort((a, b) => a.line - b.line || a.column - b.column);
  const lines: string[] = [];
  lines.push(
    `读取:${o.inputFile}(${r.source});表头在第 ${r.headerRow} 行;对应数据表 ${r.table}(${TABLES[r.table].title})`,
  );
  lines.push(`数据 ${r.rows.length} 行${r.blankRowsSkipped ? `,跳过空行 ${r.blankRowsSkipped} 行` : ''}`);
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
  if (r.missingColumns.length) lines.push(`  原表没有的列(留空):${r.missingColumns.join('、')}`);

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

  lines.push('');
  if (problems.length) {
    lines.push(`有 ${problems.length} 处需要人工改正(按“文件:行:列”列出):`);
    for (const p of problems) lines.push(formatProblem(o.inputFile, p));
    lines.push(
      '',
      `导入被拒绝:没有写出任何文件(${o.outFile} 未被改动)。请在原表里改好上面这些地方,再运行一次 npm run import。`,
    );
  } else if (o.dryRun) {
    lines.push(`逐格检查全部通过。试运行(--dry-run):没有写出文件;去掉 --dry-run 会写到 ${o.outFile}。`);
  } else {
    lines.push(`逐格检查全部通过,已写出 ${o.outFile}(${r.rows.length} 行)。`);
    lines.push('下一步:运行 npm run check 做跨表检查(编号引用、时间重叠等),通过后再提交。');
  }
  return lines.join('\n');
}
