/**
 * The compound index a district archive reads its compounds' rows from. A whole build and the
 * city shard map every row of the city to its compounds anyway (the change log, the keys), so
 * the archive reads the site's index. In any other shard the archive is the only route that
 * wants every table's rows of many compounds, and the site's index would map the city's
 * 2.4 million rows at 15,000 compounds for one district's (bench/README.md h16k): it maps only
 * the rows of the district's compounds, with the same answers for them.
 */
import { buildCompoundIndex, type CompoundIndex } from '../model/relations.ts';
import { siteCompoundIndex, siteTables } from '../model/tables.ts';
import type { SiteData } from '../model/types.ts';
import { buildsCityPages } from './shard.ts';

export function archiveCompoundIndex(site: SiteData, compoundIds: readonly string[]): CompoundIndex {
  return buildsCityPages() ? siteCompoundIndex(site) : buildCompoundIndex(siteTables(site), new Set(compoundIds));
}
