/**
 * The build's history step alone, for the benchmark to time and weigh in its own
 * process: `node scripts/bench/history-step.ts <repo> <cacheDir>`. Prints one
 * `history {…}` JSON line with what it read; exits 1 if the history is unavailable.
 */
import { loadHistory, type HistoryStats } from '../../src/lib/history/index.ts';

const [root, cacheDir] = process.argv.slice(2);
if (!root || !cacheDir) {
  console.error('usage: history-step.ts <repo> <cacheDir>');
  process.exit(2);
}
const stats: HistoryStats = { commits: 0, fromCache: 0, parsed: 0 };
const t0 = performance.now();
const h = loadHistory({ root, dataDir: 'data', contentDir: 'content', cacheDir }, stats);
const ms = performance.now() - t0;
if (!h.available) {
  console.error(`history unavailable: ${h.reason}`);
  process.exit(1);
}
const rowChanges = h.commits.reduce((n, c) => n + c.rows.length, 0);
console.log(
  `history ${JSON.stringify({ ...stats, shownCommits: h.commits.length, rowChanges, ms: Math.round(ms), heapMiB: Math.round(process.memoryUsage().heapUsed / 2 ** 20) })}`,
);
