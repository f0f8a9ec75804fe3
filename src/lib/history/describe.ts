/** Changes in words, for the history pages and feeds. */
import { COLLECTION_TITLES, columnTitle, tableTitle } from '../schema/labels.ts';
import type { ContentChange, RowChange } from './parse.ts';

const VERB = { added: '新增', removed: '删除', modified: '修改' } as const;
const COLLECTION = COLLECTION_TITLES as Readonly<Record<string, string>>;

/** A row's label: its name or title when it has one, else its id. */
function rowLabel(rc: RowChange): string {
  const name = rc.cells.name ?? rc.cells.title ?? rc.cells.description ?? rc.cells.person_name ?? rc.cells.task;
  return name ? `${name}(${rc.rowId})` : rc.rowId;
}

const show = (v: string) => (v === '' ? '(空)' : v);

/** "修改 小区 甲苑(a-yuan):户数 100 → 120;备注 (空) → 一、二期合并" */
export function describeRowChange(rc: RowChange): string {
  const head = `${VERB[rc.change]} ${tableTitle(rc.table)} ${rowLabel(rc)}`;
  if (rc.change !== 'modified') return head;
  const cells = rc.diff.map((d) => `${columnTitle(rc.table, d.column)} ${show(d.before)} → ${show(d.after)}`);
  return `${head}:${cells.join(';')}`;
}

export function describeContentChange(c: ContentChange): string {
  return `${VERB[c.change]} ${COLLECTION[c.collection] ?? c.collection} ${c.id}`;
}

/** "3 行(小区 1、收费标准 2)", from the row changes counted per table (history/store.ts). */
export function summariseRows(tables: readonly (readonly [string, number])[]): string {
  const parts = tables.map(([t, n]) => `${tableTitle(t)} ${n}`);
  return `${tables.reduce((sum, [, n]) => sum + n, 0)} 行(${parts.join('、')})`;
}
