/**
 * `npm run bench -- --history`: the change-history step alone, on the fixture
 * turned into a git repository with ten years of history (history-repo.ts).
 * Cold: an empty history cache, every commit parsed. Incremental: one new
 * commit on top, the cache of the cold run kept. Each run is its own process
 * (scripts/bench/history-step.ts), measured with git's processes included.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addOneCommit, buildHistoryRepo, resetHistoryRepo, type HistoryRepo } from './history-repo.ts';
import type { FixtureManifest } from './fixture/generate.ts';
import type { ReportHeader } from './report.ts';
import type { Target } from './target.ts';
import type { GroupStats } from '../../src/lib/history/groups.ts';
import { runMeasured, type RunResult } from './run.ts';
import { AS_OF } from './fixture/world.ts';

export interface HistoryRun {
  /** loadHistory() itself, timed inside the process: the step as a build runs it (Node start and imports excluded). */
  stepS: number;
  /** The whole process, Node start and module imports included. */
  wallS: number;
  cpuS: number | null;
  load: number;
  /** Peak resident memory of the step and the git processes it ran. */
  peakRssMiB: number;
  /** Commits that touched the data or content folders; read from the cache; parsed from git's patches. */
  commits: number;
  fromCache: number;
  parsed: number;
  /** Commits the history shows (re-saves that changed no value are not among them), and their row changes. */
  shownCommits: number;
  rowChanges: number;
  /** The step's own heap after it finished (the result the pages use). */
  heapMiB: number;
  /** CPU of the step's own process during loadHistory() and during grouping, git's excluded (ms). */
  stepCpuMs: number;
  groupCpuMs: number;
  /** Grouping the row changes by compound afterwards (what the build's pages need), timed in the same process; and the heap after it. */
  groupS: number;
  groupHeapMiB: number;
  /** Compounds the grouping found. */
  compounds: number;
  /** Commits whose stored grouping was reused as is, reused after its lookups were asked again, or grouped (history/groups.ts). */
  groups: GroupStats;
}

export interface HistoryReport extends ReportHeader {
  repo: { commits: number; rewrites: string[]; buildS: number; ledgerBytes: number; gitObjectsBytes: number };
  cold: HistoryRun;
  incremental: HistoryRun;
  cacheBytes: number;
  targets: Target[];
}

/** Bytes on disk of a folder (thousands of loose git objects, cache entries). */
function du(dir: string): number {
  return Number(execFileSync('du', ['-sk', dir], { encoding: 'utf8' }).split('\t')[0]) * 1024;
}

function parseRun(r: RunResult, what: string): HistoryRun {
  const line = r.lines.map((l) => l.text).find((t) => t.startsWith('history {'));
  if (r.exitCode !== 0 || !line) {
    const tail = r.lines.slice(-5).map((l) => l.text).join('\n');
    throw new Error(`history step (${what}) failed with exit ${r.exitCode}:\n${tail}`);
  }
  const { ms, groupMs, ...s } = JSON.parse(line.slice('history '.length)) as { ms: number; groupMs: number } & Omit<
    HistoryRun,
    'stepS' | 'wallS' | 'cpuS' | 'load' | 'peakRssMiB' | 'groupS'
  >;
  return { stepS: ms / 1000, groupS: groupMs / 1000, wallS: r.wallS, cpuS: r.cpuS, load: r.load, peakRssMiB: r.peakRssMiB, ...s };
}

/** What the repository was built from: the fixture (its manifest) and the script that builds it. */
function repoSource(fixtureDir: string): string {
  const h = createHash('sha256');
  h.update(readFileSync(join(fixtureDir, 'fixture.json')));
  h.update(readFileSync(join(import.meta.dirname, 'history-repo.ts')));
  return h.digest('hex');
}

type BuiltRepo = HistoryRepo & { buildS: number };

/**
 * The manifest of the fixture an earlier run built its history repository from, when that
 * repository is there for this script: the step reads the repository, so both are reused even if
 * the fixture generator has changed since (the report names the generator the fixture came from).
 */
export function fixtureOfBuiltRepo(fixtureDir: string, work: string, size: number): FixtureManifest | undefined {
  try {
    const m = JSON.parse(readFileSync(join(work, `history-${size}`, 'repo.json'), 'utf8')) as { source: string };
    if (m.source !== repoSource(fixtureDir)) return undefined;
    return JSON.parse(readFileSync(join(fixtureDir, 'fixture.json'), 'utf8')) as FixtureManifest;
  } catch {
    return undefined;
  }
}

