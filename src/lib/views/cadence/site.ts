/**
 * Cadence of the site's compounds, judged from the site model's own per-compound indexes: a
 * compound page judges its compound alone, so a shard pays for its own compounds, not for
 * regrouping every row of the city (1.2 s at 15,000 compounds, bench/README.md h16k).
 */
import { type SiteData } from '../../model/types.ts';
import { groupBy } from '../../util/group.ts';
import { AUDIT_KIND, judgeCompound, type CadenceLookups, type CompoundCadence } from './compute.ts';

const lookupsMemo = new WeakMap<SiteData, CadenceLookups>();
const judged = new WeakMap<SiteData, Map<string, CompoundCadence>>();

function lookups(site: SiteData): CadenceLookups {
  let l = lookupsMemo.get(site);
  if (!l) {
    l = {
      asOf: site.meta.as_of,
      districts: site.districtById,
      sources: site.sourceById,
      committees: site.committeesByCompound,
      fees: site.feeStandardsByCompound,
      collection: site.feeCollectionByCompound,
      fund: site.fundLedgerByCompound,
      revenue: site.revenueByCompound,
      audits: groupBy(
        site.docs.audits.filter((a) => a.data.kind === AUDIT_KIND).map((a) => a.data),
        (d) => d.compound,
      ),
    };
    lookupsMemo.set(site, l);
  }
  return l;
}

/** One compound's cadence (undefined for an unknown id), judged once per build. */
export function compoundCadence(site: SiteData, id: string): CompoundCadence | undefined {
  let m = judged.get(site);
  if (!m) judged.set(site, (m = new Map()));
  let c = m.get(id);
  if (!c) {
    const compound = site.compoundById.get(id);
    if (!compound) return undefined;
    m.set(id, (c = judgeCompound(lookups(site), compound)));
  }
  return c;
}

/** Every compound's cadence, in the compounds' order. */
export function siteCadence(site: SiteData): Map<string, CompoundCadence> {
  return new Map(site.rows.compounds.map((c) => [c.id, compoundCadence(site, c.id) as CompoundCadence]));
}
