/**
 * The build gate: `astro build` over bad data must exit non-zero, print the
 * located issues, and write nothing. Astro by itself would only log a broken
 * MDX reference or a failing loader and still exit 0.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { materialize, VALID_DIR } from '../unit/validate/fixtures.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const cleanup: string[] = [];

/** Build the valid fixture with an error case's overlay, or with extra files (path → text). */
async function build(errorCase: string | undefined, extra: Record<string, string> = {}) {
  const data = await materialize(errorCase);
  for (const [rel, text] of Object.entries(extra)) await writeFile(path.join(data, rel), text);
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
      `公告(${r.data}/src/content/notices/demo-lanting-2024-tiaojia.mdx:3:1)第 3 行字段“compound”:“demo-lantingyuan”在小区(compounds.csv)中不存在`,
    );
    expect(r.out).toContain('共发现 1 个问题,未发布任何内容。');
    expect(r.out).not.toMatch(/\n\s+at .*:\d+:\d+/);
    expect(existsSync(r.outDir)).toBe(false);
  });

  it('stops on a CSV rule violation (overlapping terms)', async () => {
    const r = await build('term-overlap');
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      `业委会/物管会届次(${r.data}/data/committees.csv:3:5)第 3 行「任期开始」(term_start)列:任期 2021-05-01 至 2026-05-31`,
    );
    expect(existsSync(r.outDir)).toBe(false);
  });

  // The check's compile is part of the gate: code in a notice stops the build before Astro
  // compiles it (the MDX pipeline's own guard is the second wall, tests/unit/mdx/pipeline.test.ts).
  it('stops on code in a notice: exit 1, the located Chinese issue, no stack trace, no output', async () => {
    const r = await build('mdx-expression');
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      `公告(${r.data}/src/content/notices/demo-lanting-2024-tiaojia.mdx:10:11)第 10 行:花括号里的“new Date().getFullYear()”会被当成代码在发布时运行`,
    );
    expect(r.out).not.toMatch(/\n\s+at .*:\d+:\d+/);
    expect(r.out).not.toContain('Stack trace');
    expect(existsSync(r.outDir)).toBe(false);
  });

  it('stops on what would crash the compiler (收缴率 <90%) at the file’s own line', async () => {
    const r = await build('mdx-lt');
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      `公告(${r.data}/src/content/notices/demo-lanting-2024-tiaojia.mdx:10:12)第 10 行:“<”后面不是 HTML 标签`,
    );
    expect(r.out).not.toContain('Stack trace');
    expect(existsSync(r.outDir)).toBe(false);
  });

  // The renderer would write the path unchanged and the site serves nothing beside an article: a broken image.
  it('stops on an image written relative to the article, even with the file beside it', async () => {
    const r = await build('mdx-image-relative');
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      `公告(${r.data}/src/content/notices/demo-lanting-2024-tiaojia.mdx:12:1)第 12 行:图片“./lanting-pingmian.png”写的是相对于文章的路径:网站不发布文章旁边的文件`,
    );
    expect(r.out).toContain('如 /files/notices/lanting-pingmian.png');
    expect(r.out).not.toContain('Stack trace');
    expect(existsSync(r.outDir)).toBe(false);
  });

  it('still renders a notice written with Markdown, allowed HTML and escaped characters', async () => {
    const notice = await readFile(path.join(VALID_DIR, 'src/content/notices/demo-lanting-2024-tiaojia.mdx'), 'utf8');
    const body = [
      '收缴率 \\<90% 的楼栋,预算 \\{待定\\}。{/* 编辑注 */}',
      '<details>\n<summary>费用明细</summary>\n\n面积 12 m<sup>2</sup><br />合计 1.20 元。\n\n</details>',
      '[小区页面](/compound/demo-lanting/)',
    ].join('\n\n');
    const r = await build(undefined, {
      'src/content/notices/demo-lanting-2024-tiaojia.mdx': notice.replace('演示公告正文。', body),
    });
    expect(r.code, r.out).toBe(0);
    // Staff read this log: no English warnings (Shiki against the CSP, Rolldown on Astro's own directive).
    expect(r.out).not.toMatch(/\[WARN\]/);
    const html = await readFile(path.join(r.outDir, 'notices/demo-lanting-2024-tiaojia/index.html'), 'utf8');
    expect(html).toContain('收缴率 &lt;90% 的楼栋,预算 {待定}。');
    expect(html).toMatch(/<details><summary>费用明细<\/summary>/);
    expect(html).toContain('m<sup>2</sup><br/>合计');
    expect(html).not.toContain('编辑注');
  });
});
