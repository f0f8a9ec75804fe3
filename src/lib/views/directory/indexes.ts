/**
 * The index pages (/compound/, /firm/, /notices/ and one page per district under each):
 * what each district holds, street by street, real places before demo ones. Grouping by
 * district keeps every page bounded at city scale (15,000 compounds → one page per district,
 * each with an on-page jump list of its streets), and needs no JavaScript to filter.
 */
import type { MdxDoc, NoticeData, SiteData } from '../../model/types.ts';
import type { Compound } from '../../schema/compounds.ts';
import type { Firm } from '../../schema/firms.ts';
import type { District } from '../../schema/places.ts';
import type { Row } from '../../schema/tables.ts';

type Street = Row<'streets'>;
import { list } from '../../util/group.ts';
import { cmp, compareZh } from '../../util/compare.ts';
import { isDemoSource } from '../links.ts';
import { currentContractByCompound } from './contracts.ts';
import { streetAnchor } from '../urls.ts';
import { formatCount } from '../format.ts';
import { perSite } from '../../util/memo.ts';

/** A district of demo data: its own row cites a demo source, or every compound in it is demo. */
function isDemoDistrict(site: SiteData, d: District): boolean {
  const compounds = list(site.compoundsByDistrict, d.id);
  return isDemoSource(site, d.source_id) || (compounds.length > 0 && compounds.every((c) => c.demo));
}

/** Districts in the data's order, real ones first, then the demo ones. */
export function districtsRealFirst(site: SiteData): { real: District[]; demo: District[] } {
  const real: District[] = [];
  const demo: District[] = [];
  for (const d of site.rows.districts) (isDemoDistrict(site, d) ? demo : real).push(d);
  return { real, demo };
}

/** Real rows before demo ones, each part keeping its order. */
export function demoLast<T extends { demo: boolean }>(rows: readonly T[]): T[] {
  return [...rows.filter((r) => !r.demo), ...rows.filter((r) => r.demo)];
}

/** One street's share of a district index page; `street` undefined for rows whose street is not published. */
export interface StreetGroup<T> {
  street: Street | undefined;
  items: T[];
}

/** Items grouped under the district's streets in the data's order, then "街道未公布"; empty streets kept. */
function byStreet<T>(
  site: SiteData,
  districtId: string,
  items: readonly T[],
  streetsOf: (t: T) => readonly (string | undefined)[],
): StreetGroup<T>[] {
  const groups = new Map<string | undefined, T[]>();
  for (const s of list(site.streetsByDistrict, districtId)) groups.set(s.id, []);
  for (const t of items) {
    for (const sid of new Set(streetsOf(t))) {
      const key = sid !== undefined && groups.has(sid) ? sid : undefined;
      const g = groups.get(key);
      if (g) g.push(t);
      else groups.set(key, [t]);
    }
  }
  const out: StreetGroup<T>[] = [];
  for (const [sid, g] of groups) if (sid !== undefined) out.push({ street: site.streetById.get(sid), items: g });
  const unplaced = groups.get(undefined);
  if (unplaced) out.push({ street: undefined, items: unplaced });
  return out;
}

/** A district's compounds by street, real before demo within each street. */
export function compoundsByStreetOf(site: SiteData, districtId: string): StreetGroup<Compound>[] {
  return byStreet(site, districtId, demoLast(list(site.compoundsByDistrict, districtId)), (c) => [c.street_id]);
}

export interface FirmInPlace {
  firm: Firm;
  /** The compounds it manages now in this district (or street). */
  compounds: Compound[];
  /** Streets where an honour, evaluation or pledge names it without a current contract there. */
  recordedStreets: (string | undefined)[];
}

/**
 * Firms by the district they manage compounds in now (judged on as_of), or where an honour,
 * an evaluation or a pledge names them (many articles name a firm but no contract); and the
 * firms the data places nowhere. Made once per site: the firm index, each district's firm page
 * and their paths and keys all ask, and each time it walked every compound, contract and honour.
 * Callers read it and never change it.
 */
