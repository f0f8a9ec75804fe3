/**
 * History from a real git repository made in the test: commits with fixed dates
 * that add, change and delete rows and notices.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadHistory } from '../../../src/lib/history/index.ts';
import { buildContentIndex, historyByCompound, sectionDates } from '../../../src/lib/history/compound.ts';
import { buildCompoundIndex } from '../../../src/lib/model/relations.ts';
import { changesFeed, type FeedEntry } from '../../../src/lib/history/atom.ts';
import { makeRepo, type TestRepo } from './repo.ts';

const COMPOUNDS =
  'id,name,district_id,street_id,neighbourhood,address,year_built,households,floor_area_m2,management_mode,demo,source_id,note';
const FEES = 'id,compound_id,category,rate,unit,pricing,services,announced_on,effective_from,approval,source_id';

let repo: string;
let r: TestRepo;
const write = (file: string, text: string) => r.write(file, text);
const commit = (message: string, date: string) => r.commit(message, date);

beforeAll(() => {
  r = makeRepo();
  repo = r.dir;
  write('README.md', 'not data\n');
  write('data/compounds.csv', `${COMPOUNDS}\na-yuan,甲苑,d,,,,,100,,,是,demo,\nb-li,乙里,d,,,,,200,,,是,demo,\n`);
  write('data/fee_standards.csv', `${FEES}\na-2020,a-yuan,住宅,1.00,元/平方米/月,市场调节价,,,2020-01-01,,demo\n`);
  commit('首次发布甲苑、乙里', '2024-01-05T09:00:00+08:00');

  write(
    'data/compounds.csv',
    `${COMPOUNDS}\na-yuan,甲苑,d,,,,,120,,,是,demo,"一、二期合并"\nb-li,乙里,d,,,,,200,,,是,demo,\n`,
  );
  commit('更正甲苑户数', '2024-02-10T23:30:00+08:00');

  write(
    'data/fee_standards.csv',
    `${FEES}\na-2020,a-yuan,住宅,1.00,元/平方米/月,市场调节价,,,2020-01-01,,demo\na-2024,a-yuan,住宅,1.20,元/平方米/月,市场调节价,,2024-03-01,2024-04-01,,demo\n`,
  );
  write('src/content/notices/a-tiaojia.mdx', '---\ntitle: 调价公告\ncompound: a-yuan\n---\n正文\n');
  commit('甲苑调价公示', '2024-03-01T10:00:00+08:00');

  // A header change (new column at the end) rewrites every line but changes no value.
  write('data/compounds.csv', `${COMPOUNDS},extra\na-yuan,甲苑,d,,,,,120,,,是,demo,"一、二期合并",\n`);
  commit('删除乙里(重复录入)', '2024-04-02T08:00:00+08:00');
});

describe('history from git', () => {
  it('reads every commit that touched data or content, newest first, with dates from the commits', () => {
    const h = loadHistory({ root: repo });
    expect(h.available).toBe(true);
    expect(h.commits.map((c) => [c.commit.date, c.commit.subject])).toEqual([
      ['2024-04-02', '删除乙里(重复录入)'],
      ['2024-03-01', '甲苑调价公示'],
      ['2024-02-10', '更正甲苑户数'],
      ['2024-01-05', '首次发布甲苑、乙里'],
    ]);
    expect(h.commits[2]!.commit.time).toBe('2024-02-10T23:30:00+08:00');
  });

  it('names the rows and cells each commit changed', () => {
    const h = loadHistory({ root: repo });
    const [del, fee, fix, first] = h.commits;
    expect(first!.rows.map((r) => `${r.change} ${r.table}:${r.rowId}`).sort()).toEqual([
      'added compounds:a-yuan',
      'added compounds:b-li',
      'added fee_standards:a-2020',
    ]);
    expect(fix!.rows).toEqual([
      expect.objectContaining({
        table: 'compounds',
        rowId: 'a-yuan',
        change: 'modified',
        diff: [
          { column: 'households', before: '100', after: '120' },
          { column: 'note', before: '', after: '一、二期合并' },
        ],
      }),
    ]);
    expect(fee!.rows.map((r) => `${r.change} ${r.rowId}`)).toEqual(['added a-2024']);
    expect(fee!.content).toEqual([{ collection: 'notices', id: 'a-tiaojia', change: 'added' }]);
    // The header change leaves a-yuan's values alone: only the deletion is a change.
    expect(del!.rows.map((r) => `${r.change} ${r.rowId}`)).toEqual(['removed b-li']);
  });

  it('gives each compound its own history and per-section last-changed dates', () => {
    const h = loadHistory({ root: repo });
    const index = buildCompoundIndex({
      compounds: [{ id: 'a-yuan' }] as never,
      fee_standards: [
        { id: 'a-2020', compound_id: 'a-yuan' },
        { id: 'a-2024', compound_id: 'a-yuan' },
      ] as never,
    });
    const content = buildContentIndex([{ collection: 'notices', id: 'a-tiaojia', data: { compound: 'a-yuan' } }]);
    const by = historyByCompound(h.commits, index, content);
    expect(by.get('a-yuan')!.map((c) => c.commit.subject)).toEqual([
      '甲苑调价公示',
      '更正甲苑户数',
      '首次发布甲苑、乙里',
    ]);
    // b-li is gone from the data; its history still comes from the changed lines themselves.
    expect(by.get('b-li')!.map((c) => c.rows.map((r) => r.change).join())).toEqual(['removed', 'added']);
    expect(sectionDates(by.get('a-yuan')!)).toEqual({
      fees: '2024-03-01',
      notices: '2024-03-01',
      identity: '2024-02-10',
    });
  });

  it('builds a deterministic Atom feed from the commits', () => {
    const h = loadHistory({ root: repo });
    const entries: FeedEntry[] = h.commits.map((c) => ({
      id: `commit:${c.commit.hash}`,
      title: c.commit.subject,
      updated: c.commit.time,
      link: `/changes/#${c.commit.hash.slice(0, 10)}`,
      summary: `${c.rows.length} 行`,
    }));
    const xml = changesFeed({
      site: 'https://example.org',
      path: '/feed.xml',
      title: '变更',
      entries,
      fallbackUpdated: '2026-11-01',
    });
    expect(xml).toBe(
      changesFeed({
        site: 'https://example.org',
        path: '/feed.xml',
        title: '变更',
        entries,
        fallbackUpdated: '2026-11-01',
      }),
    );
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    expect(xml).toContain('<updated>2024-04-02T08:00:00+08:00</updated>');
    expect(xml).toContain('<title>删除乙里(重复录入)</title>');
    expect(xml).toContain('<link rel="self" href="https://example.org/feed.xml"/>');
    expect(xml.match(/<entry>/g)).toHaveLength(4);
  });

  it('says history is unavailable outside a git repository, and without git', () => {
    const plain = mkdtempSync(path.join(tmpdir(), 'gongshi-nogit-'));
    const outside = loadHistory({ root: plain });
    expect(outside).toEqual({ available: false, reason: '网站不是从 git 仓库构建的', commits: [] });
    const path0 = process.env.PATH;
    process.env.PATH = plain;
    try {
      expect(loadHistory({ root: repo })).toMatchObject({ available: false, reason: '构建环境里没有 git 命令' });
    } finally {
      process.env.PATH = path0;
    }
  });
});
