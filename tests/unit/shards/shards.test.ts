/** Dealing paths to shards, and the merge step's refusals (scripts/build/shards.ts). */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  buildsCityPages,
  buildsOneShard,
  CITY_PAGES_SHARE,
  cityShardItems,
  cityShardSlots,
  parseShard,
  shardSlice,
} from '../../../src/lib/routes/shard.ts';
import { checkShardSet, mergeShards, SHARD_MANIFEST, writeShardManifest } from '../../../scripts/build/shards.ts';

describe('shardSlice', () => {
  it('deals every item to exactly one of n shards, in order; the others within one of each other, the city shard no more than any', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 1, max: 20 }), (length, count) => {
        const items = Array.from({ length }, (_, i) => i);
        const parts = Array.from({ length: count }, (_, i) => shardSlice(items, { index: i + 1, count }));
        expect(parts.flat().sort((a, b) => a - b)).toEqual(items);
        for (const p of parts) expect(p).toEqual(p.slice().sort((a, b) => a - b));
        const [city, ...others] = parts.map((p) => p.length);
        if (others.length === 0) return;
        expect(Math.max(...others) - Math.min(...others)).toBeLessThanOrEqual(1);
        expect(city).toBeLessThanOrEqual(Math.min(...others));
      }),
    );
  });

  it('gives the city shard exactly its slots of every cycle, and each other shard 8', () => {
    for (let count = 2; count <= 20; count++) {
      const city = cityShardSlots(count);
      const cycle = city + (count - 1) * 8;
      const items = Array.from({ length: 3 * cycle }, (_, i) => i);
      const sizes = Array.from({ length: count }, (_, i) => shardSlice(items, { index: i + 1, count }).length);
      expect(sizes).toEqual([3 * city, ...Array<number>(count - 1).fill(24)]);
    }
  });

  it('gives the city shard a smaller share the more shards there are, down to none', () => {
    const slots = Array.from({ length: 60 }, (_, i) => cityShardSlots(i + 2));
    expect(slots[0]).toBeGreaterThan(slots[14]!);
    for (let i = 1; i < slots.length; i++) expect(slots[i]).toBeLessThanOrEqual(slots[i - 1]!);
    expect(Math.min(...slots)).toBe(0);
    expect(Math.max(...slots)).toBeLessThanOrEqual(8);
  });

  it('deals the city shard the share that evens out its city pages, to a slot', () => {
    for (let count = 2; count <= 40; count++) {
      const slots = cityShardSlots(count);
      const cycle = (count - 1) * 8 + slots;
      // All other pages cost 1: an ordinary shard's 8/cycle against the city shard's pages plus its slots.
      const ordinary = 8 / cycle;
      const city = CITY_PAGES_SHARE + slots / cycle;
      // Within a slot's worth; none when the city pages alone outweigh an ordinary shard.
      if (slots === 0) expect(city, `${count} shards`).toBeGreaterThanOrEqual(ordinary - 1 / cycle);
      else expect(Math.abs(city - ordinary), `${count} shards`).toBeLessThanOrEqual(1 / cycle);
    }
  });

  it('gives the items the city pages make the costly part of to the city shard alone, all of them', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 1, max: 20 }), (length, count) => {
        const items = Array.from({ length }, (_, i) => i);
        const parts = Array.from({ length: count }, (_, i) => cityShardItems(items, { index: i + 1, count }));
        expect(parts[0]).toEqual(items);
        expect(parts.slice(1).flat()).toEqual([]);
      }),
    );
    expect(cityShardItems(['fund_ledger'], undefined)).toEqual(['fund_ledger']);
  });

  it('keeps everything without a shard or with one', () => {
    expect(shardSlice([1, 2, 3], undefined)).toEqual([1, 2, 3]);
    expect(shardSlice([1, 2, 3], { index: 1, count: 1 })).toEqual([1, 2, 3]);
  });

  it('builds the city-wide pages in a whole build and in shard 1 only', () => {
    expect(buildsCityPages(undefined)).toBe(true);
    expect(buildsCityPages({ index: 1, count: 8 })).toBe(true);
    expect(buildsCityPages({ index: 2, count: 8 })).toBe(false);
  });

  it('is one shard of several in every job of a matrix, the city shard too, and not in a whole build', () => {
    expect(buildsOneShard(undefined)).toBe(false);
    expect(buildsOneShard({ index: 1, count: 1 })).toBe(false);
    expect(buildsOneShard({ index: 1, count: 16 })).toBe(true);
    expect(buildsOneShard({ index: 16, count: 16 })).toBe(true);
  });
});

