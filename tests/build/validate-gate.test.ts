/**
 * The build gate: `astro build` over bad data must exit non-zero, print the
 * located issues, and write nothing. Astro by itself would only log a broken
 * MDX reference or a failing loader and still exit 0.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { materialize } from '../unit/validate/fixtures.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const cleanup: string[] = [];

async function build(errorCase: string) {
  const data = await materialize(errorCase);
  const work = await mkdtemp(path.join(tmpdir(), 'gongshi-gate-'));
  cleanup.push(data, work);
  const outDir = path.join(work, 'dist');
  const r = spawnSync(`${ROOT}node_modules/.bin/node`, [`${ROOT}node_modules/astro/bin/astro.mjs`, 'build'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: {
      ...process.env,
      ASTRO_TELEMETRY_DISABLED: '1',
      GONGSHI_DATA_DIR: path.join(data, 'data'),
      GONGSHI_CONTENT_DIR: path.join(data, 'src/content'),
      GONGSHI_OUT_DIR: outDir,
      GONGSHI_CACHE_DIR: path.join(work, 'cache'),
    },
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}`, outDir, data };
}

afterAll(async () => {
  for (const d of cleanup) await rm(d, { recursive: true, force: true });
});

describe('astro build with the validate integration', () => {
  it('stops on a broken MDX reference: exit 1, the located issue, no output', async () => {
    const r = await build('ref-mdx');
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      `${r.data}/src/content/notices/demo-lanting-2024-tiaojia.mdx:3:1 compound: “demo-lantingyuan”在 compounds.csv 中不存在`,
    );
    expect(r.out).toContain('共发现 1 个问题,未发布任何内容。');
    expect(r.out).not.toMatch(/\n\s+at .*:\d+:\d+/);
    expect(existsSync(r.outDir)).toBe(false);
  });

  it('stops on a CSV rule violation (overlapping terms)', async () => {
    const r = await build('term-overlap');
    expect(r.code).toBe(1);
    expect(r.out).toContain(`${r.data}/data/committees.csv:3:5 term_start: 任期 2021-05-01 至 2026-05-31`);
    expect(existsSync(r.outDir)).toBe(false);
  });
});
