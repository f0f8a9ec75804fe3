/**
 * The district archives made on a second thread while the pages render. Astro renders one page at
 * a time, so an endpoint that only awaited a worker would gain nothing: the archives this build
 * writes are begun when their route's paths are listed, before any page renders, and the route
 * picks each one up when it comes to it. The render thread only gathers each district's rows (its
 * compounds' sections) and sends them; the text, UTF-8, CRC and the zip are the worker's, the
 * deflating its zlib pool's.
 *
 * One district's rows are copied to the worker at a time (IN_FLIGHT), and each finished archive
 * waits in a file, not in memory: a city's 16 archives are over a hundred megabytes.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DistrictArchiveInput } from './district-archive.ts';

export interface ArchiveJob {
  id: string;
  file: string;
  input: DistrictArchiveInput;
}

export type ArchiveReply = { id: string; error?: string };

/**
 * One district's rows in the worker at a time: the archives take the worker a fraction of the
 * compound pages' time (no route waited for one at 15,000 compounds), so a second in flight
 * gains no wall and only holds a second district's rows (bench/README.md h18w).
 */
const IN_FLIGHT = 1;

const WORKER = 'district-worker.ts';

/**
 * The worker's module by path (a bundler must not take it for an asset): beside this module when
 * it runs from the source tree, else the copy in the project at `root`: the build's bundle runs from
 * its chunks' folder, and a build started with `--root` from another folder (the bench, the build
 * tests) has another working directory.
 */
export function districtWorkerEntry(root: string = process.cwd()): string {
  const beside = path.join(path.dirname(fileURLToPath(import.meta.url)), WORKER);
  return existsSync(beside) ? beside : path.join(root, 'src/lib/opendata', WORKER);
}

export interface DistrictArchives {
  /** Whether `id`'s archive was begun here. */
  has(id: string): boolean;
  /** `id`'s archive, once made; rejects with the district and the reason when it could not be. */
  take(id: string): Promise<Uint8Array>;
}

const failure = (id: string, why: string) => new Error(`生成区级数据包 /data/district/${id}.zip 失败(后台线程):${why}`);

/**
 * Begins the archives of `ids`, in that order (the order the route will ask for them), in `dir`.
 * `input` gathers a district's rows when the worker is about to need them.
 */
export function startDistrictArchives(
  ids: readonly string[],
  input: (id: string) => DistrictArchiveInput,
  dir: string,
  entry: string = districtWorkerEntry(),
): DistrictArchives {
  // What a build that failed left behind is not this build's.
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // Named by place, not by id: no id can make a name the folder refuses or another id's.
  const place = new Map(ids.map((id, i) => [id, i]));
  const fileOf = (id: string) => path.join(dir, `${place.get(id)}.zip`);
  const made = new Map(ids.map((id) => [id, Promise.withResolvers<string>()]));
  // A failure is thrown when the route takes the archive, never reported as unhandled before then.
  for (const m of made.values()) m.promise.catch(() => undefined);
  const worker = new Worker(entry);
  // The build's end never waits for it; it is stopped once every archive is answered.
  worker.unref();
  let sent = 0;
  let answered = 0;
  const answer = (id: string, why?: string) => {
    answered++;
    if (why === undefined) made.get(id)!.resolve(fileOf(id));
    else made.get(id)!.reject(failure(id, why));
    if (answered === ids.length) void worker.terminate();
  };
  const send = () => {
    while (sent - answered < IN_FLIGHT && sent < ids.length) {
      const id = ids[sent++]!;
      try {
        worker.postMessage({ id, file: fileOf(id), input: input(id) } satisfies ArchiveJob);
      } catch (e) {
        answer(id, e instanceof Error ? e.message : String(e));
      }
    }
  };
  const failAll = (why: string) => {
    // Rejecting an archive already answered changes nothing.
    for (const id of ids) made.get(id)!.reject(failure(id, why));
    answered = ids.length;
    void worker.terminate();
  };
  worker.on('message', (r: ArchiveReply) => {
    answer(r.id, r.error);
    send();
  });
  worker.once('error', (e) => failAll(e.message));
  worker.once('exit', (code) => {
    if (answered < ids.length) failAll(`后台线程意外退出(退出码 ${code})`);
  });
  send();
  return {
    has: (id) => made.has(id),
    async take(id) {
      const file = await made.get(id)!.promise;
      const bytes = readFileSync(file);
      rmSync(file, { force: true });
      return bytes;
    },
  };
}
