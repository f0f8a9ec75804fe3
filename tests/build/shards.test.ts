/**
 * Sharded build (docs/sharding.md): a small city built whole with `npm run build`, and built
 * as 4 shards (`npm run build -- --shard i/4`, each loading the validated snapshot that
 * `npm run check -- --snapshot` wrote) joined by `npm run merge-shards`, gives the same
 * site file for file and byte for byte — the Pagefind bundle included: each shard indexes its own
 * pages and the merge joins the shards' indexes into the one a whole build writes. The pages
 * without parameters (home, indexes, city-wide downloads) are built by shard 1 alone.
 */
import { execFile } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { deserialize, serialize } from 'node:v8';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, ROOT, runBuild, siteEnv } from '../../scripts/bench/build-site.ts';
import { generateFixture } from '../../scripts/bench/fixture/generate.ts';
import { filesUnder } from '../../src/lib/util/files.ts';
import { SHARD_MANIFEST, SHARD_RECORDS } from '../../scripts/build/shards.ts';

const run = promisify(execFile);
// Small index chunks (Pagefind reads this in every build and merge below), so the merged bundle
// must cut and name many chunks exactly as Pagefind does, not just one.
process.env.PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE = '1500';
// Inside the project (bench/work is gitignored): the build's prerender chunks resolve packages from node_modules.
mkdirSync(join(ROOT, 'bench/work'), { recursive: true });
const work = mkdtempSync(join(ROOT, 'bench/work', 'shards-'));
const fixtureDir = join(work, 'fixture');
const N = 4;
const shardDist = (i: number) => join(work, `shard-${i}`, 'dist');
const whole = join(work, 'whole', 'dist');
const merged = join(work, 'merged');
const snapshot = join(work, 'snapshot.bin');
const shardEnv = (i: number, fixture = fixtureDir) =>
  siteEnv({ fixtureDir: fixture, siteDir: join(work, `shard-${i}`) }, { GONGSHI_SNAPSHOT: snapshot });
const shardLogs: string[] = [];
let mergeLog = '';
let againLog = '';
/** Every shard's files and their bytes, before the merge, as one text. */
let shardsBefore = '';
const shardsNow = () =>
  [1, 2, 3, 4]
    .flatMap((i) =>
      filesUnder(shardDist(i)).map((f) => `${i}/${f} ${readFileSync(join(shardDist(i), f)).toString('base64')}`),
    )
    .join('\n');

/** `npm run merge-shards`: its exit code and output, whether it succeeds or not. */
const mergeShards = (out: string, dirs: readonly string[]) =>
  run(process.execPath, ['scripts/merge-shards.ts', '--out', out, ...dirs], { cwd: ROOT }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );

/** Copies of the shards' outputs, to be changed without touching the ones merged in beforeAll. */
function shardCopies(name: string): string[] {
  return [1, 2, 3, 4].map((i) => {
    const dir = join(work, name, `shard-${i}`);
    cpSync(shardDist(i), dir, { recursive: true });
    return dir;
  });
}

