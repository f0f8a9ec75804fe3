/**
 * The check's second core: a worker thread (chunk-worker.ts) reads and checks the fund ledger's
 * chunks the cache lacks from the start of the check, while the main thread (cached.ts) reads
 * and types the other tables. Its answers are kept by chunk index and used in chunk order, so
 * the messages and the cache are byte for byte what one thread gives (check-cache.test.ts).
 * Before the chunks it reads, types and checks one large table (table-on-worker.ts), so the main
 * thread, done with the rest sooner, takes a share of the chunks.
 * A chunk it did not answer — the worker failed, stopped, or a rule read what was not sent —
 * is checked on the main thread.
 * The worker is kept, idle and unreferenced, for the process's next check: a process that checks
 * many times (check-cache.test.ts: 37 checks) then starts one thread, not one per check. A thread
 * per check paid its start-up each time (every module of the rules type-stripped by Node's Wasm
 * stripper), and that churn of isolates running Wasm is the likely trigger of the V8 abort seen
 * in CI ("Check failed: jit_page.has_value()", freeing a process-wide Wasm-to-JS wrapper).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ChunkContextData } from './chunk-context.ts';
import type { ChunkResult, LedgerSplit } from './ledger-chunks.ts';
import type { PackedChunk } from './ledger-pack.ts';
import type { TableAnswer, TableJob } from './table-on-worker.ts';

export interface ChunkJob {
  /** The chunk's place in the split. */
  index: number;
}

/** A chunk's result with what its rules read (the inputs of its cache entry). */
export type KeptChunk = ChunkResult & { reads: string[] };

export type ChunkReply =
  { index: number; result: KeptChunk; rows?: PackedChunk } | { table: TableAnswer | undefined } | { done: true };

/** One check's work for the worker; its context follows once the main thread has read it. */
export interface ChunkTask {
  split: LedgerSplit;
  chunks: ChunkJob[];
  file: string;
  /** The shared counter both threads claim chunks from (claimFrom). */
  next: Int32Array;
  withRows: boolean;
  table?: TableJob;
}

export type ToChunkWorker = { task: ChunkTask } | { context: ChunkContextData };

export interface ChunkWorker {
  /** What the chunks' rules read (chunk-context.ts): the worker reads chunks until it comes. */
  context(data: ChunkContextData): void;
  /** The next chunk neither thread has taken, for the main thread to check once its own work is done. */
  claim(): ChunkJob | undefined;
  /** Its answers by chunk index, once it has answered every chunk or stopped. */
  results(): Promise<Map<number, KeptChunk>>;
  /** The typed rows of the chunks it answered, by column (ledger-pack.ts), by chunk index, when started `withRows`. */
  rows: Map<number, PackedChunk>;
  /** The table it was sent (table-on-worker.ts), once `results()` has settled: undefined if it could not type it. */
  table(): TableAnswer | undefined;
  /** The worker's thread id: the same for every check of a process while the worker lives. */
  thread: number;
}

// Beside this module, by path: a bundler must not take it for an asset (the build bundles cached.ts, never runs this).
const ENTRY = path.join(path.dirname(fileURLToPath(import.meta.url)), 'chunk-worker.ts');

/**
 * Both threads take the next chunk from one shared counter, so each chunk is checked once. The
 * first is the worker's alone (the counter starts past it): it always answers one, even when the
 * main thread is done before it has started.
 */
export function claimFrom(next: Int32Array, jobs: readonly ChunkJob[]): ChunkJob | undefined {
  return jobs[Atomics.add(next, 0, 1)];
}

/** Workers done with their check, for the next: unreferenced, so they never keep the process alive. */
const idle: Worker[] = [];

function take(): Worker {
  const kept = idle.pop();
  if (kept) {
    kept.ref();
    return kept;
  }
  const worker = new Worker(ENTRY);
  // Listened to for its whole life, busy or idle: an error no one listens to would throw on this thread.
  const forget = () => {
    const at = idle.indexOf(worker);
    if (at >= 0) idle.splice(at, 1);
  };
  worker.on('error', forget);
  worker.on('exit', forget);
  return worker;
}

/**
 * Stops the idle workers, for a process that checks once and goes on (a build's gate, once.ts). An
 * idle worker allocates nothing, so it never collects the last check's garbage, and that holds the
 * shared memory the check's files were read into: at 15,000 compounds the ledger's 147 MiB (and the
 * revenue table's, when the worker typed it), for the whole of the build.
 */
export function stopIdleWorkers(): void {
  for (const worker of idle.splice(0)) void worker.terminate();
}

/**
 * The worker is sent the split, whose bytes are in shared memory (cached.ts reads the ledger so):
 * it reads its chunks where they lie in the file, with no copy of the ledger on either side.
 */
export function startChunkWorker(
  split: LedgerSplit,
  jobs: ChunkJob[],
  file: string,
  withRows = false,
  table?: TableJob,
): ChunkWorker {
  const next = new Int32Array(new SharedArrayBuffer(4));
  Atomics.store(next, 0, 1);
  const worker = take();
  const answers = new Map<number, KeptChunk>();
  const rows = new Map<number, PackedChunk>();
  let tableAnswer: TableAnswer | undefined;
  const done = new Promise<Map<number, KeptChunk>>((resolve) => {
    const onMessage = (r: ChunkReply) => {
      if ('done' in r) {
        stop();
        worker.unref();
        idle.push(worker);
        resolve(answers);
      } else if ('table' in r) tableAnswer = r.table;
      else {
        answers.set(r.index, r.result);
        if (r.rows) rows.set(r.index, r.rows);
      }
    };
    // A failed worker leaves its chunks to the main thread, which reports a real problem itself; it is not kept.
    const failed = () => {
      stop();
      resolve(answers);
    };
    const stop = () => {
      worker.off('message', onMessage);
      worker.off('error', failed);
      worker.off('exit', failed);
    };
    worker.on('message', onMessage);
    worker.once('error', failed);
    worker.once('exit', failed);
  });
  const send = (m: ToChunkWorker) => worker.postMessage(m);
  send({ task: { split, chunks: jobs, file, next, withRows, table } });
  return {
    context: (data) => send({ context: data }),
    claim: () => claimFrom(next, jobs),
    results: () => done,
    rows,
    table: () => tableAnswer,
    thread: worker.threadId,
  };
}
