/**
 * Which districts get a /rankings/<district>/ page, and how long the city-wide
 * lists may grow before the page points to them instead.
 */
import type { SiteData } from '../../model/types.ts';
import { list } from '../../util/group.ts';
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

/**
 * The evaluations that belong to a district: ranked there, or about a compound or
 * in a street of it (compound rankings often name only the street).
 */
export function evaluationsOfDistrict(site: SiteData, districtId: string): SiteData['rows']['evaluations'] {
  const inDistrict = (streetId: string | undefined) =>
    streetId !== undefined && site.streetById.get(streetId)?.district_id === districtId;
  return site.rows.evaluations.filter(
    (e) =>
      e.district_id === districtId ||
      (e.district_id === undefined && inDistrict(e.street_id)) ||
      (e.district_id === undefined &&
        e.street_id === undefined &&
        e.compound_id !== undefined &&
        site.compoundById.get(e.compound_id)?.district_id === districtId),
  );
}
