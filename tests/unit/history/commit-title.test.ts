/**
 * The change log and feeds are published in Chinese: a commit keeps its subject when staff
 * wrote it in Chinese; an English subject gives way to what the commit changed, in Chinese.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { commitTitle, describeCommit, isChineseSubject } from '../../../src/lib/history/describe.ts';
import { loadHistory } from '../../../src/lib/history/index.ts';
import type { ContentChange, RowChange } from '../../../src/lib/history/parse.ts';
import { VerbCounter } from '../../../src/lib/history/store.ts';
import { makeRepo } from './repo.ts';

const row = (table: string, change: RowChange['change'], rowId = 'x'): RowChange => ({
  table,
  rowId,
  change,
  cells: {},
  diff: [],
});
/** What the store records of a commit's rows: counts per table and kind. */
const verbsOf = (rows: readonly RowChange[]) => {
  const v = new VerbCounter();
  for (const r of rows) v.add(r);
  return v.counts();
};
const doc = (collection: string, change: ContentChange['change']): ContentChange => ({ collection, id: 'd', change });

describe('which subjects read as Chinese', () => {
  it.each([
    ['更正甲苑户数', true],
    ['维修资金流水表增加“补记原因”列(late_reason),已有流水留空', true],
    ['Demo data: consistent vote wording, 红色物业 citation', false],
    ['Partial dates (YYYY / YYYY-MM) where sources give no day', false],
    ['2024', false],
  ])('%s → %s', (subject, chinese) => {
    expect(isChineseSubject(subject)).toBe(chinese);
  });
});

describe('a Chinese title for what a commit changed', () => {
  it("counts rows per table and verb, by the tables' Chinese names", () => {
    const rows = [row('fund_ledger', 'added'), row('fund_ledger', 'added'), row('fund_ledger', 'added')];
    expect(describeCommit({ verbs: verbsOf(rows), content: [] })).toBe('更新数据:专项维修资金收支 新增 3 行');
    rows.push(row('compounds', 'modified'), row('fund_ledger', 'removed'));
    expect(describeCommit({ verbs: verbsOf(rows), content: [] })).toBe(
      '更新数据:专项维修资金收支 新增 3 行、删除 1 行;小区 修改 1 行',
    );
  });

  it('names articles, and says when a commit changed no value', () => {
    expect(describeCommit({ verbs: [], content: [doc('notices', 'added')] })).toBe('更新文章:公告 新增 1 篇');
    expect(describeCommit({ verbs: verbsOf([row('honours', 'added')]), content: [doc('cases', 'modified')] })).toBe(
      '更新数据和文章:荣誉表彰 新增 1 行;案例 修改 1 篇',
    );
    expect(describeCommit({ verbs: [], content: [] })).toBe('整理数据文件(数据内容不变)');
  });

  it('lists three parts and counts the rest', () => {
    const rows = ['compounds', 'firms', 'streets', 'honours'].map((t) => row(t, 'added'));
    expect(describeCommit({ verbs: verbsOf(rows), content: [] })).toMatch(/^更新数据:小区 新增 1 行;.*;.*等 4 项$/);
  });

  it('keeps a Chinese subject and never shows an English one', () => {
    const rows = [row('fund_ledger', 'added')];
    expect(commitTitle({ commit: { subject: '补录兰亭苑流水' }, verbs: verbsOf(rows), content: [] })).toBe(
      '补录兰亭苑流水',
    );
    const english = commitTitle({ commit: { subject: 'Add ledger rows' }, verbs: verbsOf(rows), content: [] });
    expect(english).toBe('更新数据:专项维修资金收支 新增 1 行');
    expect(english).not.toMatch(/[A-Za-z]/);
  });
});

describe('on a real history', () => {
  const repo = makeRepo();
  afterAll(() => rmSync(repo.dir, { recursive: true, force: true }));

  it('titles each commit from the value-aware row counts', () => {
    repo.write('data/compounds.csv', 'id,name\na-yuan,甲苑\n');
    repo.commit('Initial data', '2024-01-01T08:00:00+08:00');
    repo.write('data/compounds.csv', 'id,name\na-yuan,甲苑\nb-li,乙里\n');
    repo.commit('新增乙里', '2024-01-02T08:00:00+08:00');
    // Re-quoting changes bytes, not values: no row counts as changed.
    repo.write('data/compounds.csv', 'id,name\n"a-yuan","甲苑"\n"b-li","乙里"\n');
    repo.commit('Re-save in Excel', '2024-01-03T08:00:00+08:00');
    const h = loadHistory({ root: repo.dir });
    expect(h.commits.map(commitTitle)).toEqual(expect.arrayContaining(['更新数据:小区 新增 1 行', '新增乙里']));
    for (const c of h.commits) expect(commitTitle(c)).not.toMatch(/[A-Za-z]/);
  });
});
