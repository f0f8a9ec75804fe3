/**
 * getStaticPaths for the routes that make up most of a city's pages (the per-compound routes,
 * the notice and audit pages, the firm pages, the street, district and ranking pages), only this
 * build's shard of them (shard.ts), each path with the cacheKey that lets Astro's incremental
 * build copy it from the previous build when nothing it shows has changed (page-keys.ts,
 * firm-key.ts, area-keys.ts). Keys are computed once per build and only when incremental
 * building is on (GONGSHI_INCREMENTAL=1): a full build has no use for them.
 */
import type { GetStaticPathsItem } from 'astro';
import { compoundPagesKey, docPageKey } from './page-keys.ts';
import { firmPageKey } from './firm-key.ts';
import { districtArchiveKey, tableDownloadKey } from './download-keys.ts';
import { districtPageKey, rankingsPageKey, streetPageKey } from './area-keys.ts';
import { compoundListKey, districtFeedKey, firmListKey, noticeListKey } from './list-keys.ts';
import { cityShardItems, shardSlice } from './shard.ts';
import { beginDistrictArchives } from './district-archives.ts';
import { beginCityDownloads } from './city-downloads.ts';
import { downloadsOnWorker } from './build-pool.ts';
import { incrementalBuildOn } from '../dataset/options.ts';
import { getSiteHistory } from '../history/site.ts';
import { getSiteData } from '../model/load.ts';
import type { TableName } from '../schema/tables.ts';
import { districtsWithRankings } from '../views/directory/rankings-pages.ts';
import { firmsByDistrict, noticesByDistrict } from '../views/directory/indexes.ts';
import { type AuditData, type MdxDoc, type NoticeData, type SiteData } from '../model/types.ts';

const keyMemo = new WeakMap<SiteData, Map<string, string>>();

/** compound id → cache key of this shard's compounds, computed once per build for all five routes. */
function compoundKeys(site: SiteData): Map<string, string> {
  let keys = keyMemo.get(site);
  if (!keys) {
    const { history, byCompound } = getSiteHistory(site);
    const { commits: _all, ...state } = history;
    keys = new Map(
      // Only this shard's: each key reads its compound's rows and history, and the others' are never asked for.
      shardSlice(site.rows.compounds).map((c) => [
        c.id,
        compoundPagesKey(site, c.id, { state, commits: byCompound.get(c.id) ?? [] }),
      ]),
    );
    keyMemo.set(site, keys);
  }
  return keys;
}

/** A new list on every call: Astro keeps per-route state on the array it is given. */
function compoundPaths(site: SiteData, withKeys = incrementalBuildOn()): GetStaticPathsItem[] {
  const keys = withKeys ? compoundKeys(site) : undefined;
  return shardSlice(site.rows.compounds).map((c) => ({
    params: { id: c.id },
    ...(keys ? { cacheKey: keys.get(c.id) } : {}),
  }));
}

/** For the routes: `export const getStaticPaths = compoundStaticPaths`. */
export async function compoundStaticPaths(): Promise<GetStaticPathsItem[]> {
  return compoundPaths(await getSiteData());
}

/**
 * getStaticPaths of the MDX document pages; each page gets its entry as a prop (a lookup by
 * id on every page was quadratic in the number of entries). Notices and audits are one per
 * compound and so the many: only they carry cache keys.
 */
export async function docStaticPaths(
  collection: 'notices' | 'audits' | 'cases' | 'policies',
): Promise<GetStaticPathsItem[]> {
  const site = await getSiteData();
  const withKeys = incrementalBuildOn() && (collection === 'notices' || collection === 'audits');
  return shardSlice(site.docs[collection] as MdxDoc<unknown>[]).map((doc) => ({
    params: { id: doc.id },
    props: { doc },
    ...(withKeys ? { cacheKey: docPageKey(site, doc as MdxDoc<NoticeData | AuditData>) } : {}),
  }));
}

