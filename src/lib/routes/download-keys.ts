/**
 * Cache keys of the data downloads, for Astro's incremental build (page-keys.ts has the pages').
 * A whole-table download is the city's rows of one table (the fund ledger's is the largest file
 * the build writes and deflates), so a one-compound edit re-makes only the tables it touched; a
 * district's archive is its compounds' rows. Each key digests exactly what its route hands to
 * the writer (tableCsv / dataArchive), row by row, never the city's text at once.
 */
import { createHash } from 'node:crypto';
import type { AnyRow, SiteData } from '../model/types.ts';
import type { TableName } from '../schema/tables.ts';
import { list } from '../util/group.ts';
import { compoundRows, feed, perSite } from './key-hash.ts';

/** A digest of one table's rows, made once per build whichever routes ask. */
const tableDigest = perSite((site: SiteData, table: TableName): string => {
  const h = createHash('sha256');
  for (const row of site.rows[table] as readonly AnyRow[]) feed(h, 'row', row);
  return h.digest('hex');
});

/**
 * /data/<table>.csv and /data/<table>.csv.zip: the table's rows; a zip also carries the dataset's
 * "as of" date as its entries' time (opendata/archive.ts).
 */
export function tableDownloadKey(site: SiteData, table: TableName, zipped: boolean): string {
  const h = createHash('sha256');
  feed(h, table, tableDigest(site, table));
  if (zipped) feed(h, 'as_of', site.meta.as_of);
  return h.digest('hex').slice(0, 32);
}

/** /data/district/<id>.zip: the dataset's meta, the district and each of its compounds' rows. */
export function districtArchiveKey(site: SiteData, districtId: string): string {
  const h = createHash('sha256');
  feed(h, 'meta', site.meta);
  feed(h, 'district', site.districtById.get(districtId));
  for (const c of list(site.compoundsByDistrict, districtId)) {
    feed(h, 'compound', { id: c.id, name: c.name });
    feed(h, 'rows', compoundRows(site, c.id).digest);
  }
  return h.digest('hex').slice(0, 32);
}
