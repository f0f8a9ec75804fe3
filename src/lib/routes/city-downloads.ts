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
 *
 * The district archives are begun in the same job, after the city's: the tables whose rows they
 * carry in an order the city's CSV can be rebuilt from are not sent again (opendata/district-order.ts).
 */
import { cityMessages } from '../opendata/city-downloads.ts';
import type { CityJob, CityTable } from '../opendata/archive-jobs.ts';
import { compoundOrder } from '../opendata/district-order.ts';
import type { Download } from '../opendata/archive-pool.ts';
import { siteDataPackage } from '../opendata/datapackage.ts';
import { PUBLISHED_TABLES } from '../opendata/table.ts';
import { COMPOUND_TABLES } from '../model/relations.ts';
import { siteCompoundIndex } from '../model/tables.ts';
import type { AnyRow, SiteData } from '../model/types.ts';
import { list } from '../util/group.ts';
import { dataArchiveHref, districtArchiveHref, downloadPaths } from '../views/urls.ts';
import { buildPool } from './build-pool.ts';
import { archiveInput } from './district-archives.ts';
import { buildsOneShard } from './shard.ts';

const begun = new WeakSet<SiteData>();

/** The tables the district archives of `districts` bring every row of, each with its compounds in table order. */
function fromDistricts(site: SiteData, districts: readonly string[]): NonNullable<CityJob['fromDistricts']> {
  const archived = new Set(districts.flatMap((d) => list(site.compoundsByDistrict, d).map((c) => c.id)));
  const index = siteCompoundIndex(site);
  const tables: { table: (typeof COMPOUND_TABLES)[number]; order: string[] }[] = [];
  for (const table of COMPOUND_TABLES) {
    if (!PUBLISHED_TABLES.includes(table)) continue;
    const order = compoundOrder(site.rows[table] as readonly AnyRow[], index.ownersOf(table)!, archived);
    if (order) tables.push({ table, order });
  }
  return { tables, districts: districts.length };
}

/**
 * Begins the city's downloads and every district archive on the worker, in one job; once per build,
 * and only in a whole build (a shard begins its district archives alone, district-archives.ts).
 */
export function beginCityDownloads(site: SiteData): void {
  if (begun.has(site) || buildsOneShard()) return;
  begun.add(site);
  const districts = site.rows.districts.map((d) => d.id);
  const downloads: Download[] = [
    { url: dataArchiveHref, what: '全市数据包' },
    ...PUBLISHED_TABLES.map((t) => ({ url: downloadPaths(t).csv, what: '数据表下载' })),
    ...districts.map((id) => ({ url: districtArchiveHref(id), what: '区级数据包' })),
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
        fromDistricts: fromDistricts(site, districts),
      }),
      (table) => site.rows[table] as readonly AnyRow[],
      undefined,
      function* () {
        for (const id of districts) {
          const url = districtArchiveHref(id);
          yield { kind: 'district', out: { url, file: fileOf(url) }, input: archiveInput(site, id), city: true };
        }
      },
    ),
  );
}
