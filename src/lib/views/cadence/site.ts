/** Cadence of every compound of the site, computed once per build. */
import { type SiteData } from '../../model/types.ts';
import { computeCadence, type CompoundCadence } from './compute.ts';

const memo = new WeakMap<SiteData, Map<string, CompoundCadence>>();

export function siteCadence(site: SiteData): Map<string, CompoundCadence> {
  let m = memo.get(site);
  if (!m) {
    const all = computeCadence({
      asOf: site.meta.as_of,
      compounds: site.rows.compounds,
      districts: site.rows.districts,
      sources: site.rows.sources,
      committees: site.rows.committees,
      fee_standards: site.rows.fee_standards,
      fee_collection: site.rows.fee_collection,
      fund_ledger: site.rows.fund_ledger,
      public_revenue: site.rows.public_revenue,
      audits: site.docs.audits.map((a) => ({ ...a.data, compound: a.data.compound ?? '' })),
    });
    m = new Map(all.map((c) => [c.compound, c]));
    memo.set(site, m);
  }
  return m;
}
