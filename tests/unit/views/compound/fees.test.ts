import { describe, expect, it } from 'vitest';
import { collectionRates, feeSteps, feesByCategory } from '../../../../src/lib/views/compound/fees.ts';
import { firmView } from '../../../../src/lib/views/compound/firm.ts';
import { revenueByQuarter, revenueTotals } from '../../../../src/lib/views/compound/revenue.ts';
import { newest, sectionUpdated } from '../../../../src/lib/views/compound/updated.ts';
import { contract, fee, revenue } from './rows.ts';

describe('fees', () => {
  const rows = [
    fee({ id: 'f2', rate: 120, effective_from: '2024-04-01' }),
    fee({ id: 'f1', rate: 80, effective_from: '2015-01-01' }),
    fee({ id: 'f3', rate: 150, effective_from: '2027-01-01' }),
    fee({ id: 'p1', rate: 15000, effective_from: '2020-01-01', category: '地面停车', unit: '元/车位/月' }),
  ];

  it('finds the standard in force per category, in vocabulary order', () => {
    const cats = feesByCategory(rows, '2026-11-01');
    expect(cats.map((c) => c.category)).toEqual(['住宅', '地面停车']);
    expect(cats[0]?.current?.id).toBe('f2');
    expect(cats[0]?.history.map((s) => s.id)).toEqual(['f1', 'f2', 'f3']);
  });

  it('aligns step series on the change dates up to as_of', () => {
    const steps = feeSteps(feesByCategory(rows, '2026-11-01'), '2026-11-01');
    expect(steps.dates).toEqual(['2015-01-01', '2020-01-01', '2024-04-01', '2026-11-01']);
    expect(steps.series[0]?.values).toEqual([80, 80, 120, 120]);
    expect(steps.series[1]?.values).toEqual([null, 15000, 15000, 15000]);
  });

  it('computes the collection rate in basis points, undefined when nothing is billed', () => {
    const r = collectionRates([
      { id: 'b', compound_id: 'x', year: 2024, billed: 612000_00, collected: 563040_00, source_id: 'demo' },
      { id: 'a', compound_id: 'x', year: 2023, billed: 0, collected: 0, source_id: 'demo' },
    ]);
    expect(r.map((x) => [x.year, x.rateBp])).toEqual([
      [2023, undefined],
      [2024, 9200],
    ]);
  });
});

describe('firmView', () => {
  it('separates current, past and upcoming contracts', () => {
    const v = firmView(
      [
        contract({ id: 'c1', start: '2015-01-01', end: '2018-12-31', firm_id: 'old' }),
        contract({ id: 'c2', start: '2019-01-01', firm_id: 'now' }),
        contract({ id: 'c3', start: '2027-01-01', firm_id: 'next' }),
      ],
      '2026-11-01',
    );
    expect(v.current?.firm_id).toBe('now');
    expect(v.past.map((c) => c.id)).toEqual(['c1']);
    expect(v.upcoming.map((c) => c.id)).toEqual(['c3']);
  });
});

describe('revenue', () => {
  it('sums sources per quarter and computes the share of net revenue moved to the fund', () => {
    const q = revenueByQuarter([
      revenue({
        id: 'b',
        year: 2024,
        quarter: 1,
        revenue_source: '广告',
        income: 4000_00,
        spending: 0,
        to_fund: 2000_00,
      }),
      revenue({ id: 'a', year: 2024, quarter: 1, income: 18600_00, spending: 2400_00, to_fund: 9000_00 }),
      revenue({ id: 'c', year: 2024, quarter: 2, income: 100_00, spending: 100_00, to_fund: 0 }),
    ]);
    expect(q).toHaveLength(2);
    expect(q[0]).toMatchObject({ income: 22600_00, net: 20200_00, toFund: 11000_00, toFundBp: 5446 });
    expect(q[0]?.bySource).toEqual({ 广告: 4000_00, 停车: 18600_00 });
    expect(q[1]?.toFundBp).toBeUndefined();
    expect(revenueTotals(q)).toMatchObject({ income: 22700_00, net: 20200_00, toFundBp: 5446 });
  });
});

describe('section dates', () => {
  it('prefers the git date, falls back to the data date, and caps data dates at as_of', () => {
    expect(newest(['2020-01-01', undefined, '2024-05-06'])).toBe('2024-05-06');
    const asOf = '2026-11-01';
    expect(sectionUpdated({ fund: '2024-01-01' }, undefined, asOf)).toEqual({ fund: '2024-01-01' });
    expect(sectionUpdated({ fund: '2024-01-01' }, { fund: '2025-02-02' }, asOf)).toEqual({ fund: '2025-02-02' });
    // A term ending after as_of is not a change yet; a git date after as_of is one.
    expect(sectionUpdated({ committee: '2027-05-01', fees: undefined }, { notices: '2026-12-01' }, asOf)).toEqual({
      committee: asOf,
      notices: '2026-12-01',
    });
  });
});
