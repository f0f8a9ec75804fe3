/**
 * The archive worker's thread (archive-pool.ts starts it): each district it is sent becomes its
 * archive, the city's job and its tables' rows the city's downloads (city-downloads.ts), each
 * written to the file the job names; the thread answers each download's URL, or why it could not
 * be made, and says when it is done with a message's rows.
 */
import { writeFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { districtArchive } from './district-archive.ts';
import { CityDownloads } from './city-downloads.ts';
import type { DistrictJob, PoolMessage, PoolReply } from './archive-jobs.ts';

const port = parentPort!;
const reply = (r: PoolReply) => port.postMessage(r);

async function district({ out, input }: DistrictJob): Promise<void> {
  try {
    writeFileSync(out.file, await districtArchive(input));
    reply({ url: out.url });
  } catch (e) {
    reply({ url: out.url, error: e instanceof Error ? e.message : String(e) });
  }
  reply({ done: true });
}

let city: CityDownloads | undefined;

port.on('message', (m: PoolMessage) => {
  if (m.kind === 'district') void district(m);
  else if (m.kind === 'city') {
    city = new CityDownloads(m, reply);
    reply({ done: true });
  } else if (city) city.rows(m, () => reply({ done: true }));
  else reply({ done: true });
});
