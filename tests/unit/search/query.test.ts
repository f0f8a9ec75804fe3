import { describe, expect, it } from 'vitest';
import { joinHan, segmentHan } from '../../../src/components/search/han-words.ts';
import { holdsPhrases, parseQuery } from '../../../src/components/search/query.ts';

describe('reading the query', () => {
  it('takes Chinese quotes as a phrase and hands Pagefind ASCII ones', () => {
    const q = parseQuery('“后进小区” 银杏');
    expect(q.pagefind).toBe('"后进小区" 银杏');
    expect(q.phrases).toEqual(['后进小区']);
    expect(q.terms).toEqual(['后进小区', '银杏']);
  });

  it('has no phrase without quotes, and ignores case and spacing', () => {
    const q = parseQuery('  ABC   物业 ');
    expect(q.phrases).toEqual([]);
    expect(q.terms).toEqual(['abc', '物业']);
  });

  it('keeps a result only when its text holds every phrase', () => {
    const q = parseQuery('"后进小区"');
    expect(holdsPhrases(q, '列入 后 进 小区 挂 牌')).toBe(true);
    expect(holdsPhrases(q, '后 来 进 入 小区')).toBe(false);
    expect(holdsPhrases(parseQuery('后进'), 'anything')).toBe(true);
  });
});

describe('Chinese cut into words for the index, and joined again', () => {
  it('cuts like the browser does and joins back to the same text', () => {
    const text = '关于银杏新村(演示)列入后进小区挂牌督办的公告 2025年 ABC';
    const cut = segmentHan(text);
    expect(cut).toContain('挂 牌 督 办');
    expect(joinHan(cut)).toBe(text);
  });
});
