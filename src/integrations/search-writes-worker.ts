/**
 * The thread that writes files of the search step (search-writes.ts WriteThread) while the main
 * thread writes the bundles' other files: the cache's checked files, each one message (its bytes
 * handed over, not copied), a bundle's fragments, all in one message (their bytes end to end), and
 * the removal of what an earlier bundle left, after its fragments, in the order they come.
 * `null` asks for an answer once every earlier message is written. The first failure is answered
 * with its path and reason, and nothing after it is written.
 */
import { join } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { removeOthers, writeIfChanged } from '../lib/util/files.ts';
import { writeCheckedFile } from './search-cache-file.ts';

export type ThreadWrite =
  | { checked: string; body: Uint8Array; digest: Uint8Array | undefined }
  | { dir: string; paths: string[]; ends: Uint32Array; bytes: Uint8Array }
  | { remove: string; keep: string[] }
  | null;
export type ThreadAnswer = { error: string | undefined };

const port = parentPort;
if (!port) throw new Error('search-writes-worker.ts runs as a worker thread');
let error: string | undefined;
let at = '';
port.on('message', (write: ThreadWrite) => {
  if (write === null) return port.postMessage({ error } satisfies ThreadAnswer);
  if (error !== undefined) return;
  try {
    if ('checked' in write) writeCheckedFile((at = write.checked), write.body, write.digest);
    else if ('remove' in write) removeOthers((at = write.remove), new Set(write.keep));
    else {
      const bytes = Buffer.from(write.bytes.buffer, write.bytes.byteOffset, write.bytes.byteLength);
      write.paths.forEach((path, i) =>
        writeIfChanged((at = join(write.dir, path)), bytes.subarray(i === 0 ? 0 : write.ends[i - 1], write.ends[i])),
      );
    }
  } catch (e) {
    error = `${at}: ${e instanceof Error ? e.message : String(e)}`;
  }
});
