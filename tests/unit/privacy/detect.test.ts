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
});

/** Valid GB 11643 ID numbers: an area code, a real birth date, a sequence number and the mod-11 check character. */
const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const validId = fc
  .tuple(
    fc.stringMatching(/^[1-8]\d{5}$/),
    fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2025-12-31T00:00:00Z'), noInvalidDate: true }),
    fc.stringMatching(/^\d{3}$/),
  )
  .map(([area, born, seq]) => {
    const first17 = `${area}${born.toISOString().slice(0, 10).replaceAll('-', '')}${seq}`;
    const sum = [...first17].reduce((n, d, i) => n + Number(d) * (W[i] ?? 0), 0);
    return first17 + '10X98765432'[sum % 11];
  });
const validMobile = fc.stringMatching(/^1[3-9]\d{9}$/);
/** Every separator staff or an evader might put between groups: spaces of every width, dashes, dots, slashes. */
const separator = fc.constantFrom(
  ' ',
  '  ',
  '-',
  ' - ',
  '–',
  '—',
  '－',
  '.',
  '。',
  '．',
  '·',
  '/',
  '／',
  '_',
  '\u00a0',
  '\u3000',
  '\u2009',
);
/** Split `digits` into groups at any positions (the last group keeps at least its last two characters). */
function grouped(digits: string, cuts: number[], sep: string, wide: boolean[]): string {
  const at = [...new Set(cuts.map((c) => 1 + (c % (digits.length - 2))))].sort((a, b) => a - b);
  const chars = [...digits].map((d, i) =>
    wide[i] && /\d/.test(d) ? String.fromCharCode(d.charCodeAt(0) + 0xfee0) : d,
  );
  let out = '';
  chars.forEach((c, i) => {
    if (at.includes(i)) out += sep;
    out += c;
  });
  return out;
}
const grouping = fc.tuple(
  fc.array(fc.nat(), { maxLength: 6 }),
  separator,
  fc.array(fc.boolean(), { minLength: 18, maxLength: 18 }),
);

describe('normaliser properties', () => {
  it('any grouping, any separator and any full-width form of a valid ID number is refused as an ID, whole', () => {
    fc.assert(
      fc.property(validId, grouping, (id, [cuts, sep, wide]) => {
        const written = grouped(id, cuts, sep, wide);
        const found = findPersonalData(`身份证号码${written}。`);
        return found.length === 1 && found[0]?.kind === 'privacy-id' && found[0].value === written;
      }),
      { numRuns: 500 },
    );
  });

  it('any grouping, any separator and any full-width form of a mobile number is refused, whole', () => {
    fc.assert(
      fc.property(validMobile, grouping, (mobile, [cuts, sep, wide]) => {
        const written = grouped(mobile, cuts, sep, wide);
        const found = findPersonalData(`联系电话:${written},欢迎来电`);
        return found.length === 1 && found[0]?.kind === 'privacy-mobile' && found[0].value === written;
      }),
      { numRuns: 500 },
    );
  });

  it('no part of a grouped ID number is ever reported as something else', () => {
    fc.assert(
      fc.property(validId, grouping, (id, [cuts, sep]) => {
        const found = findPersonalData(`${grouped(id, cuts, sep, [])} 备注`);
        return found.every((f) => f.kind === 'privacy-id');
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
      '3号楼2单元屋面防水',
      '收费标准 50-100 元',
      '2019-05-01 2019-06-01',
      '２０２４室内装修',
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

  it('reports a room address wherever it stands; the bare dash form only next to a person', () => {
    expect(kinds('王阿姨住3号楼502室')).toEqual([['privacy-room', '3号楼502室']]);
    expect(kinds('12栋1203 漏水已修复')).toEqual([['privacy-room', '12栋1203']]);
    expect(kinds('委员王建国住3号楼2单元501室')).toEqual([['privacy-room', '3号楼2单元501室']]);
    expect(kinds('王先生住B座1203')).toEqual([['privacy-room', 'B座1203']]);
    expect(kinds('业委会办公室设在3号楼102室')).toEqual([['privacy-room', '3号楼102室']]);
    expect(kinds('2单元501')).toEqual([['privacy-room', '2单元501']]);
    expect(kinds('独居老人 5-2-302')).toEqual([['privacy-room', '5-2-302']]);
    expect(kinds('5-302', { aboutPerson: true })).toEqual([['privacy-room', '5-302']]);
    expect(kinds('维修 5-302 号楼道灯')).toEqual([]);
  });

  it('closes the holes of issue 12: grouped IDs, dashes, dots, slashes, double spaces, spelled-out e-mail', () => {
    expect(kinds('110105 2001 0101 0013')).toEqual([['privacy-id', '110105 2001 0101 0013']]);
    expect(kinds('110105.2001.0101.0013')).toEqual([['privacy-id', '110105.2001.0101.0013']]);
    expect(kinds('110105 1949 1231 002X')).toEqual([['privacy-id', '110105 1949 1231 002X']]);
    for (const m of ['138–1234–5678', '138.1234.5678', '138/1234/5678', '138  1234  5678', '138—1234—5678'])
      expect(kinds(`电话${m}`), m).toEqual([['privacy-mobile', m]]);
    expect(kinds('4111 1111 1111 1111')).toEqual([['privacy-bank-card', '4111 1111 1111 1111']]);
    expect(kinds('4111.1111.1111.1111')).toEqual([['privacy-bank-card', '4111.1111.1111.1111']]);
    for (const e of ['wang@qq。com', 'wang(at)qq.com', 'wang[at]qq[dot]com', 'wang＠qq．com', 'wang（at）qq.com'])
      expect(kinds(`邮箱 ${e}`), e).toEqual([['privacy-email', e]]);
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

  it('folds text without dropped characters the same way as the character-by-character pass (property)', () => {
    // A trailing zero-width space forces the character-by-character pass and changes nothing else.
    const pieces = [
      '(',
      '（',
      'at',
      'ａｔ',
      'dot',
      ')',
      '）',
      '[',
      ']',
      ' ',
      '\u3000',
      '，',
      '。',
      '1',
      '３',
      '-',
      '—',
      '号',
      'a',
      '＠',
      '\u200b',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        const quick = fold(text);
        const slow = fold(`${text}\u200b`);
        expect(quick.text).toBe(slow.text);
        expect(quick.ends).toEqual(slow.ends);
        expect(quick.offsets).toEqual([...slow.offsets.slice(0, -1), text.length]);
      }),
      { numRuns: 2000 },
    );
  });
});
