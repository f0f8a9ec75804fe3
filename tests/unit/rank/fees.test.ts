import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { feeComparison, currentResidentialRates } from '../../../src/lib/views/directory/fees.ts';
import { collectionByYear, formatRate, rateTenthsOfPercent } from '../../../src/lib/views/directory/collection.ts';
import { collection, compound, fee } from './rows.ts';

describe('collection rates', () => {
  it('rounds half up in tenths of a percent, exactly', () => {
    expect(rateTenthsOfPercent(925, 1000)).toBe(925);
    expect(rateTenthsOfPercent(9245, 10000)).toBe(925); // 92.45 → 92.5
    expect(rateTenthsOfPercent(9244, 10000)).toBe(924);
    expect(rateTenthsOfPercent(1, 3)).toBe(333);
    expect(rateTenthsOfPercent(2, 3)).toBe(667);
    expect(formatRate(2, 3)).toBe('66.7%');
    expect(formatRate(0, 0)).toBe('—');
  });

  it('matches the exact rational rate for any fen amounts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e13 }), fc.integer({ min: 0, max: 1e13 }), (billed, collected) => {
        const t = rateTenthsOfPercent(collected, billed)!;
        // t/1000 is within half a tenth of a percent of collected/billed, with exact BigInt checks.
        const lo = (2n * BigInt(t) - 1n) * BigInt(billed);
        const hi = (2n * BigInt(t) + 1n) * BigInt(billed);
        const x = BigInt(collected) * 2000n;
        expect(lo <= x && x < hi).toBe(true);
      }),
    );
  });

  it('sums per year, newest first', () => {
    const t = collectionByYear([
      collection('a', 2023, 10, 5),
      collection('b', 2024, 10, 9),
      collection('a', 2024, 30, 21),
    ]);
    expect(t).toEqual([
      { year: 2024, billedFen: 40, collectedFen: 30, compounds: 2 },
      { year: 2023, billedFen: 10, collectedFen: 5, compounds: 1 },
    ]);
  });
});

describe('fee comparison', () => {
  const asOf = '2026-11-01';
  const compounds = [
    compound('a', { name: '甲' }),
    compound('b', { name: '乙' }),
    compound('c', { name: '丙' }),
    compound('d', { name: '丁' }),
  ];
  const standards = [
    fee('a1', 'a', 80, '2010-01-01'),
    fee('a2', 'a', 120, '2025-01-01'),
    fee('b1', 'b', 150, '2026-12-01'), // not in force yet
    fee('c1', 'c', 200, '2020-01-01', { category: '非住宅' }),
    fee('d1', 'd', 95, '2020-01-01'),
  ];
  const col = [collection('a', 2024, 1000, 950), collection('a', 2025, 1000, 990), collection('b', 2025, 1000, 500)];

  it('picks the latest standard in force on the as-of date', () => {
    const rates = currentResidentialRates(standards, asOf);
    expect(rates.get('a')?.rate).toBe(120);
    expect(rates.has('b')).toBe(false);
    expect(rates.has('c')).toBe(false);
  });

  it('lists compounds with a rate or a collection figure, highest rate first, with the latest year', () => {
    const rows = feeComparison(compounds, standards, col, asOf);
    expect(rows.map((r) => r.compound.id)).toEqual(['a', 'd', 'b']);
    expect(rows[0]!.collection?.year).toBe(2025);
    expect(rows[0]!.rateTenths).toBe(990);
    expect(rows[2]!.standard).toBeUndefined();
    expect(rows[2]!.rateTenths).toBe(500);
  });
});
