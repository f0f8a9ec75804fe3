/**
 * The build's history step alone, for the benchmark to time and weigh in its own
 * process: `node scripts/bench/history-step.ts <repo> <cacheDir>`. Prints one
 * `history {…}` JSON line with what it read; exits 1 if the history is unavailable.
 */
import { loadHistory, type HistoryStats } from '../../src/lib/history/index.ts';
import { historyByCompound } from '../../src/lib/history/compound.ts';
import type { GroupStats } from '../../src/lib/history/groups.ts';
import { buildCompoundIndex } from '../../src/lib/model/relations.ts';

const [root, cacheDir] = process.argv.slice(2);
if (!root || !cacheDir) {
  console.error('usage: history-step.ts <repo> <cacheDir>');
  process.exit(2);
}
const stats: HistoryStats = { commits: 0, fromCache: 0, parsed: 0 };
// This process's own CPU (git's is not in it): wall times mean little on a shared machine.
const cpuMs = (since?: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return Math.round((u.user + u.system) / 1000);
};
const c0 = process.cpuUsage();
const t0 = performance.now();
const h = loadHistory({ root, dataDir: 'data', contentDir: 'content', cacheDir }, stats);
const ms = performance.now() - t0;
const stepCpuMs = cpuMs(c0);
if (!h.available) {
  console.error(`history unavailable: ${h.reason}`);
  process.exit(1);
}
// Counted, not read: a build reads a commit's rows only where a page shows them.
const rowChanges = h.commits.reduce((n, c) => n + c.rowCount, 0);
const heapMiB = Math.round(process.memoryUsage().heapUsed / 2 ** 20);
// What the build does next (history/site.ts): group the row changes by compound. Without the
// site's data there is no row → compound index here; the rows' own compound cells stand in.
const g0 = performance.now();
const gc0 = process.cpuUsage();
const groups: GroupStats = { reused: 0, checked: 0, grouped: 0 };
const grouped = historyByCompound(h.commits, buildCompoundIndex({}), new Map(), groups);
const groupMs = performance.now() - g0;
const groupCpuMs = cpuMs(gc0);
const compounds = new Set(h.commits.flatMap((c) => grouped.compoundsOf(c.commit.hash))).size;
console.log(
  `history ${JSON.stringify({ ...stats, shownCommits: h.commits.length, rowChanges, ms: Math.round(ms), stepCpuMs, heapMiB, groupMs: Math.round(groupMs), groupCpuMs, groups, compounds, groupHeapMiB: Math.round(process.memoryUsage().heapUsed / 2 ** 20) })}`,
);
