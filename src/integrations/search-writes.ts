/**
 * Files of the search step written on a thread of their own (search-writes-worker.ts) while the
 * main thread writes the bundles' index chunks, filters and meta: the page cache's and the join
 * caches' files (search-cache.ts, ≈ 400 MB at 15,000 compounds) and the bundles' fragments (one
 * file a page). The step's end waited for them on one core with the other idle (bench/README.md
 * h19t). The main thread still serialises the caches: their objects live on it, and handing the
 * objects to the thread (a structured clone) costs more than serialising them; the serialised
 * bytes are handed over whole, not copied.
 */
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ThreadAnswer, ThreadWrite } from './search-writes-worker.ts';

const WORKER = fileURLToPath(new URL('./search-writes-worker.ts', import.meta.url));

/** A view that is its whole memory can be handed over; a view on more (a pool, a larger file) is copied first. */
const own = (bytes: Uint8Array) =>
  bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);

export class WriteThread {
  #worker: Worker | undefined;
  #crashed: Error | undefined;

  #post(write: NonNullable<ThreadWrite>, body?: Uint8Array): void {
    if (!this.#worker) {
      const worker = (this.#worker = new Worker(WORKER));
      // Not the reason the process lives on: done() is (and refs it while it waits).
      worker.unref();
      worker.on('error', (error) => (this.#crashed ??= error));
    }
    this.#worker.postMessage(write, body ? [body.buffer as ArrayBuffer] : []);
  }

  /** Writes `body` as search-cache-file.ts writeCheckedFile does; its memory is the thread's from now on. */
  write(path: string, body: Uint8Array, digest?: Uint8Array): void {
    const bytes = own(body);
    this.#post({ checked: path, body: bytes, digest }, bytes);
  }

  /** Writes each of `files` (paths under `dir`, whose folders exist) unless it holds those bytes already. */
  writeFiles(dir: string, files: readonly (readonly [path: string, bytes: Uint8Array])[]): void {
    const ends = new Uint32Array(files.length);
    let size = 0;
    files.forEach(([, bytes], i) => (ends[i] = size += bytes.length));
    const all = new Uint8Array(size);
    files.forEach(([, bytes], i) => all.set(bytes, i === 0 ? 0 : ends[i - 1]));
    this.#post({ dir, paths: files.map(([path]) => path), ends, bytes: all }, all);
  }

  /** util/files.ts removeOthers, once the files handed over before are written (a fragment folder may be empty until then). */
  removeOthers(dir: string, keep: Iterable<string>): void {
    this.#post({ remove: dir, keep: [...keep] });
  }

  /** Stops the thread, whatever it has not written (the step failed: the next run finds a cache file whole or none). */
  close(): Promise<unknown> | undefined {
    const worker = this.#worker;
    this.#worker = undefined;
    return worker?.terminate();
  }

  /** Resolves once every file is written; rejects with the first that could not be. */
  async done(): Promise<void> {
    const worker = this.#worker;
    if (!worker) return;
    this.#worker = undefined;
    worker.ref();
    try {
      const answer = await new Promise<ThreadAnswer>((resolve, reject) => {
        if (this.#crashed) return reject(this.#crashed);
        worker.once('message', resolve);
        worker.once('error', reject);
        worker.postMessage(null satisfies ThreadWrite);
      });
      if (answer.error !== undefined) throw new Error(answer.error);
    } catch (error) {
      throw new Error(`搜索索引失败: 文件没有写成 (${error instanceof Error ? error.message : String(error)})`);
    } finally {
      await worker.terminate();
    }
  }
}
