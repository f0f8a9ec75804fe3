/**
 * Staff articles are rendered to HTML by their content loader and never become
 * modules: a build's bundles (server and client) hold no `.mdx` module, and an
 * article's text is only data in Astro's content store (its rendered HTML), in no
 * other chunk, while the article's page shows it. With @astrojs/mdx every article
 * was a module of the server bundle, so this fails on that path.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { materialize } from '../unit/validate/fixtures.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const NOTICE = 'src/content/notices/demo-lanting-2024-tiaojia.mdx';
const MARK = '本段文字只应出现在公告页面上';

let work: string;
let data: string;
type Chunk = { modules: string[]; code: string };
let probe: { code: number | null; out: string; chunks: Chunk[] };
/** Astro's content store as a module (astro/dist/content/consts.js). */
const STORE = /^\0astro:data-layer-content/;

beforeAll(async () => {
  data = await materialize();
  work = await mkdtemp(path.join(tmpdir(), 'gongshi-bundle-'));
  const notice = await readFile(path.join(data, NOTICE), 'utf8');
  await writeFile(path.join(data, NOTICE), notice.replace('演示公告正文。', `## 说明\n\n${MARK}。`));
  const report = path.join(work, 'bundle.json');
  const r = spawnSync(`${ROOT}node_modules/.bin/node`, [path.join(ROOT, 'tests/build/bundle-probe.ts'), report], {
    cwd: ROOT,
    encoding: 'utf8',
    env: {
      ...process.env,
      ASTRO_TELEMETRY_DISABLED: '1',
      GONGSHI_DATA_DIR: path.join(data, 'data'),
      GONGSHI_CONTENT_DIR: path.join(data, 'src/content'),
      GONGSHI_OUT_DIR: path.join(work, 'dist'),
      GONGSHI_CACHE_DIR: path.join(work, 'cache'),
    },
  });
  const out = `${r.stdout}${r.stderr}`;
  probe = { code: r.status, out, chunks: r.status === 0 ? JSON.parse(await readFile(report, 'utf8')) : [] };
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
  await rm(data, { recursive: true, force: true });
});

describe('an article in the build', () => {
  it('is on its page, rendered', async () => {
    expect(probe.code, probe.out).toBe(0);
    const html = await readFile(path.join(work, 'dist/notices/demo-lanting-2024-tiaojia/index.html'), 'utf8');
    expect(html).toContain(`<h2 id="说明">说明</h2>\n<p>${MARK}。</p>`);
  });

  it('is no module of any bundle', () => {
    const modules = probe.chunks.flatMap((c) => c.modules);
    expect(modules.length).toBeGreaterThan(10);
    expect(modules.filter((id) => /\.mdx($|\?)/.test(id))).toEqual([]);
  });

  it('is data of the content store only, in no chunk of code', () => {
    const holding = probe.chunks.filter((c) => c.code.includes(MARK));
    expect(holding.length).toBe(1);
    expect(holding[0]?.modules.every((id) => STORE.test(id))).toBe(true);
  });
});
