/** The chart script reads numbers back from the table: every printed value must parse to its display value. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseCellNumber, specFromTable } from '../../../src/components/charts/chart-spec.ts';
import { formatBasisPoints, formatCount, formatYuan } from '../../../src/lib/views/format.ts';

describe('parseCellNumber', () => {
  it('reads back money in yuan, basis points in percent and counts', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (n) => {
        expect(parseCellNumber(formatYuan(n))).toBeCloseTo(n / 100, 2);
        expect(parseCellNumber(formatCount(n))).toBe(n);
        expect(parseCellNumber(formatBasisPoints(n, 2))).toBeCloseTo(n / 100, 2);
      }),
    );
  });

  it('reads "no value" and stray text as null', () => {
    for (const t of ['—', '', '未公布', '¥', '1.2.3', '--5']) expect(parseCellNumber(t), t).toBeNull();
    expect(parseCellNumber(' 1,387 ')).toBe(1387);
  });
});

describe('specFromTable', () => {
  it('takes the series from the first value columns and leaves the rest to the reader', () => {
    const spec = specFromTable(
      'bar',
      '元',
      {
        headers: ['收入', '支出', '余额'],
        rows: [
          { label: '2019年', cells: ['¥10.00', '—', '¥10.00'] },
          { label: '2020年', cells: ['¥1,000.50', '-¥3.00', '¥1,007.50'] },
        ],
      },
      2,
    );
    expect(spec).toEqual({
      kind: 'bar',
      unit: '元',
      labels: ['2019年', '2020年'],
      datasets: [
        { label: '收入', data: [10, 1000.5] },
        { label: '支出', data: [null, -3] },
      ],
    });
  });
});
