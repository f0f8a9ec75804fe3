/**
 * The downloads made on a second thread while the pages render: the district archives and the
 * city's (its archive, the zipped tables, the plain tables' CSV). Astro renders two pages at a time
 * on one thread (astro.config.mjs), so an endpoint that only awaited a worker would still hold up
 * half of it: the downloads this build writes are begun when their routes' paths are listed, before
 * any page renders, and each route picks its file up when it comes to it. The render thread only
 * gathers rows and sends them; the text, UTF-8, CRC and the zips are the worker's, the deflating
 * its zlib pool's.
 *
 * One message's rows are in the worker at a time (a district's, or a slice of a table's): the next
 * is sent when the worker is done with them. Each finished download waits in a file, not in
 * memory: a city's 16 district archives are over a hundred megabytes.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { PoolMessage, PoolReply } from './archive-jobs.ts';

const WORKER = 'archive-worker.ts';

/**
 * The worker's module by path (a bundler must not take it for an asset): beside this module when
 * it runs from the source tree, else the copy in the project at `root`: the build's bundle runs from
 * its chunks' folder, and a build started with `--root` from another folder (the bench, the build
 * tests) has another working directory.
 */
export function archiveWorkerEntry(root: string = process.cwd()): string {
  const beside = path.join(path.dirname(fileURLToPath(import.meta.url)), WORKER);
  return existsSync(beside) ? beside : path.join(root, 'src/lib/opendata', WORKER);
}

/** A download begun on the worker: its URL, and what it is called in an error (区级数据包…). */
export interface Download {
  url: string;
  what: string;
}

export interface ArchivePool {
  /**
   * Begins downloads made from `messages`, sent in order, each made when the worker is about to
   * need it (`fileOf` names each download's file). Jobs run in the order begun.
   */
  begin(downloads: readonly Download[], messages: (fileOf: (url: string) => string) => Iterable<PoolMessage>): void;
  /** Whether `url` was begun here. */
  has(url: string): boolean;
  /** `url`'s bytes, once made; rejects with the URL and the reason when they could not be. */
  take(url: string): Promise<Uint8Array>;
}

interface Job {
  downloads: readonly Download[];
  messages: Iterator<PoolMessage>;
  failed: boolean;
}

/** A pool whose downloads wait in `dir` (emptied now), its worker started from `entry` when there is work. */
export function startArchivePool(dir: string, entry: string = archiveWorkerEntry()): ArchivePool {
  // What a build that failed left behind is not this build's.
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const made = new Map<string, PromiseWithResolvers<string> & { what: string; job: Job }>();
  // Named by place, not by URL: no URL can make a name the folder refuses or another's.
  const place = new Map<string, number>();
  const fileOf = (url: string) => path.join(dir, String(place.get(url)));
  const unanswered = new Set<string>();
  const queue: Job[] = [];
  let worker: Worker | undefined;
  let busy = false;

  const fail = (url: string, why: string) => {
    const m = made.get(url)!;
    m.job.failed = true;
    m.reject(new Error(`生成${m.what} ${url} 失败(后台线程):${why}`));
  };
  const stopIfIdle = () => {
    if (unanswered.size > 0 || queue.length > 0 || busy || !worker) return;
    // Stopped once every download begun is answered; a job begun later starts another.
    const w = worker;
    worker = undefined;
    void w.terminate();
  };
  const answer = (url: string, why?: string) => {
    if (!unanswered.delete(url)) return;
    if (why === undefined) made.get(url)!.resolve(fileOf(url));
    else fail(url, why);
  };
  const failAll = (why: string) => {
    for (const url of unanswered) fail(url, why);
    unanswered.clear();
    queue.length = 0;
    busy = false;
    const w = worker;
    worker = undefined;
    void w?.terminate();
  };
  const start = () => {
    const w = new Worker(entry);
    // The build's end never waits for it.
    w.unref();
    w.on('message', (r: PoolReply) => {
      if ('done' in r) busy = false;
      else answer(r.url, r.error);
      pump();
    });
    w.once('error', (e) => {
      if (worker === w) failAll(e.message);
    });
    w.once('exit', (code) => {
      if (worker === w) failAll(`后台线程意外退出(退出码 ${code})`);
    });
    return w;
  };
  const failJob = (job: Job, why: string) => {
    for (const d of job.downloads) answer(d.url, why);
  };
  function pump(): void {
    while (!busy && queue.length > 0) {
      const job = queue[0]!;
      let next: IteratorResult<PoolMessage>;
      try {
        // A job with a download failed sends nothing more: the build fails when a route takes it.
        next = job.failed ? { done: true, value: undefined } : job.messages.next();
      } catch (e) {
        failJob(job, e instanceof Error ? e.message : String(e));
        next = { done: true, value: undefined };
      }
      if (next.done) {
        queue.shift();
        continue;
      }
      try {
        worker ??= start();
        worker.postMessage(next.value);
        busy = true;
      } catch (e) {
        failJob(job, e instanceof Error ? e.message : String(e));
      }
    }
    stopIfIdle();
  }

  return {
    begin(downloads, messages) {
      const job: Job = { downloads, messages: [][Symbol.iterator](), failed: false };
      for (const { url, what } of downloads) {
        place.set(url, place.size);
        const m = { ...Promise.withResolvers<string>(), what, job };
        // A failure is thrown when the route takes the download, never reported as unhandled before then.
        m.promise.catch(() => undefined);
        made.set(url, m);
        unanswered.add(url);
      }
      job.messages = messages(fileOf)[Symbol.iterator]();
      queue.push(job);
      pump();
    },
    has: (url) => made.has(url),
    async take(url) {
      const file = await made.get(url)!.promise;
      const bytes = readFileSync(file);
      rmSync(file, { force: true });
      return bytes;
    },
  };
}
