/**
 * A city split across a CI matrix, measured on one machine, job by job as docs/ci-example.yml
 * runs them: the snapshot job (`npm run check -- --snapshot`), the n shards one after another
 * (`npm run build -- --shard i/n` with GONGSHI_SNAPSHOT; each indexes its own pages), then
 * `npm run merge-shards` (copy + joining the shards' indexes). On a matrix the shards run side
 * by side, so the critical path is snapshot + slowest shard + merge; total CPU is what the
 * matrix pays. The merged site is compared with the whole build file for file, so a figure from
 * a merge that lost or changed pages cannot pass unnoticed.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildSite, mustSucceed, ROOT, siteEnv } from './build-site.ts';
import { runMeasured } from './run.ts';
import { filesUnder } from '../../src/lib/util/files.ts';

export interface ShardRun {
  wallS: number;
  cpuS: number | null;
  peakRssMiB: number;
  load: number;
}
export interface ShardedBuild {
  count: number;
  /** The first job: checks the data once and writes the validated snapshot the shards load. */
  snapshot: ShardRun;
  shards: ShardRun[];
  merge: ShardRun;
  /** Snapshot + slowest shard + merge (wall), as a matrix would see it. */
  criticalPathS: number;
  /** The same from CPU seconds, less distorted when others share the machine. */
  criticalPathCpuS: number | null;
  totalCpuS: number | null;
  /** Files whose bytes differ from the whole build, or that only one of the two has: must be 0. */
  differingFromWholeBuild: number;
}

/**
 * The critical path's parts as measured, wall time with CPU in brackets: which shard was the
 * slowest, and what the two single jobs around the matrix cost. One figure alone would hide
 * which job to cut.
 */
export function pathParts(s: ShardedBuild): string {
  const slowest = s.shards.reduce((a, b, i) => (b.wallS > (s.shards[a] as ShardRun).wallS ? i : a), 0);
  const one = (r: ShardRun) => `${r.wallS.toFixed(1)} (${r.cpuS?.toFixed(1) ?? '?'})`;
  return `snapshot ${one(s.snapshot)} + shard ${slowest + 1}/${s.count} ${one(s.shards[slowest] as ShardRun)} + merge ${one(s.merge)} s`;
}

const take = (r: { wallS: number; cpuS: number | null; peakRssMiB: number; load: number }): ShardRun => ({
  wallS: r.wallS,
  cpuS: r.cpuS,
  peakRssMiB: r.peakRssMiB,
  load: r.load,
});

function differing(a: string, b: string): number {
  const fa = filesUnder(a);
  const fb = new Set(filesUnder(b));
  let n = fb.size - fa.filter((f) => fb.has(f)).length;
  for (const f of fa) if (!fb.has(f) || !readFileSync(join(a, f)).equals(readFileSync(join(b, f)))) n++;
  return n;
}

export async function measureShards(opts: {
  fixtureDir: string;
  workDir: string;
  count: number;
  wholeSite: string;
  env: Record<string, string>;
  echo: boolean;
  log: (msg: string) => void;
}): Promise<ShardedBuild> {
  const { count, workDir } = opts;
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  const snapshotFile = join(workDir, 'snapshot.bin');
  const fixture = siteEnv({ fixtureDir: opts.fixtureDir, siteDir: workDir }, opts.env);
  const snapshot = take(
    mustSucceed(
      'check --snapshot',
      await runMeasured(process.execPath, ['scripts/check.ts', '--snapshot', snapshotFile], {
        cwd: ROOT,
        env: fixture,
        echo: opts.echo,
      }),
    ),
  );
  opts.log(`  snapshot: ${snapshot.wallS.toFixed(1)} s wall, ${snapshot.cpuS?.toFixed(1) ?? '?'} s cpu`);
  const shards: ShardRun[] = [];
  const dists: string[] = [];
  for (let i = 1; i <= count; i++) {
    const siteDir = join(workDir, `shard-${i}`);
    const env = siteEnv({ fixtureDir: opts.fixtureDir, siteDir }, { ...opts.env, GONGSHI_SNAPSHOT: snapshotFile });
    const r = await buildSite(env, opts.echo, [
      '--shard',
      `${i}/${count}`,
    ]);
    shards.push(take(r));
    dists.push(join(siteDir, 'dist'));
    opts.log(`  shard ${i}/${count}: ${r.wallS.toFixed(1)} s wall, ${r.cpuS?.toFixed(1) ?? '?'} s cpu`);
  }
  const merged = join(workDir, 'merged');
  const m = mustSucceed(
    'merge-shards',
    await runMeasured(process.execPath, ['scripts/merge-shards.ts', '--out', merged, ...dists], {
      cwd: ROOT,
      echo: opts.echo,
    }),
  );
  const merge = take(m);
  const cpus = shards.map((s) => s.cpuS);
  const known = cpus.every((c): c is number => c !== null) && merge.cpuS !== null && snapshot.cpuS !== null;
  const ends = known ? (snapshot.cpuS as number) + (merge.cpuS as number) : 0;
  const result: ShardedBuild = {
    count,
    snapshot,
    shards,
    merge,
    criticalPathS: snapshot.wallS + Math.max(...shards.map((s) => s.wallS)) + merge.wallS,
    criticalPathCpuS: known ? Math.max(...(cpus as number[])) + ends : null,
    totalCpuS: known ? (cpus as number[]).reduce((a, b) => a + b, 0) + ends : null,
    differingFromWholeBuild: differing(opts.wholeSite, merged),
  };
  rmSync(workDir, { recursive: true, force: true });
  return result;
}
