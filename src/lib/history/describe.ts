/** Changes in words, for the history pages and feeds. */
import { COLLECTION_TITLES, columnTitle, tableTitle } from '../schema/labels.ts';
import type { ContentChange, RowChange } from './parse.ts';
import type { RowVerbCount } from './store.ts';

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

const HAN = /\p{Script=Han}/gu;
const LATIN = /[A-Za-z]/g;

/**
 * A commit subject reads as Chinese when it has at least as many Chinese characters as Latin
 * letters: "维修资金流水表增加“补记原因”列(late_reason)" is Chinese, "Demo data: 红色物业
 * citation" is not.
 */
export function isChineseSubject(subject: string): boolean {
  const han = subject.match(HAN)?.length ?? 0;
  return han > 0 && han >= (subject.match(LATIN)?.length ?? 0);
}

/** "专项维修资金收支 新增 3 行、修改 1 行" for each table, in the order the commit touched them. */
function tableCounts(verbs: readonly RowVerbCount[]): string[] {
  const by = new Map<string, Map<RowChange['change'], number>>();
  for (const [table, change, n] of verbs) {
    const counts = by.get(table) ?? new Map<RowChange['change'], number>();
    counts.set(change, (counts.get(change) ?? 0) + n);
    by.set(table, counts);
  }
  return [...by].map(
    ([table, counts]) =>
      `${tableTitle(table)} ${(['added', 'modified', 'removed'] as const)
        .filter((v) => counts.has(v))
        .map((v) => `${VERB[v]} ${counts.get(v)} 行`)
        .join('、')}`,
  );
}

/** "公告 新增 1 篇" for each collection. */
function contentCounts(content: readonly ContentChange[]): string[] {
  const by = new Map<string, Map<ContentChange['change'], number>>();
  for (const c of content) {
    const verbs = by.get(c.collection) ?? new Map<ContentChange['change'], number>();
    verbs.set(c.change, (verbs.get(c.change) ?? 0) + 1);
    by.set(c.collection, verbs);
  }
  return [...by].map(
    ([collection, verbs]) =>
      `${COLLECTION[collection] ?? collection} ${(['added', 'modified', 'removed'] as const)
        .filter((v) => verbs.has(v))
        .map((v) => `${VERB[v]} ${verbs.get(v)} 篇`)
        .join('、')}`,
  );
}

/** Parts listed in a derived title before the rest is counted. */
const TITLE_PARTS = 3;

/** What a commit changed, in Chinese: "更新数据:专项维修资金收支 新增 3 行;小区 修改 1 行". */
export function describeCommit(c: { verbs: readonly RowVerbCount[]; content: readonly ContentChange[] }): string {
  const parts = [...tableCounts(c.verbs), ...contentCounts(c.content)];
  const rows = c.verbs.length > 0;
  const what = rows && c.content.length > 0 ? '更新数据和文章' : rows ? '更新数据' : '更新文章';
  // A commit that only re-saved files (order, quoting, number format) changed no value.
  if (parts.length === 0) return '整理数据文件(数据内容不变)';
  const shown = parts.slice(0, TITLE_PARTS).join(';');
  return `${what}:${shown}${parts.length > TITLE_PARTS ? `等 ${parts.length} 项` : ''}`;
}

/**
 * The title a commit is published under (change log, feeds): its subject when that is
 * Chinese, as staff write it; otherwise — older commits and developers' commits have English
 * subjects — what it changed, in Chinese (describeCommit). An English subject is not shown: the
 * commit's short hash beside the title leads to it in git.
 */
export function commitTitle(c: {
  commit: { subject: string };
  verbs: readonly RowVerbCount[];
  content: readonly ContentChange[];
}): string {
  return isChineseSubject(c.commit.subject) ? c.commit.subject : describeCommit(c);
}
