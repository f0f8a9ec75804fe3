/**
 * Stage marks of the search step (search.ts, search-runs.ts), for the bench: with
 * GONGSHI_SEARCH_MARKS=1 each stage's end is written to stderr with the wall time, this
 * process's CPU and its main thread's (`main`: the other threads' work is off the step's path)
 * since the step's module was loaded, and `spent` adds up the main thread's CPU in work that
 * comes a page at a time (reading, segmenting, staging), given at the end of the walk. The
 * Pagefind services' CPU is not this process's: a stage where wall grows and CPU does not is one
 * where this process waited on them. Off, nothing is measured and nothing written.
 */
import { performance } from 'node:perf_hooks';

const ON = process.env.GONGSHI_SEARCH_MARKS === '1';
const start = performance.now();
const sums = new Map<string, number>();

const seconds = (ms: number) => (ms / 1000).toFixed(2);

/** Writes the mark `stage` (and the page-at-a-time sums so far, which it then clears, when `sumsToo`). */
export function mark(stage: string, sumsToo = false): void {
  if (!ON) return;
  const { user, system } = process.cpuUsage();
  let line = `search mark ${stage} wall=${seconds(performance.now() - start)} cpu=${seconds((user + system) / 1000)} main=${seconds(threadMs())}`;
  if (sumsToo) {
    for (const [name, ms] of sums) line += ` ${name}=${seconds(ms)}`;
    sums.clear();
  }
  process.stderr.write(`${line}\n`);
}

const threadMs = () => {
  const { user, system } = process.threadCpuUsage();
  return (user + system) / 1000;
};

/** `work()`'s result, this thread's CPU time in it added to the sum `name` when marks are on. */
export function spent<T>(name: string, work: () => T): T {
  if (!ON) return work();
  const t = threadMs();
  try {
    return work();
  } finally {
    sums.set(name, (sums.get(name) ?? 0) + threadMs() - t);
  }
}
