/**
 * The merge's second thread (started by shards.ts mergeShards): puts every shard's files into
 * the site while the main thread joins the search bundles, which write only the paths this
 * thread is told to skip. Linked, not copied: the shards' folders are downloaded artifacts,
 * thrown away after, and nothing the merge writes is a linked path, so they stay as they were.
 * An error (a path two shards wrote differently, a file neither linked nor copied) ends the
 * thread and is thrown again on the main thread with its message.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { copyTrees } from '../../src/lib/util/files.ts';

const port = parentPort;
if (!port) throw new Error('merge-files-worker.ts runs as a worker thread');
const { dirs, outDir, skip } = workerData as { dirs: string[]; outDir: string; skip: string };
const skipped = new RegExp(skip);
port.postMessage(
  copyTrees(dirs, outDir, {
    link: true,
    skip: (path) => skipped.test(path),
    conflict: (f, earlier, dir) =>
      new Error(`合并分片:${f} 在 ${earlier} 和 ${dir} 中内容不同;分片构建应当逐字节一致。`),
    // E.g. a path one shard wrote as a file and another as a folder.
    failed: (f, error) => new Error(`合并分片:无法把 ${f} 放入 ${outDir}(${error.message})。`),
  }),
);
