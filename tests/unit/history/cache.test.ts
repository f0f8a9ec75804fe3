/**
 * The per-commit cache gives exactly what a full parse gives: cold, warm, after
 * one new commit, after a history rewrite, from a shallow clone sharing the
 * cache, and with a damaged entry.
 */
import { mkdtempSync, readdirSync, rmSync, statSync, truncateSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadHistory, type HistoryStats } from '../../../src/lib/history/index.ts';
import { makeRepo, type TestRepo } from './repo.ts';

const COMPOUNDS =
  'id,name,district_id,street_id,neighbourhood,address,year_built,households,floor_area_m2,management_mode,demo,source_id,note';
const HONOURS = 'id,compound_id,year,title,level,awarded_by,source_id';

function seed(): TestRepo {
  const r = makeRepo('gongshi-history-cache-');
  r.write('data/compounds.csv', `${COMPOUNDS}\na-yuan,甲苑,d,,,,,100,,,是,demo,\n`);
  r.commit('首次发布甲苑', '2024-01-05T09:00:00+08:00');
  // A header change: later commits' cells are named by the header the parser carried forward.
  r.write(
    'data/compounds.csv',
    `${COMPOUNDS},extra\na-yuan,甲苑,d,,,,,100,,,是,demo,,\nb-li,乙里,d,,,,,200,,,是,demo,,\n`,
  );
  r.commit('新增乙里', '2024-02-05T09:00:00+08:00');
  r.write(
    'data/compounds.csv',
    `${COMPOUNDS},extra\na-yuan,甲苑,d,,,,,120,,,是,demo,,\nb-li,乙里,d,,,,,200,,,是,demo,,\n`,
  );
  r.commit('更正甲苑户数', '2024-03-05T09:00:00+08:00');
  r.write('data/honours.csv', `${HONOURS}\nh1,a-yuan,2023,红旗小区,区级,某区住建委,demo\n`);
  r.write('src/content/notices/a-1.mdx', '---\ntitle: 公告\n---\n');
  r.commit('甲苑荣誉与公告', '2024-04-05T09:00:00+08:00');
  return r;
}

const cacheDir = () => mkdtempSync(path.join(tmpdir(), 'gongshi-history-cachedir-'));
/** An entry's files (store.ts); `.json` is written last and stands for the entry. */
const files = (dir: string, ext: string) =>
  readdirSync(path.join(dir, 'gongshi-history')).filter((f) => f.endsWith(ext));
const entries = (dir: string) => files(dir, '.json');

/** Every file of the history cache, as if no build had used it for two days. */
function age(dir: string) {
  const then = new Date(Date.now() - 2 * 86_400_000);
  for (const f of readdirSync(path.join(dir, 'gongshi-history')))
    utimesSync(path.join(dir, 'gongshi-history', f), then, then);
}

function load(root: string, dir?: string) {
  const stats: HistoryStats = { commits: 0, fromCache: 0, parsed: 0 };
  const h = loadHistory({ root, ...(dir ? { cacheDir: dir } : {}) }, stats);
  expect(h.available).toBe(true);
  return { h, stats };
}

