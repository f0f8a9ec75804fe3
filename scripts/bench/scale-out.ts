/**
 * The issue-15 figures of a size's report: the output's files by kind, the portal's CPU per HTML
 * page against the faster peer generator's (same fixture, same run), and the city built as 8 and
 * 16 shards (critical path and total CPU). Kept apart from bench.ts so that the main sequence
 * stays readable; the targets here are the issue's, scaled to the size where they are stated
 * for 15,000 compounds.
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { filesByKind, type KindCount } from './files.ts';
import { fasterPeer, runPeers, type PeersReport } from './peers.ts';
import { measureShards, pathParts, type ShardedBuild } from './shards.ts';
import { target, type Target } from './target.ts';

export interface ScaleOut {
  filesByKind: Record<string, KindCount>;
  /** Full build with search: CPU seconds × 1000 ÷ HTML pages written. */
  cpuMsPerHtmlPage: number | null;
  /** null when the run was asked not to measure them (--no-peers). */
  peers: PeersReport | null;
  /** Portal's CPU per page ÷ the faster peer's; null without a peer figure. */
  peerRatio: number | null;
  fasterPeer: string | null;
  sharded: ShardedBuild[];
  /** 1-minute load averages seen at the start and end of these measurements: how shared the machine was. */
  load: number[];
}

export interface ScaleOutInput {
  size: number;
  fixtureDir: string;
  siteDir: string;
  outDir: string;
  build: { cpuS: number | null };
  htmlPages: number;
  peers: boolean;
  shardCounts: number[];
  env: Record<string, string>;
  echo: boolean;
  log: (msg: string) => void;
}

const load1 = () => Math.round((loadavg()[0] ?? 0) * 100) / 100;

export async function measureScaleOut(i: ScaleOutInput): Promise<ScaleOut> {
  const load = [load1()];
  const cpuMsPerHtmlPage = i.build.cpuS === null ? null : (i.build.cpuS * 1000) / i.htmlPages;
  let peers: PeersReport | null = null;
  if (i.peers) {
    i.log(`${i.size}: peer generators (${'../shared/peers/run.sh'})`);
    peers = await runPeers(i.fixtureDir, join(i.siteDir, 'peers'), i.echo);
    for (const n of peers.notes) i.log(`  peers: ${n}`);
    load.push(load1());
  }
  const best = peers ? fasterPeer(peers) : null;
  const sharded: ShardedBuild[] = [];
  for (const count of i.shardCounts) {
    i.log(`${i.size}: ${count} shards, one after another, then merge-shards`);
    const s = await measureShards({
      fixtureDir: i.fixtureDir,
      workDir: join(i.siteDir, `shards-${count}`),
      count,
      wholeSite: i.outDir,
      env: i.env,
      echo: i.echo,
      log: i.log,
    });
    i.log(
      `${i.size}:   critical path ${s.criticalPathS.toFixed(1)} s (cpu ${s.criticalPathCpuS?.toFixed(1) ?? '?'} s: ${pathParts(s)}), total cpu ${s.totalCpuS?.toFixed(1) ?? '?'} s, ${s.differingFromWholeBuild} files differ from the whole build`,
    );
    sharded.push(s);
    load.push(load1());
  }
  return {
    filesByKind: filesByKind(i.outDir),
    cpuMsPerHtmlPage,
    peers,
    peerRatio: best && cpuMsPerHtmlPage !== null ? cpuMsPerHtmlPage / best.cpuMsPerPage : null,
    fasterPeer: best?.name ?? null,
    sharded,
    load,
  };
}

const AT_15000 = 15_000;

export function scaleOutTargets(r: {
  size: number;
  output: { files: number; bytes: number };
  scaleOut: ScaleOut;
}): Target[] {
  const t = target;
  const s = r.scaleOut;
  const scale = r.size / AT_15000;
  const maxFiles = Math.round(60_000 * scale);
  const maxBytes = 1.5 * 2 ** 30 * scale;
  const out: Target[] = [
    t(
      'CPU per HTML page vs faster peer',
      '≤ 1.5×',
      s.peerRatio === null
        ? 'no peer measured'
        : `${s.cpuMsPerHtmlPage?.toFixed(1)} ms vs ${s.fasterPeer} ${(s.cpuMsPerHtmlPage! / s.peerRatio).toFixed(1)} ms (${s.peerRatio.toFixed(2)}×)`,
      s.peerRatio !== null && s.peerRatio <= 1.5,
    ),
    t(
      'output files',
      `≤ 60,000 at 15,000 (≤ ${maxFiles} here)`,
      String(r.output.files),
      r.output.files <= maxFiles,
    ),
    t(
      'output bytes',
      `≤ 1.5 GB at 15,000 (≤ ${(maxBytes / 2 ** 20).toFixed(0)} MiB here)`,
      `${(r.output.bytes / 2 ** 20).toFixed(0)} MiB`,
      r.output.bytes <= maxBytes,
    ),
  ];
  const sixteen = s.sharded.find((x) => x.count === 16);
  if (sixteen)
    out.push(
      t(
        'critical path, 16 shards',
        // Not scaled: the single jobs (snapshot, merge) and every shard's fixed part (loading the snapshot, the site model) do not shrink with more shards.
        '≤ 90 s at 15,000 (so at least ≤ 90 s at any smaller size), merged site identical',
        `${sixteen.criticalPathS.toFixed(1)} s wall, ${sixteen.criticalPathCpuS?.toFixed(1) ?? '?'} s cpu (${pathParts(sixteen)}; jobs run one after another on this machine), ${sixteen.differingFromWholeBuild} files differ`,
        sixteen.criticalPathS <= 90 && sixteen.differingFromWholeBuild === 0,
      ),
    );
  return out;
}
