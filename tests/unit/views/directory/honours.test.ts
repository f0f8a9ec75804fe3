import { describe, expect, it } from 'vitest';
import {
  groupHonoursByYearAndTitle,
  honourTitles,
  honoursOfFirm,
  honoursOfTitle,
} from '../../../../src/lib/views/directory/honours.ts';
import { honourTitleHref, honourTitleSegment } from '../../../../src/lib/views/urls.ts';
import { honour } from './rows.ts';

describe('honour title URL segments', () => {
  it('keeps a Chinese title readable and percent-encodes the href', () => {
    expect(honourTitleSegment('最美业主')).toBe('最美业主');
    expect(honourTitleHref('最美业主')).toBe('/honours/%E6%9C%80%E7%BE%8E%E4%B8%9A%E4%B8%BB/');
  });

  it('folds characters that would break a path', () => {
    expect(honourTitleSegment('先进 集体/个人?')).toBe('先进-集体-个人');
    expect(honourTitleSegment(' / ')).toBe('untitled');
  });

  it('refuses two titles that would share one page', () => {
    const rows = [honour('a', 2023, '先进/集体'), honour('b', 2023, '先进 集体')];
    expect(() => honourTitles(rows)).toThrow(/网址相同/);
  });
});

describe('grouping honours', () => {
  const rows = [
    honour('dapuqiao-2023-zuimei-yezhu-10', 2023, '最美业主', { date: '2023-08-29' }),
    honour('dapuqiao-2023-zuimei-yezhu-2', 2023, '最美业主', { date: '2023-08-29' }),
    honour('dapuqiao-2023-hongse-wuye-1', 2023, '红色示范物业', {
      date: '2023-08-29',
      recipient_kind: '物业企业',
      firm_id: 'zhonghai',
    }),
    honour('yinhang-2025-xianfeng-1', 2025, '红色议事先锋', { date: '2025-06-05' }),
    honour('dapuqiao-2024-zuimei-yezhu-1', 2024, '最美业主', { awarding_body: '区房管局' }),
  ];

  it('groups by year newest first, then by title, rows in natural id order', () => {
    const groups = groupHonoursByYearAndTitle(rows);
    expect(groups.map((g) => g.year)).toEqual([2025, 2024, 2023]);
    const y2023 = groups[2]!;
    expect(y2023.titles.map((t) => t.title).sort()).toEqual(['最美业主', '红色示范物业'].sort());
    const yezhu = y2023.titles.find((t) => t.title === '最美业主')!;
    expect(yezhu.honours.map((h) => h.id)).toEqual(['dapuqiao-2023-zuimei-yezhu-2', 'dapuqiao-2023-zuimei-yezhu-10']);
    expect(yezhu.date).toBe('2023-08-29');
    expect(yezhu.awardingBodies).toEqual(['街道']);
  });

  it('lists every year of one title', () => {
    const years = honoursOfTitle(rows, '最美业主');
    expect(years.map((y) => y.year)).toEqual([2024, 2023]);
    expect(years[0]!.group.awardingBodies).toEqual(['区房管局']);
  });

  it('finds the honours of a firm and of its people', () => {
    const person = honour('p', 2023, '最美物业人', { firm_id: 'zhonghai', person_name: '张浩' });
    expect(honoursOfFirm([...rows, person], 'zhonghai').map((h) => h.id)).toEqual(['dapuqiao-2023-hongse-wuye-1', 'p']);
  });
});
