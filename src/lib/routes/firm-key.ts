/**
 * The cache key of a firm's page (/firm/<id>/), for Astro's incremental build (page-keys.ts has
 * the compound's). A firm's page is one of the city's many (a few thousand at 15,000 compounds)
 * and shows rows of several tables: its key digests every row the page reads, the rows those
 * rows name (compound, street, district, committee), their corrections and cited sources, so a
 * one-compound edit re-renders only the pages of the firms that served that compound.
 * tests/unit/routes/firm-key.test.ts changes each input in turn.
 */
import { createHash } from 'node:crypto';
import type { AnyRow, SiteData } from '../model/types.ts';
import { cmp } from '../util/compare.ts';
import { groupBy, list } from '../util/group.ts';
import { feed } from './key-hash.ts';

type Corrections = ReadonlyMap<string, readonly AnyRow[]>;

const byRowMemo = new WeakMap<SiteData, Corrections>();

/** The city's corrections under their table and row, grouped once per build. */
function correctionsByRow(site: SiteData): Corrections {
  let m = byRowMemo.get(site);
  if (!m) {
    m = groupBy(site.rows.corrections as readonly AnyRow[], (c) => `${String(c.table)}\0${String(c.row_id)}`);
    byRowMemo.set(site, m);
  }
  return m;
}

export function firmPageKey(site: SiteData, firmId: string): string {
  const h = createHash('sha256');
  const corrections = correctionsByRow(site);
  const sources = new Set<string>();
  const shown = (table: string, row: AnyRow | undefined) => {
    feed(h, table, row);
    if (!row) return;
    if (typeof row.source_id === 'string') sources.add(row.source_id);
    const fixes = corrections.get(`${table}\0${String(row.id)}`);
    if (fixes) feed(h, `corrections`, fixes);
  };
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
  for (const id of [...sources].sort(cmp)) feed(h, `source:${id}`, site.sourceById.get(id));
  return h.digest('hex').slice(0, 32);
}
