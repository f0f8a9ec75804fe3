/** The importer's report, in Chinese, for staff reading a terminal. */
import { TABLES } from '../schema/tables.ts';
import { formatIssue, type DataIssue } from '../validate/types.ts';
import type { ImportResult } from './pipeline.ts';

/** Show a cell so invisible differences (spaces, zero-width characters) can be seen. */
export function showCell(cell: string): string {
  const visible = cell
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '⟨零宽⟩')
    .replace(/\u00A0/g, '⟨不换行空格⟩')
    .replace(/\u3000/g, '⟨全角空格⟩');
  return `“${visible}”`;
}

export function formatImportReport(r: ImportResult, outFile: string, issues: readonly DataIssue[]): string {
  const lines: string[] = [];
  lines.push(`读取:${r.source};表头在第 ${r.headerRow} 行;对应数据表 ${r.table}(${TABLES[r.table].title})`);
  lines.push(`写出:${outFile},${r.rows.length} 行${r.blankRowsSkipped ? `(跳过空行 ${r.blankRowsSkipped} 行)` : ''}`);
  lines.push('');
  lines.push('表头对应:');
  for (const m of r.mapped) lines.push(`  ${m.label} → ${m.column}`);
  if (r.unmappedHeaders.length) lines.push(`  无法对应、已舍弃的列:${r.unmappedHeaders.join('、')}`);
  if (r.duplicateHeaders.length) lines.push(`  重复的列(只用了第一列):${r.duplicateHeaders.join('、')}`);
  if (r.missingColumns.length) lines.push(`  原表没有的列(留空):${r.missingColumns.join('、')}`);
  lines.push('');
  lines.push(`自动修改 ${r.changes.length} 处:`);
  for (const c of r.changes) {
    lines.push(
      `  第 ${c.sourceRow} 行 ${c.column}:${showCell(c.before)} → ${showCell(c.after)}${c.note ? `(${c.note})` : ''}`,
    );
  }
  lines.push('');
  if (r.unmappable.length) {
    lines.push(`无法自动处理 ${r.unmappable.length} 处(原样保留,请人工改正):`);
    for (const u of r.unmappable) lines.push(`  第 ${u.sourceRow} 行 ${u.column}:${showCell(u.value)} —— ${u.reason}`);
    lines.push('');
  }
  if (issues.length) {
    lines.push(`按数据标准检查写出的文件,发现 ${issues.length} 个问题:`);
    for (const i of issues) lines.push(`  ${formatIssue(i)}`);
  } else {
    lines.push('按数据标准检查写出的文件:逐格检查全部通过。再运行 npm run check 做跨表检查(编号引用等)。');
  }
  return lines.join('\n');
}