/**
 * The repository of an earlier run on the same fixture and script, reset to its last built commit:
 * at 15,000 compounds building it takes far longer than the step it serves.
 */
function reusableRepo(repoDir: string, fixtureDir: string): BuiltRepo | undefined {
  const marker = join(repoDir, '..', 'repo.json');
  if (!existsSync(marker)) return undefined;
  const m = JSON.parse(readFileSync(marker, 'utf8')) as BuiltRepo & { source: string };
  if (m.source !== repoSource(fixtureDir) || !resetHistoryRepo(repoDir)) return undefined;
  return { dir: m.dir, commits: m.commits, rewrites: m.rewrites, buildS: m.buildS };
}

function built(fixtureDir: string, repoDir: string, size: number, log: (msg: string) => void): BuiltRepo {
  log(`${size}: building the git history of the fixture → ${repoDir}`);
  const marker = join(repoDir, '..', 'repo.json');
  rmSync(marker, { force: true });
  const t0 = performance.now();
  const repo = { ...buildHistoryRepo(fixtureDir, repoDir, AS_OF), buildS: (performance.now() - t0) / 1000 };
  log(`${size}:   ${repo.commits} commits in ${repo.buildS.toFixed(0)} s`);
  writeFileSync(marker, JSON.stringify({ ...repo, source: repoSource(fixtureDir) }));
  return repo;
}

function historyTargets(r: Pick<HistoryReport, 'cold' | 'incremental'>): Target[] {
  return [
    { name: 'history, cold (s)', limit: '≤ 60 s at 15,000', value: `${r.cold.stepS.toFixed(1)} s (process ${r.cold.wallS.toFixed(1)} s)`, pass: r.cold.stepS <= 60 },
    { name: 'history, cold peak memory', limit: '≤ 1 GB', value: `${r.cold.peakRssMiB} MiB`, pass: r.cold.peakRssMiB <= 1024 },
    { name: 'history, one new commit (s)', limit: '≤ 5 s', value: `${r.incremental.stepS.toFixed(1)} s (process ${r.incremental.wallS.toFixed(1)} s)`, pass: r.incremental.stepS <= 5 },
  ];
}

export async function benchHistory(
  head: ReportHeader,
  fixtureDir: string,
  work: string,
  log: (msg: string) => void,
  verbose: boolean,
): Promise<HistoryReport> {
  const size = head.size;
  const dir = join(work, `history-${size}`);
  const repoDir = join(dir, 'repo');
  const cacheDir = join(dir, 'cache');
  const repo = reusableRepo(repoDir, fixtureDir) ?? built(fixtureDir, repoDir, size, log);
  const step = async (what: string) => {
    log(`${size}: history step (${what})`);
    const r = parseRun(
      await runMeasured(process.execPath, ['scripts/bench/history-step.ts', repoDir, cacheDir], { echo: verbose }),
      what,
    );
    log(`${size}:   ${r.stepS.toFixed(1)} s step (node cpu ${(r.stepCpuMs / 1000).toFixed(1)} s; + ${r.groupS.toFixed(1)} s, cpu ${(r.groupCpuMs / 1000).toFixed(1)} s grouping by compound), ${r.wallS.toFixed(1)} s process, ${r.cpuS?.toFixed(1) ?? '?'} s cpu, peak ${r.peakRssMiB} MiB, ${r.parsed} parsed, ${r.fromCache} from cache; groupings ${r.groups.reused} reused, ${r.groups.checked} checked, ${r.groups.grouped} made`);
    return r;
  };
  rmSync(cacheDir, { recursive: true, force: true });
  const cold = await step('cold, empty cache');
  addOneCommit(repoDir, '2026-11-05');
  const incremental = await step('one new commit, warm cache');
  const partial = {
    ...head,
    repo: {
      commits: repo.commits + 1,
      rewrites: repo.rewrites,
      buildS: repo.buildS,
      ledgerBytes: statSync(join(repoDir, 'data/fund_ledger.csv')).size,
      gitObjectsBytes: du(join(repoDir, '.git/objects')),
    },
    cold,
    incremental,
    cacheBytes: du(cacheDir),
  };
  return { ...partial, targets: historyTargets(partial) };
}
