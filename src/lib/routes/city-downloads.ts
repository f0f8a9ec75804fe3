/**
 * The city's downloads of this build on the archive worker (opendata/city-downloads.ts): the city
 * archive, the zipped tables' archives and the plain tables' CSV, begun when the table downloads'
 * paths are listed, so they are made while the compound pages render; each route then takes its
 * file. Only a whole build begins them; a shard makes its table downloads on the render thread, as
 * an incremental build does.
 *
 * Not in the city shard of a matrix: it renders few compound pages (routes/shard.ts,
 * CITY_PAGES_SHARE), so there is little to overlap with, and the one worker would make its district
 * archives and these in turn, where the render thread's deflates run beside it on libuv's pool (at
 * 5,000 compounds in 16 shards the city shard took 16.2 s on the worker against 11.8 s before).
 */
import { cityMessages } from '../opendata/city-downloads.ts';
import type { CityTable } from '../opendata/archive-jobs.ts';
import type { Download } from '../opendata/archive-pool.ts';
import { siteDataPackage } from '../opendata/datapackage.ts';
import { PUBLISHED_TABLES } from '../opendata/table.ts';
import type { AnyRow, SiteData } from '../model/types.ts';
import { dataArchiveHref, downloadPaths } from '../views/urls.ts';
import { buildPool } from './build-pool.ts';
import { buildsOneShard } from './shard.ts';

const begun = new WeakSet<SiteData>();

/** Begins the city's downloads on the worker; once per build, and only in a whole build. */
export function beginCityDownloads(site: SiteData): void {
  if (begun.has(site) || buildsOneShard()) return;
  begun.add(site);
  const downloads: Download[] = [
    { url: dataArchiveHref, what: '全市数据包' },
    ...PUBLISHED_TABLES.map((t) => ({ url: downloadPaths(t).csv, what: '数据表下载' })),
  ];
  buildPool(site).begin(downloads, (fileOf) =>
    cityMessages(
      () => ({
        kind: 'city',
        archive: { url: dataArchiveHref, file: fileOf(dataArchiveHref) },
        asOf: site.meta.as_of,
        datapackage: siteDataPackage(site, 'archive'),
        tables: PUBLISHED_TABLES.map((table): CityTable => {
          const { csv, zipped } = downloadPaths(table);
          const out = { url: csv, file: fileOf(csv) };
          return zipped ? { table, zip: out } : { table, csv: out };
        }),
      }),
      (table) => site.rows[table] as readonly AnyRow[],
    ),
  );
}
