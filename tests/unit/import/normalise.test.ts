import { describe, expect, it } from 'vitest';
import { excelSerialToIso, normaliseCell } from '../../../src/lib/schema/normalise.ts';
import { headerKey, mapHeader } from '../../../scripts/staff/import/headers.ts';

const value = (raw: string, kind: Parameters<typeof normaliseCell>[1]) => {
  const n = normaliseCell(raw, kind);
  return n.ok ? n.value : `!${n.reason}`;
};

describe('cell normalisers', () => {
  it.each([
    ['1,234.50', '1234.50'],
    ['¥1,234.50', '1234.50'],
    ['￥1,234.5', '1234.50'],
    ['1234.5元', '1234.50'],
    ['1.2万', '12000.00'],
    ['3.45678万元', '34567.80'],
    ['(1,234.50)', '-1234.50'],
    ['(1,234.50)', '-1234.50'],
    ['1234.50', '1234.50'],
    [' 800 ', '800.00'],
    ['-12', '-12.00'],
  ])('money %s → %s', (raw, want) => expect(value(raw, 'money')).toBe(want));

  it('says so when parentheses made a negative, and refuses sub-fen amounts', () => {
    const n = normaliseCell('(1,234.50)', 'money');
    expect(n.ok && n.note).toContain('负');
    expect(value('12.345', 'money')).toMatch(/^!.*两位小数/);
    expect(value('十二元', 'money')).toMatch(/^!/);
  });

  it.each([
    ['2023/8/29', '2023-08-29'],
    ['2023年8月29日', '2023-08-29'],
    ['20230829', '2023-08-29'],
    ['2023.08.29', '2023-08-29'],
    ['2023-8-9', '2023-08-09'],
    ['45167', '2023-08-29'],
    ['2023/8/29 0:00:00', '2023-08-29'],
    ['2023-08-29', '2023-08-29'],
  ])('date %s → %s', (raw, want) => expect(value(raw, 'date')).toBe(want));

  it('Excel serials follow the 1900 system', () => {
    expect(excelSerialToIso(1)).toBeUndefined(); // before the phantom 1900-02-29: refuse rather than be off by one
    expect(excelSerialToIso(61)).toBe('1900-03-01');
    expect(excelSerialToIso(43831)).toBe('2020-01-01');
  });

  it.each([
    ['Y', '是'],
    ['n', '否'],
    ['TRUE', '是'],
    ['false', '否'],
    ['1', '是'],
    ['0', '否'],
    ['是', '是'],
  ])('bool %s → %s', (raw, want) => expect(value(raw, 'bool')).toBe(want));

  it('turns full-width digits and odd spaces into the standard', () => {
    expect(value('\u200B2023年\u00A0', 'year')).toBe('2023');
    expect(value('480', 'int')).toBe('480');
    expect(value('0480', 'int')).toBe('480');
    expect(value('95%', 'percent')).toBe('95');
    expect(value('\u3000海丽花园\u200B', 'text')).toBe('海丽花园');
    expect(value('保安、保洁;保绿', 'enum-list')).toBe('保安;保洁;保绿');
  });

  it('never guesses an id or code Excel turned into scientific notation', () => {
    expect(value('9.13101E+17', 'credit-code')).toMatch(/^!.*科学计数法/);
    expect(value('1.2E+5', 'id')).toMatch(/^!.*科学计数法/);
    expect(value('9.1E+17', 'text')).toMatch(/^!.*科学计数法/);
  });

  it('keeps leading zeros of codes and text', () => {
    expect(value('007', 'text')).toBe('007');
    expect(value('dapuqiao-007', 'id')).toBe('dapuqiao-007');
  });
});

describe('header mapping', () => {
  it('maps Chinese titles with units and markers, and column names', () => {
    expect(headerKey('*收入(元)')).toBe(headerKey('收入'));
    const m = mapHeader('public_revenue', [
      '编号',
      '小区',
      'YEAR',
      '季度',
      '收益来源',
      '收入(元)',
      '支出(元)',
      '转入维修资金',
      '来源',
      '经办人电话',
    ]);
    expect(m.columns).toEqual([
      'id',
      'compound_id',
      'year',
      'quarter',
      'revenue_source',
      'income',
      'spending',
      'to_fund',
      'source_id',
      undefined,
    ]);
    expect(m.unmapped).toEqual(['经办人电话']);
  });
});

describe('partial dates (the source gives only a year or month)', () => {
  it.each([
    ['2026', '2026'],
    ['2026年', '2026'],
    ['2019年11月', '2019-11'],
    ['2019/11', '2019-11'],
    ['2019年11月9日', '2019-11-09'],
  ])('%s → %s', (raw, want) => expect(value(raw, 'partial-date')).toBe(want));
});
