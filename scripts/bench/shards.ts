/**
 * A city split across a CI matrix, measured on one machine: build the n shards one after
 * another (`npm run build -- --shard i/n`), then `npm run merge-shards`. On a matrix the shards
 * run side by side, so the critical path is the slowest shard plus the merge (copy + one
 * Pagefind index); total CPU is what the matrix pays. The merged site is compared with the
 * whole build file for file, so a figure from a merge that lost or changed pages cannot pass
 * unnoticed.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildSite, mustSucceed, ROOT, siteEnv } from './build-site.ts';
import { runMeasured } from './run.ts';
import { filesUnder } from '../build/shards.ts';

export interface ShardRun {
  wallS: number;
  cpuS: number | null;
  peakRssMiB: number;
  load: number;
}
export interface ShardedBuild {
  count: number;
  shards: ShardRun[];
  merge: ShardRun;
  /** Slowest shard + merge (wall), as a matrix would see it. */
  criticalPathS: number;
  /** The same from CPU seconds, less distorted when others share the machine. */
  criticalPathCpuS: number | null;
  totalCpuS: number | null;
  /** Files whose bytes differ from the whole build, or that only one of the two has: must be 0. */
  differingFromWholeBuild: number;
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
  const shards: ShardRun[] = [];
  const dists: string[] = [];
  for (let i = 1; i <= count; i++) {
    const siteDir = join(workDir, `shard-${i}`);
    const r = await buildSite(siteEnv({ fixtureDir: opts.fixtureDir, siteDir }, opts.env), opts.echo, [
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
  const known = cpus.every((c): c is number => c !== null) && merge.cpuS !== null;
  const result: ShardedBuild = {
    count,
    shards,
    merge,
    criticalPathS: Math.max(...shards.map((s) => s.wallS)) + merge.wallS,
    criticalPathCpuS: known ? Math.max(...(cpus as number[])) + (merge.cpuS as number) : null,
    totalCpuS: known ? (cpus as number[]).reduce((a, b) => a + b, 0) + (merge.cpuS as number) : null,
    differingFromWholeBuild: differing(opts.wholeSite, merged),
  };
  rmSync(workDir, { recursive: true, force: true });
  return result;
}
