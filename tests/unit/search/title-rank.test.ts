import { describe, expect, it } from 'vitest';
import { orderByTitle, titleMatch } from '../../../src/components/search/title-rank.ts';

describe('pages named like the query come first', () => {
  it('puts the street page above notices that merely start with its name', () => {
    const titles = [
      '打浦桥街道住宅小区业主大会、业委会业务规范指南',
      '打浦桥街道物业治理三年行动计划',
      '打浦桥街道',
      '黄浦区',
    ];
    expect(orderByTitle('打浦桥', titles)).toEqual([2, 1, 0, 3]);
  });

  it('scores each word of the query and ignores case and spaces', () => {
    expect(titleMatch('最美业主 2023', '最美业主')).toBe(1);
    expect(titleMatch('ABC', 'abc 物业')).toBeCloseTo(3 / 5);
    expect(titleMatch('沈莞愫', '帝庭大厦')).toBe(0);
  });

  it('keeps the search engine order when no title matches', () => {
    expect(orderByTitle('宓文标', ['开鲁路286弄电梯焕新', '开鲁路286弄', '红色议事先锋'])).toEqual([0, 1, 2]);
  });

  it("puts the page whose title is the query first, ignoring quotes and the index's word breaks", () => {
    const titles = ['大同花园', '黄浦区', '红色示范业委会获得者名单与红色示范物业', '“红色 示范 业 委 会”'];
    expect(orderByTitle('红色示范业委会', titles)[0]).toBe(3);
    expect(orderByTitle('“红色示范业委会”', titles)[0]).toBe(3);
  });

  it('keeps pages without a title match after those with one, in their order', () => {
    expect(orderByTitle('海丽', ['红色示范业委会', '海丽花园', '黄浦区'])).toEqual([1, 0, 2]);
  });
});
