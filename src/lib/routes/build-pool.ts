/**
 * This build's archive worker (opendata/archive-pool.ts), one for the district archives and the
 * city's downloads: begun by the first route that lists downloads to make there, in a production
 * build that is not incremental (an incremental build writes only the downloads whose key changed,
 * and Astro decides which when it comes to them; the dev server makes the one asked for).
 */
import path from 'node:path';
import { archiveWorkerEntry, startArchivePool, type ArchivePool } from '../opendata/archive-pool.ts';
import { incrementalBuildOn } from '../dataset/options.ts';
import type { SiteData } from '../model/types.ts';
import { buildCacheDir } from '../util/cache-dir.ts';
import { checkedRoot } from '../validate/once.ts';

const pools = new WeakMap<SiteData, ArchivePool>();

/** Whether this build makes its downloads on the worker. */
export const downloadsOnWorker = (): boolean => import.meta.env.PROD && !incrementalBuildOn();

/** The build's pool, started on first use. */
export function buildPool(site: SiteData): ArchivePool {
  let pool = pools.get(site);
  if (!pool) {
    // Resolved against the project, as the check's own cache folders are (util/cache-dir.ts).
    const root = checkedRoot() ?? process.cwd();
    pool = startArchivePool(path.resolve(root, buildCacheDir(), 'gongshi-archives'), archiveWorkerEntry(root));
    pools.set(site, pool);
  }
  return pool;
}

/** `url`'s bytes from the worker when this build begun it there; else undefined (the route makes it). */
export function fromBuildPool(site: SiteData, url: string): Promise<Uint8Array> | undefined {
  const pool = pools.get(site);
  return pool?.has(url) ? pool.take(url) : undefined;
}