export function firmsByDistrict(site: SiteData): FirmsByDistrict {
  return firmsPlaced(site, 'firms');
}

interface FirmsByDistrict {
  byDistrict: Map<string, FirmInPlace[]>;
  none: Firm[];
}

const firmsPlaced = perSite((site: SiteData, _: 'firms'): FirmsByDistrict => {
  const current = currentContractByCompound(site.rows.contracts, site.meta.as_of);
  const byDistrict = new Map<string, Map<string, FirmInPlace>>();
  const entry = (districtId: string, firm: Firm) => {
    let firms = byDistrict.get(districtId);
    if (!firms) byDistrict.set(districtId, (firms = new Map()));
    let e = firms.get(firm.id);
    if (!e) firms.set(firm.id, (e = { firm, compounds: [], recordedStreets: [] }));
    return e;
  };
  for (const c of site.rows.compounds) {
    const contract = current.get(c.id);
    const firm = contract ? site.firmById.get(contract.firm_id) : undefined;
    if (firm) entry(c.district_id, firm).compounds.push(c);
  }
  const record = (
    firmId: string | undefined,
    districtId: string | undefined,
    streetId: string | undefined,
    compoundId?: string,
  ) => {
    const firm = firmId === undefined ? undefined : site.firmById.get(firmId);
    const compound = compoundId === undefined ? undefined : site.compoundById.get(compoundId);
    const street = streetId ?? compound?.street_id;
    const district =
      districtId ?? compound?.district_id ?? (street ? site.streetById.get(street)?.district_id : undefined);
    if (!firm || district === undefined) return;
    const e = entry(district, firm);
    if (!e.recordedStreets.includes(street)) e.recordedStreets.push(street);
  };
  for (const h of site.rows.honours) record(h.firm_id, undefined, h.street_id, h.compound_id);
  for (const e of site.rows.evaluations) record(e.firm_id, e.district_id, e.street_id, e.compound_id);
  for (const c of site.rows.commitments) record(c.firm_id, c.district_id, c.street_id);
  const placed = new Set([...byDistrict.values()].flatMap((m) => [...m.keys()]));
  const order = (a: FirmInPlace, b: FirmInPlace) =>
    Number(a.firm.demo) - Number(b.firm.demo) || compareZh(a.firm.name, b.firm.name) || cmp(a.firm.id, b.firm.id);
  return {
    byDistrict: new Map([...byDistrict].map(([d, m]) => [d, [...m.values()].sort(order)])),
    none: demoLast(site.rows.firms.filter((f) => !placed.has(f.id))),
  };
});

/** A district's firms under each street they manage a compound in or are named in, with that street's compounds. */
export function firmsByStreetOf(
  firms: readonly FirmInPlace[],
  site: SiteData,
  districtId: string,
): StreetGroup<FirmInPlace>[] {
  const inDistrict = (sid: string | undefined) =>
    sid !== undefined && site.streetById.get(sid)?.district_id === districtId;
  return byStreet(site, districtId, firms, (f) => [...f.compounds.map((c) => c.street_id), ...f.recordedStreets]).map(
    (g) => ({
      street: g.street,
      // Firms managing a compound here first: they are who a resident of the street looks for.
      items: g.items
        .map((f) => ({
          ...f,
          compounds: f.compounds.filter((c) => (g.street ? c.street_id === g.street.id : !inDistrict(c.street_id))),
        }))
        .sort((a, b) => Number(a.compounds.length === 0) - Number(b.compounds.length === 0)),
    }),
  );
}

/** A notice is demo when its compound is demo or it cites a demo source. */
export function isDemoNotice(site: SiteData, n: MdxDoc<NoticeData>): boolean {
  return site.compoundById.get(n.data.compound)?.demo === true || isDemoSource(site, n.data.source);
}

