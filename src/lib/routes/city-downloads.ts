/**
 * The city's downloads of this build on the archive worker (opendata/city-downloads.ts): the city
 * archive, the zipped tables' archives and this shard's plain tables' CSV, begun when the table
 * downloads' paths are listed, so they are made while the compound pages render; each route then
 * takes its file. Only a build that makes the city archive (the city shard, or a whole build) begins
 * them; the other shards' table CSVs are made on the render thread, as in an incremental build.
 */
import { cityMessages } from '../opendata/city-downloads.ts';
import type { CityTable } from '../opendata/archive-jobs.ts';
import type { Download } from '../opendata/archive-pool.ts';
import { siteDataPackage } from '../opendata/datapackage.ts';
import { PUBLISHED_TABLES } from '../opendata/table.ts';
import type { AnyRow, SiteData } from '../model/types.ts';
import { dataArchiveHref, downloadPaths } from '../views/urls.ts';
import { buildPool } from './build-pool.ts';
import { buildsCityPages, shardSlice } from './shard.ts';

const begun = new WeakSet<SiteData>();

/** Begins the city's downloads on the worker; once per build, and only in the city shard. */
export function beginCityDownloads(site: SiteData): void {
  if (begun.has(site) || !buildsCityPages()) return;
  begun.add(site);
  // The plain tables' CSV this shard writes ([table].csv.ts's paths); every zipped one's archive.
  const plain = new Set(shardSlice(PUBLISHED_TABLES.filter((t) => !downloadPaths(t).zipped)));
  const downloads: Download[] = [
    { url: dataArchiveHref, what: '全市数据包' },
    ...PUBLISHED_TABLES.filter((t) => downloadPaths(t).zipped || plain.has(t)).map((t) => ({
      url: downloadPaths(t).csv,
      what: '数据表下载',
    })),
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
          if (zipped) return { table, zip: out };
          return plain.has(table) ? { table, csv: out } : { table };
        }),
      }),
      (table) => site.rows[table] as readonly AnyRow[],
    ),
  );
}
