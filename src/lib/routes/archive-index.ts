/**
 * The compound index a district archive reads its compounds' rows from. A shard builds one
 * district's archive (or two), and it is the only route there that wants every table's rows of
 * many compounds: the site's index would map the city's 2.4 million rows at 15,000 compounds
 * for one district's (bench/README.md h16k), so it maps only the rows of the district's
 * compounds, with the same answers for them. A whole build makes every district's archive, and
 * one map of the city costs less than a pass over every row per district: it reads the site's.
 */
import { buildCompoundIndex, type CompoundIndex } from '../model/relations.ts';
import { siteCompoundIndex, siteTables } from '../model/tables.ts';
import type { SiteData } from '../model/types.ts';
import { buildsOneShard } from './shard.ts';

export function archiveCompoundIndex(site: SiteData, compoundIds: readonly string[]): CompoundIndex {
  return buildsOneShard() ? buildCompoundIndex(siteTables(site), new Set(compoundIds)) : siteCompoundIndex(site);
}
