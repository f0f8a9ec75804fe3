import { describe, expect, it } from 'vitest';
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
  });

  it('names quarters and terms', () => {
    expect(formatQuarter(2024, 1)).toBe('2024年第1季度');
    expect(formatTerm(5)).toBe('第5届');
    expect(formatTerm(undefined)).toBe('届别未公布');
  });
});
