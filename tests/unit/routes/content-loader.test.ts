/**
 * The content loader of the MDX collections, against a stand-in for Astro's
 * loader context: each article goes into the store with its front matter and its
 * rendered HTML, an unchanged article is not rendered again, a removed one leaves
 * the store, and a refused one stops a build with the located Chinese issue (in
 * dev it is logged and left out).
 */
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LoaderContext } from 'astro/loaders';
import { mdxLoader } from '../../../src/lib/routes/content-loader.ts';

type Entry = { id: string; data: Record<string, unknown>; filePath?: string; digest?: string; rendered?: unknown };

const FRONT = `---
title: 演示公告
compound: demo-lanting
kind: 其他
date: '2024-03-01'
summary: 演示
source: demo
---
`;

let root: string;
let dir: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'gongshi-loader-'));
  dir = path.join(root, 'content/notices');
  await mkdir(dir, { recursive: true });
  await mkdir(path.join(root, 'public'));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(root, { recursive: true, force: true });
});

function context(watcher?: EventEmitter & { add: () => void }) {
  const entries = new Map<string, Entry>();
  const sets: string[] = [];
  const logged: string[] = [];
  const store = {
    get: (id: string) => entries.get(id),
    set: (e: Entry) => {
      sets.push(e.id);
      entries.set(e.id, e);
      return true;
    },
    delete: (id: string) => void entries.delete(id),
    keys: () => [...entries.keys()],
  };
  const ctx = {
    collection: 'notices',
    config: { root: pathToFileURL(`${root}/`), publicDir: pathToFileURL(`${root}/public/`) },
    store,
    parseData: async ({ data }: { data: Record<string, unknown> }) => data,
    generateDigest: (s: string) => createHash('sha256').update(s).digest('hex'),
    logger: { error: (m: string) => logged.push(m), info: () => {}, warn: () => {} },
    watcher,
  } as unknown as LoaderContext;
  return { ctx, entries, sets, logged };
}

const load = (ctx: LoaderContext) => mdxLoader('notices', 'content/notices').load(ctx);

describe('the MDX content loader', () => {
  it('stores each article with its front matter and its HTML', async () => {
    await writeFile(path.join(dir, 'demo-a.mdx'), `${FRONT}\n## 说明\n\n收缴率 \\<90%。`);
    const { ctx, entries } = context();
    await load(ctx);
    expect(entries.get('demo-a')).toMatchObject({
      id: 'demo-a',
      filePath: 'content/notices/demo-a.mdx',
      data: { title: '演示公告', date: '2024-03-01' },
      rendered: {
        html: '<h2 id="说明">说明</h2>\n<p>收缴率 &lt;90%。</p>',
        metadata: { headings: [{ depth: 2, slug: '说明', text: '说明' }] },
      },
    });
  });

  it('renders only what changed, and forgets what was removed', async () => {
    await writeFile(path.join(dir, 'demo-a.mdx'), `${FRONT}\n甲。`);
    await writeFile(path.join(dir, 'demo-b.mdx'), `${FRONT}\n乙。`);
    const first = context();
    await load(first.ctx);
    expect(first.sets).toEqual(['demo-a', 'demo-b']);

    await writeFile(path.join(dir, 'demo-b.mdx'), `${FRONT}\n乙,改过。`);
    await rm(path.join(dir, 'demo-a.mdx'));
    first.sets.length = 0;
    await load(first.ctx);
    expect(first.sets).toEqual(['demo-b']);
    expect([...first.entries.keys()]).toEqual(['demo-b']);
    expect(first.entries.get('demo-b')?.rendered).toMatchObject({ html: '<p>乙,改过。</p>' });
  });

  it('stops a build on a refused article with the located issue', async () => {
    const file = path.join(dir, 'demo-a.mdx');
    await writeFile(file, `${FRONT}\n正文 {process.env.HOME}`);
    const exit = vi.spyOn(process, 'exit').mockImplementation((code) => {
      throw new Error(`exit ${String(code)}`);
    });
    const { ctx, entries, logged } = context();
    await expect(load(ctx)).rejects.toThrow('exit 1');
    expect(exit).toHaveBeenCalledWith(1);
    expect(logged[0]).toContain(`公告(${file}:10:4)第 10 行:花括号里的“process.env.HOME”会被当成代码在发布时运行`);
    expect(logged[1]).toBe('文章中有不能发布的内容,未发布任何内容。');
    expect(entries.size).toBe(0);
  });

  it('stops a build on front matter the schema refuses', async () => {
    await writeFile(path.join(dir, 'demo-a.mdx'), FRONT.replace('kind: 其他', 'kind: 乱写'));
    vi.spyOn(process, 'exit').mockImplementation((code) => {
      throw new Error(`exit ${String(code)}`);
    });
    const { ctx, logged } = context();
    await expect(load(ctx)).rejects.toThrow('exit 1');
    expect(logged[0]).toMatch(/^公告\(content\/notices\/demo-a\.mdx:4:1\)第 4 行字段“kind”:“乱写”不是允许的取值/);
  });

  it('in dev logs a refused article, leaves it out and reloads it when fixed', async () => {
    const file = path.join(dir, 'demo-a.mdx');
    await writeFile(file, `${FRONT}\n<Chart />`);
    const exit = vi.spyOn(process, 'exit');
    const watcher = Object.assign(new EventEmitter(), { add: () => {} });
    const { ctx, entries, logged } = context(watcher);
    await load(ctx);
    expect(exit).not.toHaveBeenCalled();
    expect(logged[0]).toContain(`公告(${file}:10:1)`);
    expect(entries.size).toBe(0);

    await writeFile(file, `${FRONT}\n图表见附件。`);
    watcher.emit('change', file);
    await vi.waitFor(() => expect(entries.get('demo-a')?.rendered).toMatchObject({ html: '<p>图表见附件。</p>' }));
  });
});
