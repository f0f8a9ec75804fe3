/**
 * A second thread of the merge (started by shards.ts joinBundleOnThread): joins one search
 * bundle from the shards' records while the main thread joins the other, each on a core. It
 * reads the records and sort values itself, rather than being handed the main thread's copy of
 * them. An error (records that are not the bundle's, bundles that do not fit together) ends the
 * thread and is thrown again on the main thread with its message.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { joinBundle, readShardSearch } from './shards.ts';

const port = parentPort;
if (!port) throw new Error('merge-search-worker.ts runs as a worker thread');
const { dirs, root, outDir } = workerData as { dirs: string[]; root: string; outDir: string };
port.postMessage(await joinBundle(dirs, root, outDir, readShardSearch(dirs).sortValues));
