/**
 * The cache key of a firm's page (/firm/<id>/), for Astro's incremental build (page-keys.ts has
 * the compound's). A firm's page is one of the city's many (a few thousand at 15,000 compounds)
 * and shows rows of several tables: its key digests every row the page reads, the rows those
 * rows name (compound, street, district, committee), their corrections and cited sources, so a
 * one-compound edit re-renders only the pages of the firms that served that compound.
 * tests/unit/routes/firm-key.test.ts changes each input in turn.
 */
import type { AnyRow, SiteData } from '../model/types.ts';
import { cmp } from '../util/compare.ts';
import { list } from '../util/group.ts';
import { ShownRows, feed } from './key-hash.ts';

export function firmPageKey(site: SiteData, firmId: string): string {
  const key = new ShownRows(site);
  const h = key.h;
  const shown = (table: string, row: AnyRow | undefined) => key.row(table, row);
  // A compound named on the page shows its name, demo mark and street, and the district around it.
  const place = (compoundId: unknown, streetId?: unknown, districtId?: unknown) => {
    const compound = typeof compoundId === 'string' ? site.compoundById.get(compoundId) : undefined;
    shown('compounds', compound);
    const street = streetId ?? compound?.street_id;
    shown('streets', typeof street === 'string' ? site.streetById.get(street) : undefined);
    const district = districtId ?? compound?.district_id;
    shown('districts', typeof district === 'string' ? site.districtById.get(district) : undefined);
  };

  feed(h, 'meta', site.meta);
  shown('firms', site.firmById.get(firmId) as AnyRow | undefined);
  // Whole contract histories of the compounds it served: a later firm's contract ends this one's.
  const served = [...new Set(list(site.contractsByFirm, firmId).map((c) => c.compound_id))].sort(cmp);
  for (const compoundId of served) {
    for (const c of list(site.contractsByCompound, compoundId)) {
      shown('contracts', c as AnyRow);
      place(c.compound_id);
    }
  }
  for (const x of list(site.honoursByFirm, firmId)) {
    shown('honours', x as AnyRow);
    const committee = x.committee_id ? site.committeeById.get(x.committee_id) : undefined;
    shown('committees', committee as AnyRow | undefined);
    place(x.compound_id ?? committee?.compound_id);
  }
  for (const e of list(site.evaluationsByFirm, firmId)) {
    shown('evaluations', e as AnyRow);
    place(e.compound_id, e.street_id, e.district_id);
  }
  for (const c of list(site.commitmentsByFirm, firmId)) {
    shown('commitments', c as AnyRow);
    place(undefined, c.street_id, c.district_id);
  }
  return key.digest();
}
