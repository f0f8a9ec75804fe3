import { describe, expect, it } from 'vitest';
import { bestExcerpt, excerptText, markTerms } from '../../../src/components/search/excerpt.ts';
import { parseQuery } from '../../../src/components/search/query.ts';

const marked = (text: string, query: string) =>
  markTerms(text, parseQuery(query).terms)
    .filter((p) => p.marked)
    .map((p) => p.text);

describe('choosing the excerpt to show', () => {
  const page = { excerpt: '物业收费<mark>标</mark>准。收费<mark>标</mark>准应明码<mark>标</mark>价' };
  const committee = {
    title: '业主 委员会',
    url: '/compound/x/#committee-h',
    excerpt: '成员 名单 <mark>宓 </mark><mark>文 </mark><mark>标</mark> 主任',
  };
  const fees = { title: '物业收费标准', url: '/compound/x/#fees-h', excerpt: page.excerpt };

  it('prefers the section that holds the whole name over one that marks a single character often', () => {
    expect(bestExcerpt(['宓文标'], page, [fees, committee])).toEqual({
      text: '成员名单宓文标主任',
      title: '业主委员会',
      url: '/compound/x/#committee-h',
    });
  });

  it('keeps the page excerpt when no section shows more of the query', () => {
    const whole = { excerpt: '上海 <mark>中海 </mark><mark>物业 </mark>管理 有限公司' };
    const best = bestExcerpt(['中海物业'], whole, [{ ...committee, excerpt: '<mark>物业</mark>服务' }]);
    expect(best).toEqual({ text: '上海中海物业管理有限公司' });
  });

  it('cuts a window of the content around the term when no excerpt holds it', () => {
    const content = `${'甲'.repeat(100)}列入后进小区挂牌督办${'乙'.repeat(100)}`;
    const best = bestExcerpt(['后进'], { excerpt: '<mark>后</mark>来 <mark>进</mark>行' }, [], content);
    expect(best.text).toContain('列入后进小区');
    expect(best.text.startsWith('…')).toBe(true);
    expect(best.text.endsWith('…')).toBe(true);
  });

  it('reads Pagefind HTML as text: marks dropped, entities decoded, the index’s cuts joined', () => {
    expect(excerptText('A &amp; B 物业 &lt; 演示 &gt; <mark>挂 </mark><mark>牌</mark> 督 办')).toBe(
      'A&B 物业<演示>挂牌督办',
    );
    expect(excerptText('<mark>1 </mark>, 387 户. 企业')).toBe('1,387 户. 企业');
  });
});

describe('marking only what the reader typed', () => {
  it('marks 后进 whole and never 后 alone or the 进 of 进行', () => {
    expect(marked('对成本进行监审,公示后提交;列入后进小区', '后进')).toEqual(['后进']);
    expect(marked('对成本进行监审,公示后提交', '后进')).toEqual([]);
  });

  it('marks each word of the query, longest first, ignoring case', () => {
    expect(marked('最美业主 2023年 最美', '最美业主 2023')).toEqual(['最美业主', '2023']);
    expect(marked('ABC abc', 'abc')).toEqual(['ABC', 'abc']);
  });

  it('marks a quoted phrase as one', () => {
    const parts = markTerms('列入后进小区挂牌督办', parseQuery('“后进小区”').terms);
    expect(parts).toEqual([
      { text: '列入', marked: false },
      { text: '后进小区', marked: true },
      { text: '挂牌督办', marked: false },
    ]);
  });
});