/** Notices per district (newest first, as the model sorts them). */
export function noticesByDistrict(site: SiteData): Map<string, MdxDoc<NoticeData>[]> {
  const out = new Map<string, MdxDoc<NoticeData>[]>();
  for (const n of site.docs.notices) {
    const d = site.compoundById.get(n.data.compound)?.district_id;
    if (d === undefined) continue;
    const g = out.get(d);
    if (g) g.push(n);
    else out.set(d, [n]);
  }
  return out;
}

/** A district's notices by the street of their compound, real before demo. */
export function noticesByStreetOf(
  site: SiteData,
  districtId: string,
  notices: readonly MdxDoc<NoticeData>[],
): StreetGroup<MdxDoc<NoticeData>>[] {
  const real = notices.filter((n) => !isDemoNotice(site, n));
  const demo = notices.filter((n) => isDemoNotice(site, n));
  return byStreet(site, districtId, [...real, ...demo], (n) => [site.compoundById.get(n.data.compound)?.street_id]);
}

/** One district on the top index page: its count and its streets' counts, each linking into its district page. */
export interface PlaceEntry {
  id: string;
  name: string;
  /** City (and province) the district is in. */
  place: string;
  href: string;
  count: number;
  streets: { id: string; name: string; href: string; count: number }[];
}

/** The top index page's entries for these districts, counting what `streetGroups` puts on each district page. */
export function placeEntries(
  districts: readonly District[],
  districtHref: (id: string) => string,
  streetGroups: (districtId: string) => readonly StreetGroup<unknown>[],
  total: (districtId: string) => number,
): PlaceEntry[] {
  return districts.map((d) => {
    const href = districtHref(d.id);
    return {
      id: d.id,
      name: d.name,
      place: [d.province, d.city].filter(Boolean).join(''),
      href,
      count: total(d.id),
      streets: streetGroups(d.id).map((g) => ({
        id: g.street?.id ?? '',
        name: g.street?.name ?? '街道未公布',
        href: `${href}#${streetAnchor(g.street?.id)}`,
        count: g.items.length,
      })),
    };
  });
}

/** What a district holds, so a district with no compound rows can say what it does have. */
export interface DistrictHoldings {
  compounds: number;
  figures: number;
  cases: number;
  policies: number;
  honours: number;
}

export function districtHoldings(site: SiteData): Map<string, DistrictHoldings> {
  const out = new Map<string, DistrictHoldings>();
  for (const d of site.rows.districts)
    out.set(d.id, {
      compounds: list(site.compoundsByDistrict, d.id).length,
      figures: list(site.figuresByDistrict, d.id).length,
      cases: list(site.casesByDistrict, d.id).length,
      policies: list(site.policiesByDistrict, d.id).length,
      honours: 0,
    });
  for (const h of site.rows.honours) {
    const street = h.street_id ? site.streetById.get(h.street_id) : undefined;
    const compoundId =
      h.compound_id ?? (h.committee_id ? site.committeeById.get(h.committee_id)?.compound_id : undefined);
    const compound = compoundId ? site.compoundById.get(compoundId) : undefined;
    const d = compound?.district_id ?? street?.district_id;
    const held = d === undefined ? undefined : out.get(d);
    if (held) held.honours++;
  }
  return out;
}

/** "3 个小区、12 项公布的数字、2 个治理案例": only what the district has. */
export function holdingsText(h: DistrictHoldings): string {
  const parts = [
    [h.compounds, '个小区'],
    [h.figures, '项公布的数字'],
    [h.cases, '个治理案例'],
    [h.policies, '份政策文件'],
    [h.honours, '项荣誉'],
  ] as const;
  const said = parts.filter(([n]) => n > 0).map(([n, w]) => `${formatCount(n)} ${w}`);
  return said.length === 0 ? '暂无数据' : said.join('、');
}
