import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findPersonalData, mask } from '../../../src/lib/validate/privacy/detect.ts';
import { fold, FOLD_CHANGES } from '../../../src/lib/validate/privacy/normalise.ts';
import { isLuhnValid, isValidResidentId, looksLikeOldResidentId } from '../../../src/lib/validate/privacy/checksums.ts';

const kinds = (text: string, opts = {}) => findPersonalData(text, opts).map((f) => [f.kind, f.value]);

describe('check digits', () => {
  it('GB 11643 resident ID', () => {
    expect(isValidResidentId('11010519491231002X')).toBe(true);
    expect(isValidResidentId('11010519491231002x')).toBe(true);
    expect(isValidResidentId('110105194912310021')).toBe(false);
    expect(isValidResidentId('1101051949123100')).toBe(false);
  });

  it('Luhn', () => {
    expect(isLuhnValid('4111111111111111')).toBe(true);
    expect(isLuhnValid('4111111111111112')).toBe(false);
  });

  it('15-digit old ID needs a real month and day', () => {
    expect(looksLikeOldResidentId('310101800101123')).toBe(true);
    expect(looksLikeOldResidentId('310101801301123')).toBe(false);
  });

  it('every generated valid 18-digit ID is found as an ID, with separators too (property)', () => {
    const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    fc.assert(
      fc.property(fc.stringMatching(/^[1-8]\d{16}$/), fc.constantFrom('', ' '), (first17, sep) => {
        const sum = [...first17].reduce((n, d, i) => n + Number(d) * (W[i] ?? 0), 0);
        const id = first17 + '10X98765432'[sum % 11];
        const text = `号码${id.slice(0, 6)}${sep}${id.slice(6, 14)}${sep}${id.slice(14)}。`;
        const found = findPersonalData(text);
        return found.length === 1 && found[0]?.kind === 'privacy-id';
      }),
    );
  });
});

describe('findPersonalData', () => {
  it('finds mobiles in every disguise', () => {
    expect(kinds('13812345678')).toEqual([['privacy-mobile', '13812345678']]);
    expect(kinds('138-1234-5678')).toEqual([['privacy-mobile', '138-1234-5678']]);
    expect(kinds('+86 13812345678')).toEqual([['privacy-mobile', '+86 13812345678']]);
    expect(kinds('电话１３８１２３４５６７８')).toEqual([['privacy-mobile', '１３８１２３４５６７８']]);
    expect(kinds('138\u00a01234\u00a05678')).toEqual([['privacy-mobile', '138\u00a01234\u00a05678']]);
  });

  it('leaves landlines, hotlines, dates, money, building numbers and credit codes alone', () => {
    for (const text of [
      '021-63301234',
      '400-820-8820',
      '2023-08-29',
      '1234.50元',
      '386000.00',
      '1号楼电梯更新',
      '3号楼102室是业委会办公室',
      '91310101MA1FPX1234',
      '12345678901',
      '第138号文件',
    ]) {
      expect(kinds(text), text).toEqual([]);
    }
  });

  it('tells Luhn-valid card numbers from other long digit strings', () => {
    expect(kinds('4111 1111 1111 1111')).toEqual([['privacy-bank-card', '4111 1111 1111 1111']]);
    expect(kinds('4111111111111112')).toEqual([['privacy-long-digits', '4111111111111112']]);
  });

  it('reports a room number only next to a person', () => {
    expect(kinds('王阿姨住3号楼502室')).toEqual([['privacy-room', '3号楼502室']]);
    expect(kinds('独居老人 5-2-302')).toEqual([['privacy-room', '5-2-302']]);
    expect(kinds('沈莞愫 12栋1203', { personNames: ['沈莞愫'] })).toEqual([['privacy-room', '12栋1203']]);
    expect(kinds('12栋1203 漏水已修复')).toEqual([]);
    expect(kinds('5-302', { aboutPerson: true })).toEqual([['privacy-room', '5-302']]);
  });

  it('locates every finding at its offset in the original text, whatever was folded (property)', () => {
    const noise = fc.constantFrom('', '\u200b', '\u00a0', ' ', '，', '号');
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('说明', '业委会', '2023-08-29', '1号楼'), { maxLength: 4 }),
        noise,
        (words, n) => {
          const text = `${words.join(n)}联系1${n === ' ' ? '' : n}3912345678${n}${words.join('')}`;
          return findPersonalData(text).every((f) => text.slice(f.start, f.end) === f.value);
        },
      ),
    );
  });

  it('masks the middle of a value', () => {
    expect(mask('13812345678')).toBe('138******78');
    expect(mask('abc')).toBe('***');
  });
});

describe('fold', () => {
  it('changes exactly the characters FOLD_CHANGES names, so skipping the rest is exact', () => {
    const mismatches: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const ch = String.fromCharCode(code);
      if ((fold(ch).text !== ch) !== FOLD_CHANGES.test(ch)) mismatches.push(code.toString(16));
    }
    expect(mismatches).toEqual([]);
  });
});