describe('history cache', () => {
  it('parses each commit once and gives what a full parse gives', () => {
    const r = seed();
    const dir = cacheDir();
    const full = load(r.dir).h;
    expect(full.commits).toHaveLength(4);
    const cold = load(r.dir, dir);
    expect(cold.stats).toEqual({ commits: 4, fromCache: 0, parsed: 4 });
    expect(JSON.stringify(cold.h)).toBe(JSON.stringify(full));
    const warm = load(r.dir, dir);
    expect(warm.stats).toEqual({ commits: 4, fromCache: 4, parsed: 0 });
    expect(JSON.stringify(warm.h)).toBe(JSON.stringify(full));

    r.write('data/compounds.csv', `${COMPOUNDS},extra\na-yuan,甲苑,d,,,,,120,,,是,demo,,\n`);
    r.commit('删除乙里', '2024-05-05T09:00:00+08:00');
    const next = load(r.dir, dir);
    expect(next.stats).toEqual({ commits: 5, fromCache: 4, parsed: 1 });
    expect(JSON.stringify(next.h)).toBe(JSON.stringify(load(r.dir).h));
    expect(next.h.commits[0]!.rows.map((x) => `${x.change} ${x.rowId}`)).toEqual(['removed b-li']);
  });

  it('never reuses a rewritten commit’s entry, and forgets commits rebased away', () => {
    const r = seed();
    const dir = cacheDir();
    load(r.dir, dir);
    const later = r.git(['rev-list', '--reverse', 'HEAD~2..HEAD']).trim().split('\n');
    // Rewrite the second commit (different header and values), then replay the two after it.
    r.git(['reset', '-q', '--hard', 'HEAD~2']);
    r.write(
      'data/compounds.csv',
      `${COMPOUNDS},extra\na-yuan,甲苑,d,,,,,101,,,是,demo,,x\nb-li,乙里,d,,,,,200,,,是,demo,,\n`,
    );
    r.git(['add', '-A']);
    r.git(['commit', '-q', '--amend', '--no-edit'], '2024-02-06T09:00:00+08:00');
    for (const c of later) r.git(['cherry-pick', '-X', 'theirs', c], '2024-06-01T09:00:00+08:00');
    const rebased = load(r.dir, dir);
    expect(rebased.stats).toEqual({ commits: 4, fromCache: 1, parsed: 3 });
    expect(JSON.stringify(rebased.h)).toBe(JSON.stringify(load(r.dir).h));
    expect(rebased.h.commits[2]!.rows.map((x) => x.diff)).toEqual([
      [
        { column: 'households', before: '100', after: '101' },
        { column: 'extra', before: '', after: 'x' },
      ],
      [],
    ]);
    // Entries rebased away stay while another build may still read them, and go once unused for a day.
    expect(entries(dir)).toHaveLength(7);
    age(dir);
    expect(load(r.dir, dir).stats.fromCache).toBe(4);
    expect(entries(dir)).toHaveLength(4);
  });

  it('keeps the files a build beside this one is reading when it prunes the shared cache', () => {
    const a = seed();
    const dir = cacheDir();
    const first = load(a.dir, dir).h;
    const other = makeRepo('gongshi-history-other-');
    other.write('data/compounds.csv', `${COMPOUNDS}\nc-cun,丙村,d,,,,,50,,,是,demo,\n`);
    other.commit('首次发布丙村', '2024-01-05T09:00:00+08:00');
    // Another build (another branch) sharing the cache folder prunes what it did not use.
    load(other.dir, dir);
    expect(JSON.stringify(first)).toBe(JSON.stringify(load(a.dir).h));
    // Deleted by hand under a running build: a Chinese reason, not a bare file error.
    for (const f of files(dir, '.rows')) rmSync(path.join(dir, 'gongshi-history', f));
    expect(() => first.commits.map((c) => c.rows)).toThrow(/^变更记录缓存文件在构建过程中被删除:.*请重新构建/);
  });

  it('keeps a shallow clone’s boundary commit apart from the full clone’s', () => {
    const r = seed();
    const dir = cacheDir();
    load(r.dir, dir);
    const shallow = mkdtempSync(path.join(tmpdir(), 'gongshi-history-shallow-'));
    r.git(['clone', '-q', '--depth', '2', `file://${r.dir}`, shallow]);
    const fromCache = load(shallow, dir);
    const full = load(shallow);
    expect(fromCache.h).toMatchObject({ available: true, shallow: true });
    expect(JSON.stringify(fromCache.h)).toBe(JSON.stringify(full.h));
    // The boundary commit is all additions here: its parent is not in the clone.
    expect(fromCache.stats.parsed).toBe(2);
    expect(full.h.commits.map((c) => c.commit.subject)).toEqual(['甲苑荣誉与公告', '更正甲苑户数']);
  });

  it.each(['.json', '.rows', '.keys'])('treats an entry with a damaged %s file as a miss', (ext) => {
    const r = seed();
    const dir = cacheDir();
    load(r.dir, dir);
    const damaged = files(dir, ext).filter((f) => statSync(path.join(dir, 'gongshi-history', f)).size > 20);
    expect(damaged.length).toBeGreaterThan(0);
    for (const f of damaged) truncateSync(path.join(dir, 'gongshi-history', f), 20);
    const again = load(r.dir, dir);
    expect(again.stats.fromCache).toBeLessThan(4);
    expect(JSON.stringify(again.h)).toBe(JSON.stringify(load(r.dir).h));
    expect(load(r.dir, dir).stats.fromCache).toBe(4);
  });
});
