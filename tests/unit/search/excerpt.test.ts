import { describe, expect, it } from 'vitest';
import { bestExcerpt } from '../../../src/components/search/excerpt.ts';

describe('choosing the excerpt to show', () => {
  const page = { excerpt: '物业收费<mark>标</mark>准。收费<mark>标</mark>准应明码<mark>标</mark>价' };
  const committee = {
    title: '业主委员会',
    url: '/compound/x/#committee-h',
    excerpt: '成员名单 <mark>宓</mark><mark>文</mark><mark>标</mark> 主任',
  };
  const fees = { title: '物业收费标准', url: '/compound/x/#fees-h', excerpt: page.excerpt };

  it('prefers the section that marks the whole name over one that marks a single character often', () => {
    expect(bestExcerpt('宓文标', page, [fees, committee])).toBe(committee);
  });

  it('keeps the page excerpt when no section shows more of the query', () => {
    const whole = { excerpt: '上海<mark>中海</mark><mark>物业</mark>管理有限公司' };
    expect(bestExcerpt('中海物业', whole, [{ ...committee, excerpt: '<mark>物业</mark>服务' }])).toBe(whole);
  });

  it('ignores spaces and letter case in the query', () => {
    const section = { title: 't', url: '/u/#t', excerpt: '<mark>ABC</mark> 2023' };
    expect(bestExcerpt(' abc ', { excerpt: 'nothing' }, [section])).toBe(section);
  });
});
