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
import { checkedFromCache } from '../validate/once.ts';
import { compoundRows, feed } from './key-hash.ts';
import { perSite } from '../util/memo.ts';

/**
 * A digest of one table's rows, made once per build whichever routes ask. A build that checked
 * from its cache knows each table's file hash, which with the code determines the rows (the
 * check keeps them by it, validate/cached.ts): that stands for the rows without hashing the
 * city's 2.4 million of them again (≈ 3 s at 15,000 compounds).
 */
export const tableDigest = perSite((site: SiteData, table: TableName): string => {
  const from = checkedFromCache();
  const file = from?.tableHashes.get(table);
  if (from && file !== undefined)
    return createHash('sha256').update(`file\0${from.code}\0${table}\0${file}`).digest('hex');
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
