/**
 * The change list reads only the rows it shows: a city's first commit has millions, kept on disk
 * (history/store.ts). Its counts come from the commit's per-table totals, not from the rows.
 */
import { describe, expect, it } from 'vitest';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import ChangeList from '../../../src/components/opendata/ChangeList.astro';
import type { RowChange } from '../../../src/lib/history/parse.ts';
import type { ChangeSet } from '../../../src/lib/history/store.ts';

const row = (i: number, n: number): RowChange => ({
  table: i < n ? 'fund_ledger' : 'compounds',
  rowId: `r-${i}`,
  change: 'added',
  cells: { description: `第 ${i} 笔` },
  diff: [],
});

/** A commit of `n` ledger rows and 2 compounds rows that records how many rows were asked for. */
function bigCommit(n: number, asked: number[]): ChangeSet {
  return {
    commit: { hash: 'a'.repeat(40), time: '2024-01-05T09:00:00+08:00', date: '2024-01-05', subject: '首次发布' },
    content: [{ collection: 'notices', id: 'n-1', change: 'added' }],
    rowCount: n + 2,
    tables: [
      ['fund_ledger', n],
      ['compounds', 2],
    ],
    verbs: [
      ['fund_ledger', 'added', n],
      ['compounds', 'added', 2],
    ],
    firstRows: (k) => {
      asked.push(k);
      return Array.from({ length: Math.min(k, n + 2) }, (_, i) => row(i, n));
    },
  };
}

describe('ChangeList', () => {
  it('lists the first rows of a large commit, counts the rest, and reads no more than it lists', async () => {
    const asked: number[] = [];
    const container = await AstroContainer.create();
    const html = await container.renderToString(ChangeList, {
      props: { commits: [bigCommit(1_000_000, asked)], limit: 3 },
    });
    expect(asked).toEqual([3]);
    expect(html).toContain('1000002 行(专项维修资金收支 1000000、小区 2)');
    expect(html).toContain('文章 1 篇');
    expect(html.match(/第 \d 笔/g)).toEqual(['第 0 笔', '第 1 笔', '第 2 笔']);
    expect(html).toContain('……另有 1000000 项');
  });

  it('lists a small commit in full, notices after rows', async () => {
    const asked: number[] = [];
    const container = await AstroContainer.create();
    const html = await container.renderToString(ChangeList, { props: { commits: [bigCommit(2, asked)] } });
    expect(asked).toEqual([4]);
    expect(html).not.toContain('<details');
    expect(html.match(/第 \d 笔/g)).toEqual(['第 0 笔', '第 1 笔', '第 2 笔', '第 3 笔']);
    expect(html.indexOf('第 3 笔')).toBeLessThan(html.indexOf('n-1'));
  });
});
