import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { areaFigures, fundTotals, reportedCompoundCount } from '../../../../src/lib/views/directory/area.ts';
import { collection, committee, compound, contract, fee, figure, ledger } from './rows.ts';

const asOf = '2026-11-01';

describe('areaFigures', () => {
  const compounds = [
    compound('a', { management_mode: '专业物业' }),
    compound('b', { management_mode: '片区大物业' }),
    compound('c', { management_mode: '自治式', demo: true }),
    compound('d', { management_mode: '失管' }),
    compound('e'),
  ];
  const input = {
    compounds,
    committees: [
      committee('a-1', 'a', { term_start: '2018-01-01', term_end: '2022-12-31' }),
      committee('a-2', 'a', { term_start: '2023-01-01', term_end: '2027-12-31' }),
      committee('b-1', 'b', { kind: '物管会', term_start: '2025-01-01' }),
      committee('c-1', 'c', { term_start: '2019-01-01', term_end: '2024-01-01' }),
      committee('x-1', 'outside', { term_start: '2025-01-01' }),
    ],
    contracts: [
      contract('a-old', 'a', 'f1', { start: '2015-01-01', end: '2020-12-31' }),
      contract('a-now', 'a', 'f2', { start: '2021-01-01' }),
      contract('b-now', 'b', 'f2', { start: '2022-01-01', end: '2027-01-01' }),
      contract('c-next', 'c', 'f3', { start: '2027-01-01' }),
      contract('x', 'outside', 'f9', {}),
    ],
    feeStandards: [
      fee('a-1', 'a', 80, '2015-01-01'),
      fee('a-2', 'a', 120, '2024-04-01'),
      fee('a-3', 'a', 200, '2027-01-01'), // announced, not yet in force
      fee('b-1', 'b', 95, '2020-01-01'),
      fee('b-park', 'b', 15000, '2020-01-01', { category: '地面停车', unit: '元/车位/月' }),
    ],
    feeCollection: [
      collection('a', 2024, 100_000, 90_000),
      collection('b', 2024, 50_000, 45_000),
      collection('a', 2023, 100_000, 80_000),
    ],
    fundLedger: [ledger('a-1', 'a', '收入', '首期归集', 1_000_000), ledger('b-1', 'b', '支出', '电梯', 300_000)],
    asOf,
  };
  const f = areaFigures(input);

  it('counts compounds, demo compounds, running committees and current firms in the area only', () => {
    expect(f.compounds).toBe(5);
    expect(f.demoCompounds).toBe(1);
    expect(f.committees).toEqual({ total: 2, ywh: 1, wgh: 1, expired: 1 }); // c's only term ended
    expect(f.firms).toBe(1); // f2 serves a and b; f1 ended; f3 not begun; f9 outside
  });

  it('reports management coverage by mode', () => {
    expect(f.modes).toEqual([
      { mode: '专业物业', count: 1 },
      { mode: '片区大物业', count: 1 },
      { mode: '自治式', count: 1 },
      { mode: '失管', count: 1 },
      { mode: '未填写', count: 1 },
    ]);
    expect(f.coverage).toEqual({ professional: 1, covered: 2, uncovered: 1, unknown: 1 });
  });

  it('averages the residential rate in force on the as-of date, in whole fen', () => {
    expect(f.residentialFee).toEqual({ meanFen: 108, minFen: 95, maxFen: 120, compounds: 2 }); // (120+95)/2 = 107.5 → 108
  });

  it('totals collection per year and the fund', () => {
    expect(f.collection[0]).toEqual({ year: 2024, billedFen: 150_000, collectedFen: 135_000, compounds: 2 });
    expect(f.collection[1]?.year).toBe(2023);
    expect(f.fund).toEqual({ inflowFen: 1_000_000, outflowFen: 300_000, balanceFen: 700_000, compounds: 2 });
  });

  it('says nothing rather than zero when the area has no fee, fund or committee data', () => {
    const empty = areaFigures({ ...input, compounds: [compound('z')] });
    expect(empty.residentialFee).toBeUndefined();
    expect(empty.fund).toBeUndefined();
    expect(empty.collection).toEqual([]);
    expect(empty.committees.total).toBe(0);
  });
});

describe('fundTotals', () => {
  it('nets a 冲正 row against the direction of the row it reverses', () => {
    const rows = [
      ledger('1', 'a', '收入', '首期归集', 1000),
      ledger('2', 'a', '收入', '利息', 50),
      ledger('3', 'a', '支出', '冲正', 50, { reverses: '2', reason: '重复入账' }),
      ledger('4', 'a', '支出', '电梯', 300),
    ];
    expect(fundTotals(rows)).toEqual({ inflowFen: 1000, outflowFen: 300, balanceFen: 700 });
  });

  it('balance always equals inflow minus outflow when reversals are opposite', () => {
    const entry = fc.record({
      amount: fc.integer({ min: 1, max: 10_000_000 }),
      income: fc.boolean(),
      reverse: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 40 }), (specs) => {
        const rows: ReturnType<typeof ledger>[] = [];
        specs.forEach((s, i) => {
          const target = rows[i - 1];
          if (s.reverse && target && target.category !== '冲正') {
            rows.push(
              ledger(String(i), 'a', target.direction === '收入' ? '支出' : '收入', '冲正', target.amount, {
                reverses: target.id,
              }),
            );
          } else {
            rows.push(ledger(String(i), 'a', s.income ? '收入' : '支出', s.income ? '续筹' : '其他维修', s.amount));
          }
        });
        const gross = rows.filter((r) => r.category !== '冲正' && !rows.some((x) => x.reverses === r.id));
        const t = fundTotals(rows);
        expect(t.balanceFen).toBe(t.inflowFen - t.outflowFen);
        // A reversed row and its 冲正 cancel out: totals equal those of the rows left standing.
        const sum = (d: string) => gross.filter((r) => r.direction === d).reduce((n, r) => n + r.amount, 0);
        expect(t.inflowFen).toBe(sum('收入'));
        expect(t.outflowFen).toBe(sum('支出'));
      }),
    );
  });
});

describe('reportedCompoundCount', () => {
  it('finds the newest compound count the office reported', () => {
    const figs = [
      figure('f1', '住宅小区数', 60, '2020-01-01'),
      figure('f2', '住宅小区数', 66, '2023-08-29'),
      figure('f3', '物业企业数', 27, '2023-08-29'),
    ];
    expect(reportedCompoundCount(figs)?.value).toBe(66);
    expect(reportedCompoundCount([figs[2]!])).toBeUndefined();
  });
});
