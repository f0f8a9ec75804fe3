/**
 * The search indexing step on a small fixture site: it uses Pagefind's extended (Chinese)
 * binary, its output is byte-identical from run to run, and a site with nothing to index stops
 * the build with a readable message.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { indexSite, resolveExtendedPagefind } from '../../src/integrations/search.ts';

const FIXTURE = 'tests/fixtures/search/site';
const work = mkdtempSync(join(tmpdir(), 'gongshi-search-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function copyOfFixture(name: string): string {
  const dir = join(work, name);
  cpSync(FIXTURE, dir, { recursive: true });
  // A cache of its own for each site, so every run below is a cold Pagefind run and the project's cache is left alone.
  process.env.GONGSHI_CACHE_DIR = join(work, `${name}-cache`);
  return dir;
}

function filesUnder(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(dir, path), readFileSync(path));
    }
  };
  walk(dir);
  return files;
}

describe('search indexing', () => {
  it('runs the extended Pagefind binary, the one that segments Chinese', () => {
    expect(basename(resolveExtendedPagefind())).toMatch(/^pagefind_extended(\.exe)?$/);
  });

  it('indexes the fixture pages and writes the same bytes every time', async () => {
    const a = copyOfFixture('a');
    const b = join(work, 'b');
    const first = await indexSite(a);
    copyOfFixture('b');
    await indexSite(b);
    expect(first.pageCount).toBe(6);
    expect(basename(first.binary)).toBe('pagefind_extended');
    for (const bundle of ['pagefind', 'search/compounds/pagefind']) {
      const filesA = filesUnder(join(a, bundle));
      const filesB = filesUnder(join(b, bundle));
      expect(filesA.size, bundle).toBeGreaterThan(0);
      expect([...filesB.keys()]).toEqual([...filesA.keys()]);
      for (const [name, bytes] of filesA) expect(filesB.get(name)?.equals(bytes), name).toBe(true);
    }
    // Five filters (kind, district, street, honour, year), each in its own file.
    expect([...filesUnder(join(a, 'pagefind')).keys()].filter((f) => f.startsWith('filter/'))).toHaveLength(5);
  });

  it('writes filter values in code-point order', async () => {
    const dir = copyOfFixture('order');
    await indexSite(dir);
    const filterDir = join(dir, 'pagefind', 'filter');
    const districtFile = readdirSync(filterDir)
      .map((f) => gunzipSync(readFileSync(join(filterDir, f))).toString('utf8'))
      .find((text) => text.includes('district'));
    expect(districtFile).toBeDefined();
    const positions = ['普陀区', '演示区', '黄浦区'].map((v) => districtFile!.indexOf(v));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((x, y) => x - y)).toEqual(positions);
  });

  it('stops with a readable message when there is no page to index', async () => {
    const empty = join(work, 'empty');
    mkdirSync(empty);
    writeFileSync(join(empty, 'robots.txt'), 'User-agent: *\n');
    await expect(indexSite(empty)).rejects.toThrow(/搜索索引失败.*没有可索引的页面/);
  });
});
