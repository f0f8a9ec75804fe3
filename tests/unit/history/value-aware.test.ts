/**
 * Re-saves that change a file's text but no value (line ends, BOM, number and
 * date display forms, row order, quoting) add no change to the history; a
 * whole-file rewrite that changes three values shows exactly those three.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadHistory, type History } from '../../../src/lib/history/index.ts';
import { buildContentIndex, historyByCompound, sectionDates } from '../../../src/lib/history/compound.ts';
import { buildCompoundIndex } from '../../../src/lib/model/relations.ts';
import { valueText, sameValue } from '../../../src/lib/schema/values.ts';
import { makeRepo } from './repo.ts';

const HEADER = 'id,compound_id,date,direction,category,amount,balance,description,approval,reverses,reason,source_id';
type Row = [id: string, date: string, amount: string, balance: string, description: string];
const ROWS: Row[] = [
  ['a-2010-1', '2010-06-18', '1650000', '1650000', '首期归集'],
  ['a-2011-1', '2011-03-02', '-23000.5', '1626999.5', '1号楼屋面防水'],
  ['a-2012-1', '2012-09-30', '800', '1627799.5', '利息,按季结算'],
  ['a-2013-1', '2013-01-15', '-1200', '1626599.5', '单元门禁维修'],
];

function csv(
  rows: Row[],
  o: { crlf?: boolean; bom?: boolean; money?: (s: string) => string; date?: (s: string) => string } = {},
) {
  const m = o.money ?? ((s) => s);
  const d = o.date ?? ((s) => s);
  const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
  const lines = [
    HEADER,
    ...rows.map(([id, date, amount, balance, desc]) =>
      [
        id,
        'a-yuan',
        d(date),
        amount.startsWith('-') ? '支出' : '收入',
        '归集',
        m(amount),
        m(balance),
        quote(desc),
        '',
        '',
        '',
        'demo',
      ].join(','),
    ),
  ];
  const nl = o.crlf ? '\r\n' : '\n';
  return `${o.bom ? '\uFEFF' : ''}${lines.join(nl)}${nl}`;
}

const twoDecimals = (s: string) => (s.includes('.') ? s.padEnd(s.indexOf('.') + 3, '0') : `${s}.00`);
const slashDate = (s: string) => s.replace(/^(\d{4})-0?(\d{1,2})-0?(\d{1,2})$/, '$1/$2/$3');

let h: History;

beforeAll(() => {
  const r = makeRepo();
  r.write('data/fund_ledger.csv', csv(ROWS));
  r.commit('首次发布甲苑维修资金', '2024-01-05T09:00:00+08:00');
  r.write('data/fund_ledger.csv', csv(ROWS, { crlf: true }));
  r.commit('用 Excel 另存(CRLF)', '2024-02-01T09:00:00+08:00');
  r.write('data/fund_ledger.csv', csv(ROWS, { crlf: true, bom: true }));
  r.commit('用 WPS 另存(带 BOM)', '2024-02-02T09:00:00+08:00');
  r.write('data/fund_ledger.csv', csv(ROWS, { money: twoDecimals }));
  r.commit('金额改为两位小数', '2024-02-03T09:00:00+08:00');
  r.write('data/fund_ledger.csv', csv(ROWS, { money: twoDecimals, date: slashDate }));
  r.commit('日期改为 Excel 显示格式', '2024-02-04T09:00:00+08:00');
  r.write('data/fund_ledger.csv', csv([...ROWS].reverse(), { date: slashDate, crlf: true }));
  r.commit('按日期倒序排列', '2024-02-05T09:00:00+08:00');
  // One more re-save of the whole table, now with three real corrections in it.
  const fixed: Row[] = ROWS.map((row) => [...row]);
  fixed[1]![2] = '-23500.5';
  fixed[2]![4] = '利息,按季结算(更正)';
  fixed[3]![1] = '2013-01-16';
  r.write('data/fund_ledger.csv', csv(fixed, { money: twoDecimals, bom: true }));
  r.commit('更正三处录入错误', '2024-03-01T09:00:00+08:00');
  h = loadHistory({ root: r.dir });
});

describe('value-aware history', () => {
  it('compares cells as the importer reads them', () => {
    expect(valueText('fund_ledger', 'amount', '1650000')).toBe('1650000.00');
    expect(valueText('fund_ledger', 'amount', '1,650,000.00')).toBe('1650000.00');
    expect(valueText('fund_ledger', 'date', '2010/6/18')).toBe('2010-06-18');
    expect(sameValue('fund_ledger', 'date', '2010/6/18', '2010-06-18')).toBe(true);
    expect(sameValue('fund_ledger', 'amount', '-23000.5', '-23000.50')).toBe(true);
    expect(sameValue('fund_ledger', 'amount', '-23000.5', '-23000.05')).toBe(false);
    // A cell neither the standard nor the importer can read is compared as written.
    expect(sameValue('fund_ledger', 'date', '六月', '六月')).toBe(true);
    expect(sameValue('fund_ledger', 'date', '六月', '七月')).toBe(false);
    // The importer trims a stray space Excel users cannot see; text is otherwise compared exactly.
    expect(sameValue('fund_ledger', 'description', '利息', '利息 ')).toBe(true);
    expect(sameValue('fund_ledger', 'description', '利息', '利息。')).toBe(false);
  });

  it('drops re-saves that change no value: line ends, BOM, number and date forms, row order', () => {
    expect(h.available).toBe(true);
    expect(h.commits.map((c) => c.commit.subject)).toEqual(['更正三处录入错误', '首次发布甲苑维修资金']);
  });

  it('shows exactly the three changed values of a whole-file rewrite', () => {
    const fix = h.commits[0]!;
    expect(fix.rows.map((r) => [r.change, r.rowId, r.diff])).toEqual([
      ['modified', 'a-2011-1', [{ column: 'amount', before: '-23000.5', after: '-23500.50' }]],
      ['modified', 'a-2012-1', [{ column: 'description', before: '利息,按季结算', after: '利息,按季结算(更正)' }]],
      ['modified', 'a-2013-1', [{ column: 'date', before: '2013/1/15', after: '2013-01-16' }]],
    ]);
    expect(h.commits[1]!.rows).toHaveLength(4);
  });

  it('keeps re-saves out of the compound pages’ “last changed” dates', () => {
    const index = buildCompoundIndex({ compounds: [{ id: 'a-yuan' }] as never });
    const by = historyByCompound(h.commits, index, buildContentIndex([]));
    expect(by.get('a-yuan')!.map((c) => c.commit.date)).toEqual(['2024-03-01', '2024-01-05']);
    expect(sectionDates(by.get('a-yuan')!)).toEqual({ fund: '2024-03-01' });
  });
});
