/**
 * Rows a staff sheet marks as not being data: total and subtotal rows (合计、小计、
 * 总计), which Excel templates carry under the data, and rows the 操作 column marks
 * for deletion.
 */
import { cleanSpaces, toHalfWidth } from '../../../src/lib/schema/cell-text.ts';

/** How many leading cells may carry a total row's label (templates put it in the first column or two). */
const LABEL_CELLS = 3;
/** "合计", "小计:", "本季度合计", "总计(元)"; never a longer text that merely mentions a total. */
const TOTAL = /^[\u4e00-\u9fff]{0,5}(?:合计|小计|总计)(?:[((][^()()]*[))])?[::]?$/u;

/** The label that makes a row a total row, or undefined for a data row. */
export function totalLabel(cells: readonly string[]): string | undefined {
  return cells
    .slice(0, LABEL_CELLS)
    .map((c) => toHalfWidth(cleanSpaces(c)).replace(/\s+/g, ''))
    .find((c) => TOTAL.test(c));
}

const DELETE = new Set(['删除', '删', '是', '√', '✓', 'y', 'yes']);
const KEEP = new Set(['', '否', '保留']);

/** What the deletion-marker cell of a row says. */
export function deletionMark(cell: string): 'keep' | 'delete' | 'unclear' {
  const s = toHalfWidth(cleanSpaces(cell)).toLowerCase();
  if (KEEP.has(s)) return 'keep';
  return DELETE.has(s) ? 'delete' : 'unclear';
}
