/**
 * References the importer can judge on its own: a reference column pointing at
 * the table being imported (a ledger reversal names a ledger row), and, when the
 * caller knows them, the ids already in the other tables. The typical damage is
 * Excel eating leading zeros ("demo-lanting-0005" typed as a number → "…-5"):
 * never repaired by guessing, but named so the person can repair it in seconds.
 */
import type { TableName } from '../../../src/lib/schema/tables.ts';
import { tableColumns } from '../../../src/lib/schema/column-info.ts';

/** Ids of a table, or undefined when unknown (then its references are left to `npm run check`). */
export type KnownIds = (table: string) => ReadonlySet<string> | undefined;

export interface ReferenceProblem {
  /** Index into the imported rows. */
  row: number;
  column: string;
  message: string;
  fix: string;
}

/** Digit runs without their leading zeros: "a-0005" and "a-5" have the same shape. */
const shape = (id: string) => id.replace(/\d+/g, (d) => String(BigInt(d)));

export function checkReferences(
  table: TableName,
  header: readonly string[],
  rows: readonly (readonly string[])[],
  knownIds?: KnownIds,
): ReferenceProblem[] {
  const idAt = header.indexOf('id');
  const own = new Set(idAt >= 0 ? rows.map((r) => r[idAt]!) : []);
  const problems: ReferenceProblem[] = [];
  for (const col of tableColumns(table)) {
    const target = col.meta.references;
    if (!target) continue;
    const ids = target === table ? own : knownIds?.(target);
    if (!ids) continue;
    const at = header.indexOf(col.name);
    rows.forEach((r, row) => {
      const value = r[at] ?? '';
      if (value === '' || ids.has(value)) return;
      const lookalikes = [...ids].filter((id) => shape(id) === shape(value));
      if (lookalikes.length === 1) {
        problems.push({
          row,
          column: col.name,
          message: `${target} 表里没有编号“${value}”,但有“${lookalikes[0]}”:像是 Excel 把编号里数字前面的 0 吃掉了`,
          fix: `改成“${lookalikes[0]}”,并把这一列的单元格格式设为“文本”,免得 Excel 再去掉前导 0`,
        });
      } else {
        problems.push({
          row,
          column: col.name,
          message: `${target} 表里没有编号“${value}”`,
          fix: `改成 ${target} 表里已有的编号;如果是新的${target === table ? '行' : '记录'},先把它加进 ${target} 表`,
        });
      }
    });
  }
  return problems;
}