/**
 * getStaticPaths of one page per row, `param` its id: this shard's share of the rows, each keyed by
 * `key` in an incremental build (the key is what the page shows, so an unchanged page is copied).
 */
async function keyedPaths(
  rowsOf: (site: SiteData) => readonly { id: string }[],
  key: (site: SiteData, id: string) => string,
  param = 'id',
): Promise<GetStaticPathsItem[]> {
  const site = await getSiteData();
  const withKeys = incrementalBuildOn();
  return shardSlice(rowsOf(site)).map(({ id }) => ({
    params: { [param]: id },
    ...(withKeys ? { cacheKey: key(site, id) } : {}),
  }));
}

/** The firm pages, each keyed by what it shows (firm-key.ts). */
export const firmStaticPaths = () => keyedPaths((site) => site.rows.firms, firmPageKey);

/**
 * getStaticPaths of the whole-table downloads, zipped or not: this shard's tables (the zipped ones
 * the city shard's, whose archive deflates them anyway), each keyed by its rows. A whole production
 * build that is not incremental begins the city's downloads on the archive worker now, once
 * (city-downloads.ts; a shard makes them on the render thread).
 */
export async function tableStaticPaths(tables: readonly TableName[], zipped: boolean): Promise<GetStaticPathsItem[]> {
  if (downloadsOnWorker()) beginCityDownloads(await getSiteData());
  const site = incrementalBuildOn() ? await getSiteData() : undefined;
  return (zipped ? cityShardItems(tables) : shardSlice(tables)).map((table) => ({
    params: { table },
    ...(site ? { cacheKey: tableDownloadKey(site, table, zipped) } : {}),
  }));
}

/**
 * The district archives (/data/district/<id>.zip), each keyed by its compounds' rows. A build that
 * writes every one of its archives (not an incremental one, which keeps the unchanged) begins them
 * all on the archive worker now, before the first page renders (district-archives.ts).
 */
export async function districtArchivePaths(): Promise<GetStaticPathsItem[]> {
  const paths = await keyedPaths((site) => site.rows.districts, districtArchiveKey);
  if (downloadsOnWorker())
    beginDistrictArchives(
      await getSiteData(),
      paths.map((p) => p.params.id!),
    );
  return paths;
}

/** The street pages, each keyed by what it shows (area-keys.ts). */
export const streetStaticPaths = () => keyedPaths((site) => site.rows.streets, streetPageKey);

/** The district pages, each keyed by what it shows (area-keys.ts). */
export const districtPageStaticPaths = () => keyedPaths((site) => site.rows.districts, districtPageKey);

/** The per-district ranking pages, each keyed by what it shows (area-keys.ts). */
export const rankingsStaticPaths = () => keyedPaths(districtsWithRankings, rankingsPageKey, 'district');

/** The districts that have something for a per-district index page to list. */
const listing =
  (listed: (site: SiteData) => { has(id: string): boolean }) =>
  (site: SiteData): SiteData['rows']['districts'] => {
    const keep = listed(site);
    return site.rows.districts.filter((d) => keep.has(d.id));
  };

/** /compound/district/<id>/, each keyed by what it lists (list-keys.ts). */
export const compoundListPaths = () =>
  keyedPaths(
    listing((site) => site.compoundsByDistrict),
    compoundListKey,
  );

/** /firm/district/<id>/, each keyed by what it lists (list-keys.ts). */
export const firmListPaths = () =>
  keyedPaths(
    listing((site) => firmsByDistrict(site).byDistrict),
    firmListKey,
  );

/** /notices/district/<id>/, each keyed by what it lists (list-keys.ts). */
export const noticeListPaths = () => keyedPaths(listing(noticesByDistrict), noticeListKey);

/** /district/<id>/feed.xml, each keyed by its entries (list-keys.ts). */
export const districtFeedPaths = () => keyedPaths((site) => site.rows.districts, districtFeedKey);
