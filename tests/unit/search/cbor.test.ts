import { describe, expect, it } from 'vitest';
import { CborReader, CborWriter, decodeCbor, type Cbor } from '../../../src/integrations/pagefind-format.ts';

/**
 * The join copies Pagefind's words as the CBOR it decoded and wrote again, so a bundle joined from
 * runs equals one run's only if every item decodes to what CborWriter writes back byte for byte.
 * decodeCbor refuses any other encoding itself (it no longer encodes each file again to compare).
 */
const encoded = (v: Cbor) => {
  const w = new CborWriter();
  w.item(v);
  return w.bytes();
};

describe('decodeCbor', () => {
  it('decodes what CborWriter writes, at every head size', () => {
    const value: Cbor = [
      0,
      23,
      24,
      255,
      256,
      65_535,
      65_536,
      2 ** 32 - 1,
      2 ** 32,
      -1,
      -25,
      -300,
      '',
      '电梯 维修',
      ['a', [1, [2]]],
    ];
    expect(decodeCbor(encoded(value))).toEqual(value);
  });

  it.each([
    ['a one-byte head for a number under 24', [0x18, 0x05]],
    ['a two-byte head for a number under 256', [0x19, 0x00, 0xff]],
    ['a four-byte head for a number under 65,536', [0x1a, 0x00, 0x00, 0xff, 0xff]],
    ['an eight-byte head for a number under 2^32', [0x1b, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]],
    ['a number past 2^53', [0x1b, 0x00, 0x20, 0, 0, 0, 0, 0, 0x01]],
    ['a longer head for a list length', [0x98, 0x01, 0x00]],
    ['text that is not UTF-8', [0x62, 0xc3, 0x28]],
    ['a surrogate encoded as UTF-8', [0x63, 0xed, 0xa0, 0x80]],
    ['a map (major type 5)', [0xa0]],
    ['trailing bytes', [0x01, 0x02]],
  ])('refuses %s, which would not be written back the same', (_, bytes) => {
    expect(() => decodeCbor(Buffer.from(bytes))).toThrow();
  });
});

describe('CborReader', () => {
  it('reads heads and skips lists of integers, where decodeCbor would read them', () => {
    const bytes = encoded([[1, -2, 300, -70_000], '物业', [[]]]);
    const r = new CborReader(bytes);
    expect(r.expect(4, 'top')).toBe(3);
    expect(r.skipIntegers('locs')).toBe(4);
    expect(r.text('word')).toBe('物业');
    expect(r.expect(4, 'outer')).toBe(1);
    expect(r.expect(4, 'inner')).toBe(0);
    expect(r.at).toBe(bytes.length);
  });

  it('refuses what is not the type it expects', () => {
    expect(() => new CborReader(encoded([1, 'a'])).skipIntegers('locs')).toThrow(/locs/);
    expect(() => new CborReader(encoded('a')).expect(4, 'word pages')).toThrow(/word pages/);
    expect(() => new CborReader(Buffer.from([0x82, 0x01])).skipIntegers('locs')).toThrow(/ends early/);
    expect(() => new CborReader(Buffer.from([0x62, 0xc3, 0x28])).text('word')).toThrow(/UTF-8/);
    expect(() => new CborReader(Buffer.from([0x63, 0x61])).text('word')).toThrow(/ends early/);
  });
});
