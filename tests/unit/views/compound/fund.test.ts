import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fundSummary, runningLedger, categoriesUsed, type YearFlows } from '../../../../src/lib/views/compound/fund.ts';
import { LEDGER_CATEGORIES } from '../../../../src/lib/schema/enums.ts';
import { entry } from './rows.ts';

describe('fund ledger', () => {
  const ledger = [
    entry({
      id: 'e3',
      date: '2021-05-01',
      direction: '支出',
      category: '电梯',
      amount: 700_000_00,
      approval: '业主大会表决通过',
    }),
    entry({ id: 'e1', date: '2019-01-10', direction: '收入', category: '首期归集', amount: 1_000_000_00 }),
    entry({ id: 'e2', date: '2019-12-31', direction: '收入', category: '利息', amount: 1_234_56 }),
    entry({ id: 'e4', date: '2021-06-01', direction: '支出', category: '屋面', amount: 50_000_00 }),
  ];

  it('keeps a running balance in date order, in integer fen', () => {
    const lines = runningLedger(ledger);
    expect(lines.map((l) => l.entry.id)).toEqual(['e1', 'e2', 'e3', 'e4']);
    expect(lines.map((l) => l.balance)).toEqual([1_000_000_00, 1_001_234_56, 301_234_56, 251_234_56]);
  });

  it('flags the 30% warning only below 30% of the first deposit', () => {
    const s = fundSummary(ledger);
    expect(s.firstDeposit).toBe(1_000_000_00);
    expect(s.threshold).toBe(300_000_00);
    expect(s.balance).toBe(251_234_56);
    expect(s.belowThreshold).toBe(true);
    const exactly = fundSummary([
      entry({ id: 'a', date: '2020-01-01', direction: '收入', category: '首期归集', amount: 100_00 }),
      entry({ id: 'b', date: '2020-02-01', direction: '支出', category: '管道', amount: 70_00, approval: 'x' }),
    ]);
    expect(exactly.balance).toBe(30_00);
    expect(exactly.belowThreshold).toBe(false);
  });

  it('lists outflows without an approval', () => {
    expect(fundSummary(ledger).unapprovedOutflows.map((e) => e.id)).toEqual(['e4']);
  });

  it('groups flows per year and category and keeps the closing balance', () => {
    const { years } = fundSummary(ledger);
    expect(years.map((y) => y.year)).toEqual([2019, 2021]);
    expect(years[0]).toMatchObject({ totalIn: 1_001_234_56, totalOut: 0, closing: 1_001_234_56 });
    expect(years[1]?.outflow).toEqual({ 电梯: 700_000_00, 屋面: 50_000_00 });
    expect(categoriesUsed(years)).toEqual({ inflow: ['首期归集', '利息'], outflow: ['电梯', '屋面'] });
  });

  it('lists the categories that moved in any year, in the vocabulary order, as a rule per category would', () => {
    // The former rule, category by category over every year: the one-pass reading must agree with it.
    const perCategory = (years: readonly YearFlows[], side: 'inflow' | 'outflow') =>
      LEDGER_CATEGORIES.filter((c) => years.some((y) => (y[side][c] ?? 0) !== 0));
    const year = (n: number, inflow: YearFlows['inflow'], outflow: YearFlows['outflow']): YearFlows => ({
      year: n,
      inflow,
      outflow,
      totalIn: 0,
      totalOut: 0,
      closing: 0,
    });
    const cases: YearFlows[][] = [
      [],
      [year(2020, { 利息: 0 }, { 电梯: 0 })],
      [year(2020, { 利息: 5, 首期归集: 0 }, {}), year(2021, { 续筹: 3, 首期归集: 0 }, { 屋面: -2, 电梯: 9 })],
      [year(2020, {}, { 冲正: 1 }), year(2021, { 冲正: 4, 首期归集: 1 }, {})],
    ];
    for (let i = 0; i < 40; i++) {
      const flows = () =>
        Object.fromEntries(
          LEDGER_CATEGORIES.filter((_, k) => (i * 7 + k * 3) % 5 === 0).map((c, k) => [c, (i + k) % 3]),
        );
      cases.push([year(2019, flows(), flows()), year(2020 + (i % 3), flows(), {})]);
    }
    for (const years of cases) {
      expect(categoriesUsed(years)).toEqual({
        inflow: perCategory(years, 'inflow'),
        outflow: perCategory(years, 'outflow'),
      });
    }
    expect(categoriesUsed(cases[2]!)).toEqual({ inflow: ['续筹', '利息'], outflow: ['电梯', '屋面'] });
  });

  it('nets a 冲正 of the first deposit out of the first deposit', () => {
    const s = fundSummary([
      entry({ id: 'a', date: '2020-01-01', direction: '收入', category: '首期归集', amount: 500_00 }),
      entry({ id: 'b', date: '2020-01-01', direction: '收入', category: '首期归集', amount: 500_00 }),
      entry({
        id: 'c',
        date: '2020-01-02',
        direction: '支出',
        category: '冲正',
        amount: 500_00,
        reverses: 'b',
        reason: '重复入账',
      }),
    ]);
    expect(s.firstDeposit).toBe(500_00);
    expect(s.balance).toBe(500_00);
    expect(s.unapprovedOutflows).toEqual([]);
  });

  it('marks a stated balance that disagrees with the running total', () => {
    const lines = runningLedger([
      entry({ id: 'a', date: '2020-01-01', direction: '收入', category: '续筹', amount: 100_00, balance: 100_00 }),
      entry({ id: 'b', date: '2020-01-02', direction: '收入', category: '利息', amount: 1, balance: 100_00 }),
    ]);
    expect(lines.map((l) => l.statedMismatch)).toEqual([false, true]);
  });

  it('an empty ledger has a zero balance and no warning', () => {
    const s = fundSummary([]);
    expect(s).toMatchObject({ balance: 0, firstDeposit: 0, belowThreshold: false, lastDate: undefined });
  });

  it('the final balance is the sum of signed amounts whatever the input order', () => {
    const arb = fc.array(
      fc.record({
        day: fc.integer({ min: 1, max: 28 }),
        inflow: fc.boolean(),
        amount: fc.integer({ min: 1, max: 1_000_000_000 }),
      }),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(arb, (rows) => {
        const entries = rows.map((r, i) =>
          entry({
            id: `e${String(i).padStart(3, '0')}`,
            date: `2020-01-${String(r.day).padStart(2, '0')}`,
            direction: r.inflow ? '收入' : '支出',
            category: r.inflow ? '续筹' : '其他维修',
            amount: r.amount,
          }),
        );
        const expected = rows.reduce((s, r) => s + (r.inflow ? r.amount : -r.amount), 0);
        expect(fundSummary([...entries].reverse()).balance).toBe(expected);
      }),
    );
  });
});
