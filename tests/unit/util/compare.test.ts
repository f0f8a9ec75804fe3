import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareIds, compareZh } from '../../../src/lib/util/compare.ts';

// The orders as they were written before the collators were made once (h18r): the pages' order
// must not move.
const idsBefore = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true }) || (a < b ? -1 : a > b ? 1 : 0);
const zhBefore = (a: string, b: string) => a.localeCompare(b, 'zh-CN') || (a < b ? -1 : a > b ? 1 : 0);

const id = fc.stringMatching(/^[a-zA-Z0-9_-]{0,12}$/);
const zh = fc.string({ unit: fc.constantFrom(...'安长庄名邸大厦小区演示（）0123456789abAB-'.split('')), maxLength: 8 });

describe('compareIds, compareZh', () => {
  it('order ids exactly as localeCompare with the same locale and options', () => {
    fc.assert(fc.property(id, id, (a, b) => Math.sign(compareIds(a, b)) === Math.sign(idsBefore(a, b))));
    const sample = ['x-10', 'x-2', 'X-2', 'x-02', 'demo-c00010', 'demo-c9', 'a', '', 'a-1-10', 'a-1-9'];
    expect([...sample].sort(compareIds)).toEqual([...sample].sort(idsBefore));
    expect(compareIds('x-2', 'x-10')).toBeLessThan(0);
  });

  it('order Chinese names exactly as localeCompare in zh-CN', () => {
    fc.assert(fc.property(zh, zh, (a, b) => Math.sign(compareZh(a, b)) === Math.sign(zhBefore(a, b))));
    const sample = ['长庄名邸（演示）', '安安大厦（演示）', '安安大厦', '名邸', 'Ａ', 'a', ''];
    expect([...sample].sort(compareZh)).toEqual([...sample].sort(zhBefore));
  });
});
