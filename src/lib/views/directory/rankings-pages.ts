/**
 * Which districts get a /rankings/<district>/ page, and how long the city-wide
 * lists may grow before the page points to them instead.
 */
import type { SiteData } from '../../model/types.ts';
import { groupBy, list } from '../../util/group.ts';
import { perSite } from '../../util/memo.ts';
import type { District } from '../../schema/places.ts';
import { isRankingFigure } from './evaluations.ts';

/** Rows per list on /rankings/: enough for every bundled list, bounded at city scale. */
export const RANKINGS_PAGE_LIMIT = 200;

/** Districts with any evaluation, reported ranking figure, fee standard or collection figure, in the data's order. */
export function districtsWithRankings(site: SiteData): District[] {
  return site.rows.districts.filter(
    (d) =>
      evaluationsOfDistrict(site, d.id).length > 0 ||
      list(site.figuresByDistrict, d.id).some(isRankingFigure) ||
      list(site.compoundsByDistrict, d.id).some(
        (c) =>
          list(site.feeStandardsByCompound, c.id).length > 0 || list(site.feeCollectionByCompound, c.id).length > 0,
      ),
  );
}

type Evaluations = SiteData['rows']['evaluations'];

/**
 * The district an evaluation belongs to: where it was ranked, else its street's, else (compound
 * rankings often name only the street, some only the compound) its compound's.
 */
function districtOf(site: SiteData, e: Evaluations[number]): string | undefined {
  if (e.district_id !== undefined) return e.district_id;
  if (e.street_id !== undefined) return site.streetById.get(e.street_id)?.district_id;
  return e.compound_id === undefined ? undefined : site.compoundById.get(e.compound_id)?.district_id;
}

const byDistrict = perSite((site: SiteData, _: 'evaluations') =>
  groupBy(site.rows.evaluations, (e) => districtOf(site, e)),
);

/**
 * The evaluations that belong to a district (districtOf), in table order. Grouped in one pass
 * per build: filtering the city's evaluations for each district on the rankings pages, their
 * paths, the fee page and the area keys was one scan per district and asker (≈ 2 s at 15,000).
 */
export function evaluationsOfDistrict(site: SiteData, districtId: string): Evaluations {
  return byDistrict(site, 'evaluations').get(districtId)?.slice() ?? [];
}
