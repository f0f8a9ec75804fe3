import { describe, expect, it } from 'vitest';
import {
  hasCriteria,
  namesFirst,
  orderFilterValues,
  pagefindOptions,
  parseSearchParams,
  toSearchString,
} from '../../../src/components/search/search-state.ts';

describe('search state in the URL', () => {
  it('reads words, filters and sort from the query string', () => {
    const state = parseSearchParams(new URLSearchParams('q=最美业主+2023&kind=荣誉&year=2023&sort=year&utm=x'));
    expect(state).toEqual({ q: '最美业主 2023', filters: { kind: '荣誉', year: '2023' }, sort: 'year', all: false });
  });

  it('ignores an unknown sort and blank values', () => {
    const state = parseSearchParams(new URLSearchParams('q=%20&district=&sort=random'));
    expect(state).toEqual({ q: '', filters: {}, sort: '', all: false });
    expect(hasCriteria(state)).toBe(false);
  });

  it('writes parameters in a fixed order, so the same search has one address', () => {
    const a = toSearchString({ q: '海丽', filters: { year: '2023', district: '黄浦区' }, sort: '', all: false });
    const b = toSearchString({ q: '海丽', filters: { district: '黄浦区', year: '2023' }, sort: '', all: false });
    expect(a).toBe(b);
    expect(a).toBe(`?q=${encodeURIComponent('海丽')}&district=${encodeURIComponent('黄浦区')}&year=2023`);
    expect(toSearchString({ q: '', filters: {}, sort: '', all: false })).toBe('');
  });

  it('round-trips through the URL', () => {
    const state = {
      q: '中海物业',
      filters: { kind: '物业企业', street: '打浦桥街道' },
      sort: 'score' as const,
      all: true,
    };
    expect(parseSearchParams(new URLSearchParams(toSearchString(state)))).toEqual(state);
  });

  it('filters alone are a search', () => {
    expect(hasCriteria({ q: '', filters: { honour: '最美业主' }, sort: '', all: false })).toBe(true);
  });

  it('asks the names index first only for words alone', () => {
    const words = { q: '宝宁泉物业', filters: {}, sort: '' as const, all: false };
    expect(namesFirst(words)).toBe(true);
    expect(namesFirst({ ...words, all: true })).toBe(false);
    expect(namesFirst({ ...words, sort: 'year' })).toBe(false);
    expect(namesFirst({ ...words, filters: { district: '黄浦区' } })).toBe(false);
    expect(namesFirst({ ...words, q: '' })).toBe(false);
    expect(parseSearchParams(new URLSearchParams('q=x&all=1')).all).toBe(true);
    expect(toSearchString({ ...words, all: true })).toBe(`?q=${encodeURIComponent('宝宁泉物业')}&all=1`);
  });

  it('turns the state into Pagefind options', () => {
    expect(pagefindOptions({ q: 'x', filters: { kind: '小区' }, sort: '', all: false })).toEqual({
      filters: { kind: '小区' },
    });
    expect(pagefindOptions({ q: 'x', filters: {}, sort: 'year', all: false })).toEqual({
      filters: {},
      sort: { year: 'desc' },
    });
  });

  it('orders years newest first and names in a stable Chinese order', () => {
    expect(orderFilterValues('year', ['2023', '2025', '2024', '2023'])).toEqual(['2025', '2024', '2023']);
    const names = orderFilterValues('district', ['黄浦区', '杨浦区', '浦东新区', '普陀区']);
    expect(orderFilterValues('district', [...names].reverse())).toEqual(names);
    expect(new Set(names).size).toBe(4);
  });
});
