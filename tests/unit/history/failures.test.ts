/**
 * When git cannot give the history, the reason says what happened (with git's
 * own message), never a wrong one such as "no commits yet".
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadHistory } from '../../../src/lib/history/index.ts';
import { makeRepo } from './repo.ts';

const COMPOUNDS =
  'id,name,district_id,street_id,neighbourhood,address,year_built,households,floor_area_m2,management_mode,demo,source_id,note';

describe('history failures', () => {
  it('says a repository without commits has no history', () => {
    const r = makeRepo();
    r.write('data/compounds.csv', `${COMPOUNDS}\n`);
    expect(loadHistory({ root: r.dir })).toEqual({ available: false, reason: '仓库里还没有提交记录', commits: [] });
  });

  it('says so, without the folders’ paths, when the data lies outside the repository', () => {
    const r = makeRepo();
    const elsewhere = makeRepo();
    elsewhere.write('data/compounds.csv', `${COMPOUNDS}\n`);
    r.write('data/compounds.csv', `${COMPOUNDS}\n`);
    r.commit('首次发布', '2024-01-05T09:00:00+08:00');
    const data = path.join(elsewhere.dir, 'data');
    expect(loadHistory({ root: r.dir, dataDir: data })).toEqual({
      available: false,
      reason: '数据目录不在网站所在的 git 仓库里',
      commits: [],
    });
    expect(loadHistory({ root: r.dir, contentDir: path.join(elsewhere.dir, 'content') })).toMatchObject({
      reason: '内容目录不在网站所在的 git 仓库里',
    });
    expect(loadHistory({ root: r.dir, dataDir: 'data' })).toMatchObject({ available: true });
  });

  it('reports git’s own message when it cannot read a commit’s changes', () => {
    const r = makeRepo();
    r.write('data/compounds.csv', `${COMPOUNDS}\na-yuan,甲苑,d,,,,,100,,,是,demo,\n`);
    r.commit('首次发布', '2024-01-05T09:00:00+08:00');
    r.write('data/compounds.csv', `${COMPOUNDS}\na-yuan,甲苑,d,,,,,120,,,是,demo,\n`);
    r.commit('更正户数', '2024-02-05T09:00:00+08:00');
    // Lose the first version's blob (git would read the current one from the work tree), as a broken clone would.
    const blob = r.git(['rev-parse', 'HEAD~1:data/compounds.csv']).trim();
    rmSync(path.join(r.dir, '.git/objects', blob.slice(0, 2), blob.slice(2)));
    const h = loadHistory({ root: r.dir });
    expect(h.available).toBe(false);
    if (h.available) return;
    expect(h.reason).toBe(`git cat-file 出错:读不到 data/compounds.csv 的版本 ${blob}(${blob} missing)`);
  });

  it('reports a git that exits with an error, and a git that is missing', () => {
    const r = makeRepo();
    r.write('data/compounds.csv', `${COMPOUNDS}\n`);
    r.commit('首次发布', '2024-01-05T09:00:00+08:00');
    const bin = mkdtempSync(path.join(tmpdir(), 'gongshi-fakegit-'));
    const real = r.git(['--exec-path']).trim();
    // A git that works for rev-parse but dies listing the log, as a killed or broken git would.
    writeFileSync(
      path.join(bin, 'git'),
      `#!/bin/sh\nfor a in "$@"; do [ "$a" = log ] && { echo "fatal: 模拟的读取失败" >&2; exit 128; }; done\nexec "${real}/git" "$@"\n`,
    );
    chmodSync(path.join(bin, 'git'), 0o755);
    const path0 = process.env.PATH;
    process.env.PATH = `${bin}:${path0}`;
    try {
      expect(loadHistory({ root: r.dir })).toEqual({
        available: false,
        reason: 'git log 出错:fatal: 模拟的读取失败',
        commits: [],
      });
      process.env.PATH = bin.replace(/fakegit.*/, 'nothing-here');
      expect(loadHistory({ root: r.dir })).toMatchObject({ available: false, reason: '构建环境里没有 git 命令' });
    } finally {
      process.env.PATH = path0;
    }
  });
});
