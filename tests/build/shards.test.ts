/**
 * Sharded build (docs/sharding.md): a small city built whole with `npm run build`, and built
 * as 4 shards (`npm run build -- --shard i/4`) joined by `npm run merge-shards`, gives the same
 * site file for file and byte for byte — the Pagefind bundle included, since the merge indexes
 * the merged pages once.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, ROOT, siteEnv } from '../../scripts/bench/build-site.ts';
import { generateFixture } from '../../scripts/bench/fixture/generate.ts';
import { filesUnder, SHARD_MANIFEST } from '../../scripts/build/shards.ts';

const run = promisify(execFile);
// Inside the project (bench/work is gitignored): the build's prerender chunks resolve packages from node_modules.
mkdirSync(join(ROOT, 'bench/work'), { recursive: true });
const work = mkdtempSync(join(ROOT, 'bench/work', 'shards-'));
const fixtureDir = join(work, 'fixture');
const N = 4;
const shardDist = (i: number) => join(work, `shard-${i}`, 'dist');
const whole = join(work, 'whole', 'dist');
const merged = join(work, 'merged');

beforeAll(async () => {
  generateFixture({ compounds: 24, seed: 21, out: fixtureDir });
  await buildSite(siteEnv({ fixtureDir, siteDir: join(work, 'whole') }));
  for (let i = 1; i <= N; i++)
    await buildSite(siteEnv({ fixtureDir, siteDir: join(work, `shard-${i}`) }), false, ['--shard', `${i}/${N}`]);
  await run(process.execPath, ['scripts/merge-shards.ts', '--out', merged, ...[1, 2, 3, 4].map(shardDist)], {
    cwd: ROOT,
  });
}, 1_200_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a city built in 4 shards and merged', () => {
  it('splits the compound pages: each shard builds some, no two build the same', () => {
    const owners = new Map<string, number>();
    for (let i = 1; i <= N; i++) {
      const pages = filesUnder(shardDist(i)).filter((f) => /^compound\/[^/]+\/index\.html$/.test(f));
      expect(pages.length, `shard ${i}`).toBeGreaterThan(0);
      for (const p of pages) {
        expect(owners.get(p), p).toBeUndefined();
        owners.set(p, i);
      }
      expect(existsSync(join(shardDist(i), 'pagefind')), `shard ${i} has no search of its own`).toBe(false);
      expect(JSON.parse(readFileSync(join(shardDist(i), SHARD_MANIFEST), 'utf8'))).toMatchObject({
        index: i,
        count: N,
      });
    }
    expect(owners.size).toBe(24);
  });

  it('gives the same files as a whole build, byte for byte, search bundle included', () => {
    const a = filesUnder(whole);
    const b = filesUnder(merged);
    expect(a.some((f) => f.startsWith('pagefind/'))).toBe(true);
    expect(b).toEqual(a);
    const differing = a.filter((f) => !readFileSync(join(whole, f)).equals(readFileSync(join(merged, f))));
    expect(differing).toEqual([]);
  });
});