describe('parseShard', () => {
  it('reads i/n', () => {
    expect(parseShard('3/8')).toEqual({ index: 3, count: 8 });
    expect(parseShard(undefined)).toBeUndefined();
    expect(parseShard('')).toBeUndefined();
  });

  it.each(['0/4', '5/4', '2', '1/0', 'a/b', '1/4/2', '-1/4'])('refuses %s in Chinese, with the form to use', (v) => {
    expect(() => parseShard(v)).toThrow(/分片参数.*序号\/总数/);
  });
});

describe('merging shards', () => {
  const work = mkdtempSync(join(tmpdir(), 'gongshi-merge-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  let n = 0;
  /** Shard dirs with the given files (path → text) and manifests of one build. */
  function shards(count: number, files: Record<string, string>[], sources = 'abc'): string[] {
    const base = join(work, String(n++));
    return files.map((f, i) => {
      const dir = join(base, `s${i + 1}`);
      mkdirSync(dir, { recursive: true });
      for (const [p, text] of Object.entries(f)) {
        mkdirSync(join(dir, p, '..'), { recursive: true });
        writeFileSync(join(dir, p), text);
      }
      writeShardManifest(dir, { index: i + 1, count, sources });
      return dir;
    });
  }

  it('copies every file once, shared files included, and not the manifests', async () => {
    const dirs = shards(2, [
      { 'index.html': 'home', 'compound/a/index.html': 'a' },
      { 'index.html': 'home', 'compound/b/index.html': 'b' },
    ]);
    const out = join(work, 'out-ok');
    await expect(mergeShards(dirs, out)).resolves.toBe(3);
    expect(readFileSync(join(out, 'compound/b/index.html'), 'utf8')).toBe('b');
    expect(() => readFileSync(join(out, SHARD_MANIFEST))).toThrow();
  });

  it('refuses a missing shard', () => {
    const dirs = shards(3, [{ 'a.html': 'a' }, { 'b.html': 'b' }]);
    expect(() => checkShardSet(dirs)).toThrow(/缺少第 3 片/);
  });

  it('refuses shards of different sources', () => {
    const [a] = shards(2, [{ 'a.html': 'a' }], 'one');
    const [, b] = shards(2, [{}, { 'b.html': 'b' }], 'two');
    expect(() => checkShardSet([a!, b!])).toThrow(/不同的数据或内容/);
  });

  it('refuses the same shard twice', () => {
    const [a] = shards(2, [{ 'a.html': 'a' }]);
    expect(() => checkShardSet([a!, a!])).toThrow(/都是第 1\/2 片/);
  });

  it('refuses a file two shards wrote differently, from the thread that puts the files in', async () => {
    const dirs = shards(2, [{ 'index.html': 'one' }, { 'index.html': 'two' }]);
    await expect(mergeShards(dirs, join(work, 'out-diff'))).rejects.toThrow(/index\.html.*内容不同/);
  });

  it('names a path it cannot put in, in Chinese, from the thread that puts the files in', async () => {
    // Shard 1 wrote a page where shard 2 wrote a folder.
    const dirs = shards(2, [{ 'p/index.html': 'page' }, { 'p/index.html/x.txt': 'x' }]);
    const out = join(work, 'out-clash');
    await expect(mergeShards(dirs, out)).rejects.toThrow(`合并分片:无法把 p/index.html/x.txt 放入 ${out}(`);
  });

  it('refuses an output folder that already holds files', () => {
    const dirs = shards(1, [{ 'a.html': 'a' }]);
    const out = join(work, 'out-full');
    mkdirSync(out);
    writeFileSync(join(out, 'old.html'), 'old');
    expect(() => mergeShards(dirs, out)).toThrow(/不是空的/);
  });

  it('refuses a folder that is not a shard build', () => {
    const plain = join(work, 'plain');
    mkdirSync(plain);
    expect(() => checkShardSet([plain])).toThrow(/不是分片构建的输出/);
  });
});