beforeAll(async () => {
  generateFixture({ compounds: 24, seed: 21, out: fixtureDir });
  await buildSite(siteEnv({ fixtureDir, siteDir: join(work, 'whole') }));
  // The first CI job: check once, write the snapshot the shard jobs load.
  await run(process.execPath, ['scripts/check.ts', '--snapshot', snapshot], { cwd: ROOT, env: shardEnv(0) });
  for (let i = 1; i <= N; i++) {
    const r = await buildSite(shardEnv(i), false, ['--shard', `${i}/${N}`]);
    shardLogs.push(r.lines.map((l) => l.text).join('\n'));
  }
  // Shard 2 again over its own cache, as an incremental CI job: its search step patches its last
  // join, which never loads the pages' records, and must still hand them over.
  const again = await buildSite(shardEnv(2), false, ['--shard', `2/${N}`]);
  againLog = again.lines.map((l) => l.text).join('\n');
  shardsBefore = shardsNow();
  const m = await mergeShards(merged, [1, 2, 3, 4].map(shardDist));
  expect(m.code, m.out).toBe(0);
  mergeLog = m.out;
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
      // Each shard indexes its own pages; the merge joins the indexes (src/integrations/pagefind-merge.ts).
      expect(existsSync(join(shardDist(i), 'pagefind', 'pagefind-entry.json')), `shard ${i} indexes its pages`).toBe(
        true,
      );
      expect(JSON.parse(readFileSync(join(shardDist(i), SHARD_MANIFEST), 'utf8'))).toMatchObject({
        index: i,
        count: N,
      });
    }
    expect(owners.size).toBe(24);
  });

  it('builds the pages without parameters (home, indexes, city-wide downloads, the staff editor) in shard 1 only', () => {
    const cityWide = [
      'index.html',
      '404.html',
      'compound/index.html',
      'feed.xml',
      'data/gongshi-data.zip',
      'admin/index.html',
      'admin/config.yml',
    ];
    for (let i = 1; i <= N; i++)
      for (const f of cityWide) expect(existsSync(join(shardDist(i), f)), `shard ${i}: ${f}`).toBe(i === 1);
  });

  it('builds the zipped table downloads in shard 1, whose city archive deflates their tables anyway', () => {
    for (let i = 1; i <= N; i++)
      for (const f of ['data/fund_ledger.csv.zip', 'data/public_revenue.csv.zip'])
        expect(existsSync(join(shardDist(i), f)), `shard ${i}: ${f}`).toBe(i === 1);
  });

  it('loads the validated snapshot in every shard instead of checking the city again', () => {
    for (const log of shardLogs) expect(log).toContain('使用已验证的数据快照');
  });

  it('refuses, with the snapshot of good data, data that the whole build refuses', async () => {
    const bad = join(work, 'bad');
    cpSync(fixtureDir, bad, { recursive: true });
    const csv = join(bad, 'data', 'compounds.csv');
    const [header, row, ...rest] = readFileSync(csv, 'utf8').split('\n');
    // The first compound twice: a duplicate id, which the whole build refuses.
    writeFileSync(csv, [header, row, row, ...rest].join('\n'));
    const r = await runBuild(shardEnv(9, bad), false, ['--shard', `1/${N}`]);
    const out = r.lines.map((l) => l.text).join('\n');
    expect(r.exitCode).toBe(1);
    expect(out).toContain('不使用数据快照');
    expect(out).toMatch(/compounds\.csv:\d+:\d+/);
    expect(existsSync(join(work, 'shard-9', 'dist'))).toBe(false);
  }, 600_000);

  it('gives the same files as a whole build, byte for byte, search bundle included', () => {
    const a = filesUnder(whole);
    const b = filesUnder(merged);
    expect(a.filter((f) => f.startsWith('pagefind/index/')).length).toBeGreaterThan(5);
    // The compound pages' own bundle (src/integrations/search-bundles.ts), joined from every shard's.
    expect(a.filter((f) => f.startsWith('search/compounds/pagefind/fragment/'))).toHaveLength(24);
    expect(b).toEqual(a);
    const differing = a.filter((f) => !readFileSync(join(whole, f)).equals(readFileSync(join(merged, f))));
    expect(differing).toEqual([]);
  });

  it("joins the page records each shard handed over, not the shards' index files, and links the files", () => {
    for (let i = 1; i <= N; i++) expect(existsSync(join(shardDist(i), SHARD_RECORDS)), `shard ${i}`).toBe(true);
    expect(againLog).toContain('上次的索引只改了变化的页面');
    // Both bundles of every shard (the compound pages' and the others').
    expect(mergeLog).toContain(`${2 * N} 个分片索引中 ${2 * N} 个取自分片交来的页面记录`);
    expect(existsSync(join(merged, SHARD_RECORDS))).toBe(false);
    // Hard links where the file system allows: the same file as the shard's, not a copy.
    expect(statSync(join(merged, 'index.html')).ino).toBe(statSync(join(shardDist(1), 'index.html')).ino);
    // …and nothing the merge wrote went through a link into a shard's file.
    expect(shardsNow() === shardsBefore).toBe(true);
  });

  it("takes a shard's bundle apart when it handed no records, and writes the same site", async () => {
    const dirs = shardCopies('no-records');
    rmSync(join(dirs[1]!, SHARD_RECORDS));
    const out = join(work, 'no-records', 'merged');
    const m = await mergeShards(out, dirs);
    expect(m.code, m.out).toBe(0);
    expect(m.out).toContain(`${2 * N} 个分片索引中 ${2 * N - 2} 个取自分片交来的页面记录`);
    const files = filesUnder(whole);
    expect(filesUnder(out)).toEqual(files);
    expect(files.filter((f) => !readFileSync(join(whole, f)).equals(readFileSync(join(out, f))))).toEqual([]);
  });

  it("refuses records that are not the shard bundle's, naming the shard", async () => {
    const dirs = shardCopies('other-records');
    // Shard 3's records in shard 2's output: well-formed, but made for another bundle.
    copyFileSync(join(dirs[2]!, SHARD_RECORDS), join(dirs[1]!, SHARD_RECORDS));
    const m = await mergeShards(join(work, 'other-records', 'merged'), dirs);
    expect(m.code).toBe(1);
    expect(m.out).toContain(`合并搜索索引:${join(dirs[1]!, 'pagefind')} 交来的页面记录与它的索引文件不符`);
    expect(m.out).not.toMatch(/\n\s+at /);
  });

  it("refuses, from the thread that joins the compound pages' bundle, records that are not that bundle's", async () => {
    const dirs = shardCopies('other-compound-records');
    // Shard 2's records, but for the compound pages' bundle shard 3's: the other bundle still fits.
    const read = (d: string) => deserialize(readFileSync(join(d, SHARD_RECORDS))) as { bundles: { root: string }[] };
    const [mine, theirs] = [read(dirs[1]!), read(dirs[2]!)];
    const compounds = (r: typeof mine) => r.bundles.findIndex((b) => b.root === 'search/compounds');
    mine.bundles[compounds(mine)] = theirs.bundles[compounds(theirs)]!;
    writeFileSync(join(dirs[1]!, SHARD_RECORDS), serialize(mine));
    const m = await mergeShards(join(work, 'other-compound-records', 'merged'), dirs);
    expect(m.code).toBe(1);
    expect(m.out).toContain(
      `合并搜索索引:${join(dirs[1]!, 'search/compounds/pagefind')} 交来的页面记录与它的索引文件不符`,
    );
    expect(m.out).not.toMatch(/\n\s+at /);
  });

  it('refuses a damaged records file, naming it', async () => {
    const dirs = shardCopies('damaged-records');
    const path = join(dirs[3]!, SHARD_RECORDS);
    truncateSync(path, Math.floor(statSync(path).size / 2));
    const m = await mergeShards(join(work, 'damaged-records', 'merged'), dirs);
    expect(m.code).toBe(1);
    expect(m.out).toContain(`合并分片:${path} 已损坏`);
  });
});
