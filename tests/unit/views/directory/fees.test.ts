import { describe, expect, it } from 'vitest';
import { feeComparison, currentResidentialRates } from '../../../../src/lib/views/directory/fees.ts';
import { collectionByYear } from '../../../../src/lib/views/directory/collection.ts';
import { collection, compound, fee } from './rows.ts';

describe('collection totals', () => {
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
    expect(rows[0]!.rateBp).toBe(9900);
    expect(rows[2]!.standard).toBeUndefined();
    expect(rows[2]!.rateBp).toBe(5000);
  });
});
