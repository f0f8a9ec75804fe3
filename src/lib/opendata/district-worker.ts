/**
 * The archive worker's thread (district-pool.ts starts it): each district it is sent becomes its
 * archive, written to the file named in the job, and the thread answers with the district's id,
 * or with why the archive could not be made.
 */
import { writeFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { districtArchive } from './district-archive.ts';
import type { ArchiveJob, ArchiveReply } from './district-pool.ts';

const port = parentPort!;

async function make(job: ArchiveJob): Promise<ArchiveReply> {
  try {
    writeFileSync(job.file, await districtArchive(job.input));
    return { id: job.id };
  } catch (e) {
    return { id: job.id, error: e instanceof Error ? e.message : String(e) };
  }
}

port.on('message', (job: ArchiveJob) => void make(job).then((r) => port.postMessage(r)));
