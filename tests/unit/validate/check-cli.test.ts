/** `npm run check` as staff run it: output, count line and exit codes. */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { materialize } from './fixtures.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const NODE = `${ROOT}node_modules/.bin/node`;
// The check's cache goes here, never into the project's node_modules.
const cache = await mkdtemp(path.join(tmpdir(), 'gongshi-check-cli-'));
const dirs: string[] = [cache];

function check(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(NODE, ['scripts/check.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, GONGSHI_CACHE_DIR: cache, ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('npm run check', () => {
  it('passes the valid fixture with one summary line and exit 0', async () => {
    const dir = await materialize();
    dirs.push(dir);
    const r = check(['--root', dir]);
    expect(r.code).toBe(0);
    expect(r.out).toBe('数据检查通过:19 张表,39 行,4 篇文章。\n');
  });

  it('reads the folders the build reads (GONGSHI_DATA_DIR), unless --data names one', async () => {
    const bad = await materialize('duplicate-id');
    const good = await materialize();
    dirs.push(bad, good);
    const fromEnv = check(['--root', good], { GONGSHI_DATA_DIR: `${bad}/data` });
    expect(fromEnv.code).toBe(1);
    expect(fromEnv.out).toContain('共发现 1 个问题');
    const named = check(['--root', good, '--data', `${good}/data`], { GONGSHI_DATA_DIR: `${bad}/data` });
    expect(named.code).toBe(0);
  });

  it('lists every issue of every file, sorted, then the count, exit 1', async () => {
    const dir = await materialize('term-overlap');
    dirs.push(dir);
    // A second and third problem in other files: all must be reported at once.
    const { cp } = await import('node:fs/promises');
    await cp(`${ROOT}tests/fixtures/errors/bom/data/streets.csv`, `${dir}/data/streets.csv`);
    await cp(`${ROOT}tests/fixtures/errors/percent/data/evaluations.csv`, `${dir}/data/evaluations.csv`);
    const r = check(['--root', dir]);
    expect(r.code).toBe(1);
    expect(r.out.split('\n')).toEqual([
      '业委会/物管会届次(data/committees.csv:3:5)第 3 行「任期开始」(term_start)列:任期 2021-05-01 至 2026-05-31 与第 2 行的“demo-lanting-ywh-1”(2018-06-01 至 2021-05-31)重叠。改法:同一小区各届任期不能重叠;核对上一届的结束日期和这一届的开始日期',
      '测评与排名(data/evaluations.csv:2:12)第 2 行「满意度」(satisfaction)列:百分数 102 超出 0–100。改法:百分数应在 0 到 100 之间,不带 % 号',
      '街道/镇(data/streets.csv:1:1):文件开头有 BOM 标记(Excel 的“CSV UTF-8”会加上)。改法:运行 npm run tidy -- data/streets.csv,它去掉 BOM、统一换行并把 Excel 改过的日期和金额写回标准写法(数值不变)',
      '共发现 3 个问题,未发布任何内容。',
      '',
    ]);
    expect(r.err).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('--json gives the issues as data', async () => {
    const dir = await materialize('duplicate-id');
    dirs.push(dir);
    const r = check(['--root', dir, '--json']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out) as { ok: boolean; issues: { kind: string; line: number; column: number }[] };
    expect(json.ok).toBe(false);
    expect(json.issues).toMatchObject([{ kind: 'duplicate-id', line: 3, column: 1 }]);
  });

  it('--data and --content point at other folders', async () => {
    const dir = await materialize('ref-mdx');
    dirs.push(dir);
    const r = check(['--root', ROOT, '--data', `${dir}/data`, '--content', `${dir}/src/content`]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`公告(${dir}/src/content/notices/demo-lanting-2024-tiaojia.mdx:3:1)第 3 行字段“compound”:`);
  });

  it('an internal failure is one line and exit 2, with the stack only under GONGSHI_DEBUG=1', () => {
    // A data "folder" that is a file: reading it fails in a way no data issue describes.
    const r = check(['--root', ROOT, '--data', `${ROOT}package.json`]);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/^内部错误/);
    const debug = check(['--root', ROOT, '--data', `${ROOT}package.json`], { GONGSHI_DEBUG: '1' });
    expect(debug.err).toMatch(/\n\s+at /);
  });

  it('says on stderr what came from the cache; --no-cache checks in full with the same output', async () => {
    const dir = await materialize('duplicate-id');
    dirs.push(dir);
    const own = path.join(dir, 'cache');
    const cold = check(['--root', dir], { GONGSHI_CACHE_DIR: own });
    const warm = check(['--root', dir], { GONGSHI_CACHE_DIR: own });
    const full = check(['--root', dir, '--no-cache'], { GONGSHI_CACHE_DIR: own });
    expect(full.code).toBe(1);
    for (const r of [cold, warm]) {
      expect(r.code).toBe(full.code);
      expect(r.out).toBe(full.out);
    }
    expect(cold.err).toMatch(/检查缓存:20 个数据文件和内容目录中 0 个未改动/);
    expect(warm.err).toMatch(/检查缓存:20 个数据文件和内容目录中 20 个未改动/);
    expect(full.err).not.toMatch(/检查缓存/);
  });

  it('an unknown flag prints the usage, exit 2', () => {
    const r = check(['--bogus']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('用法:npm run check');
  });
});
