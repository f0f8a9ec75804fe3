import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  formatBasisPoints,
  formatCount,
  formatDate,
  formatDecimal,
  formatPercent,
  formatQuarter,
  formatRate,
  formatTerm,
  formatYuan,
  formatYuanWord,
  shareBasisPoints,
  formatShare,
} from '../../../src/lib/views/format.ts';

describe('format', () => {
  it('writes dates the Chinese way and says 未公布 for blanks', () => {
    expect(formatDate('2023-08-29')).toBe('2023年8月29日');
    expect(formatDate(undefined)).toBe('未公布');
  });

  it('writes money from integer fen', () => {
    expect(formatYuan(123450)).toBe('¥1,234.50');
    expect(formatYuan(-5)).toBe('-¥0.05');
    expect(formatYuanWord(123450)).toBe('1,234.50 元');
    expect(formatRate(120, '元/平方米/月')).toBe('1.20 元/平方米/月');
  });

  it('groups every amount the way Intl does for zh-CN, at every length', () => {
    // Up to 13 digits of fen, where a double still holds every cent exactly for Intl's rounding.
    const zh = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 13), max: 10 ** 13 }), (fen) => {
        const sign = fen < 0 ? '-' : '';
        expect(formatYuanWord(fen)).toBe(`${sign}${zh.format(Math.abs(fen) / 100)} 元`);
      }),
    );
    for (const fen of [0, 9, 99999, 100000, 123456789, -100000]) {
      expect(formatYuanWord(fen)).toBe(`${fen < 0 ? '-' : ''}${zh.format(Math.abs(fen) / 100)} 元`);
    }
  });

  it('writes counts, decimals and percentages', () => {
    expect(formatCount(1514)).toBe('1,514');
    expect(formatDecimal(41250.5)).toBe('41,250.5');
    expect(formatDecimal(66)).toBe('66');
    expect(formatPercent(92.5)).toBe('92.5%');
    expect(formatBasisPoints(9200)).toBe('92.0%');
  });

  it('rounds shares half up in integers', () => {
    expect(shareBasisPoints(1, 3)).toBe(3333);
    expect(shareBasisPoints(2, 3)).toBe(6667);
    expect(shareBasisPoints(1, 8)).toBe(1250);
    expect(shareBasisPoints(1, 0)).toBeUndefined();
    expect(shareBasisPoints(1, -3)).toBeUndefined();
    expect(shareBasisPoints(-1, 8)).toBe(-1250);
    expect(shareBasisPoints(-3, 20000)).toBe(-1); // -1.5 bp: half up is toward +∞
  });

  it('gives the exact rational share for any fen amounts, past 2^53', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e15 }), fc.integer({ min: -1e15, max: 1e15 }), (den, num) => {
        fc.pre(Math.abs(num) <= den * 1000); // a share, not a count: the result stays a safe integer
        const bp = shareBasisPoints(num, den)!;
        // bp is within half a basis point of num/den, rounded up on a tie: (2bp-1)/2 <= 10000·num/den < (2bp+1)/2.
        const x = BigInt(num) * 20000n;
        expect((2n * BigInt(bp) - 1n) * BigInt(den) <= x && x < (2n * BigInt(bp) + 1n) * BigInt(den)).toBe(true);
      }),
    );
  });

  it('prints basis points half up, without float rounding', () => {
    expect(formatBasisPoints(9245)).toBe('92.5%');
    expect(formatBasisPoints(15)).toBe('0.2%'); // (0.15).toFixed(1) would say 0.1
    expect(formatBasisPoints(9244)).toBe('92.4%');
    expect(formatBasisPoints(10000, 0)).toBe('100%');
    expect(formatBasisPoints(5, 2)).toBe('0.05%');
    expect(formatBasisPoints(-1250)).toBe('-12.5%');
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 2 }), (bp, digits) => {
        const shown = Number(formatBasisPoints(bp, digits).slice(0, -1));
        expect(Math.abs(shown * 100 - bp)).toBeLessThanOrEqual(10 ** (2 - digits) / 2 + 1e-6);
      }),
    );
  });

  it('prints a share, or a dash when there is no whole', () => {
    expect(formatShare(2, 3)).toBe('66.7%');
    expect(formatShare(9245, 10000)).toBe('92.5%');
    expect(formatShare(0, 0)).toBe('—');
  });

  it('names quarters and terms', () => {
    expect(formatQuarter(2024, 1)).toBe('2024年第1季度');
    expect(formatTerm(5)).toBe('第5届');
    expect(formatTerm(undefined)).toBe('届别未公布');
  });
});
