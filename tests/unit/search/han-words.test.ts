/**
 * The page text the index holds (segmentForIndex) and the text a result shows (joinCut): the
 * index is cut into the words the query is cut into (ICU's, like the browser's), and the display
 * puts back the page's spacing where the index's text can tell it. Examples from the built sites
 * (a 1,000-compound fixture and the project's own data; bench/README.md, h25i).
 */
import { describe, expect, it } from 'vitest';
import { joinCut, segmentForIndex } from '../../../src/components/search/han-words.ts';

/** The text as a result shows it: cut for the index, one space between words as Pagefind keeps them, joined again. */
const shown = (text: string) => joinCut(segmentForIndex(text).split(/\s+/).filter(Boolean).join(' '));

describe('the index holds the words the query is cut into', () => {
  it('cuts a name, a firm and a credit code as the browser cuts the query', () => {
    expect(segmentForIndex('主任 吴凤')).toBe('主任 吴凤');
    expect(segmentForIndex('副主任慧敏')).toContain('慧敏');
    expect(segmentForIndex('上海中海物业管理有限公司')).toContain('有限公司');
    expect(segmentForIndex('统一社会信用代码:91310100MADU4HHJTP')).toMatch(/ 91310100MADU4HHJTP$/);
  });

  it('sets every piece apart: Chinese, letters and digits, each mark', () => {
    expect(segmentForIndex('1,387 户')).toBe('1 , 387 户');
    expect(segmentForIndex('2026年3月20日')).toBe('2026 年 3 月 20 日');
    expect(segmentForIndex('大厦（演示）')).toBe('大厦 （ 演示 ）');
    expect(segmentForIndex('收入¥2,000')).toBe('收入 ¥2 , 000');
  });

  it('keeps a character reference whole, for Pagefind to decode', () => {
    expect(segmentForIndex('A&amp;B 物业&lt;演示&gt;')).toBe('A &amp; B 物业 &lt; 演示 &gt;');
    expect(segmentForIndex('&#x27;5&#39;')).toBe('&#x27; 5 &#39;');
  });
});

describe('a result shows the page’s own spacing where the index’s text tells it', () => {
  it.each([
    '1,387 户',
    '5 人中 4 人',
    '选举后 3 日内公示',
    '2026年3月20日',
    '2025年1月1日 — 2025年12月31日',
    '业委会选举或成员变动后应在 3 日内公示。',
    '住宅 1.02 元/平方米/月;地面停车 90.00 元/车位/月',
    '康苑大厦（演示） · 要点',
    '27 / 32',
    '(邮箱 corrections@example.org)',
    '发布:gongshi 基准测试生成器',
    '第3届业主委员会',
    '“双红联盟”蓄力启航——打浦桥街道',
    '统一社会信用代码:91310100MADU4HHJTP',
    '同意比例 65%、人数过半',
  ])('%s', (text) => {
    expect(shown(text)).toBe(text);
  });

  it('keeps the full stop Pagefind ends a block with, and the sentence after it', () => {
    expect(joinCut('企业. 演示')).toBe('企业. 演示');
    expect(joinCut('2 , 996 , 372 . 34 元')).toBe('2,996,372.34 元');
  });

  it('loses the spacing the pages write less often (counted in bench/README.md)', () => {
    expect(shown('维修资金余额2,996,372.34元')).toBe('维修资金余额 2,996,372.34 元');
    expect(shown('数据标准第 1 版')).toBe('数据标准第1 版');
    expect(shown('审计范围为 2025 年度专项维修资金')).toBe('审计范围为 2025年度专项维修资金');
    expect(shown('同意占专有面积65%')).toBe('同意占专有面积 65%');
    expect(shown('物业党建联建 全面提升')).toBe('物业党建联建全面提升');
  });
});
