/**
 * Cache keys of the street, district and per-district ranking pages (/street/<id>/,
 * /district/<id>/, /rankings/<district>/), for Astro's incremental build. Each such page lists
 * its area's compounds with figures worked out from their rows (contracts, committees, fees,
 * fund ledger), so its key takes in every row of each of those compounds, the area's own rows
 * (its view model from views/directory/area-rows.ts, or the ranking page's evaluations and
 * figures) and every row those rows name, with their corrections and cited sources: a
 * one-compound edit re-renders only its street's, its district's and its district's ranking page.
 * tests/unit/routes/area-keys.test.ts changes each input in turn.
 */
import type { AnyRow, MdxDoc, SiteData } from '../model/types.ts';
import { list } from '../util/group.ts';
import { districtRows, streetRows, type AreaRows } from '../views/directory/area-rows.ts';
import { evaluationsOfDistrict } from '../views/directory/rankings-pages.ts';
import { docInput } from './page-keys.ts';
import { ShownRows, compoundRows, feed, nameOnce, namedBy, type NamedRef } from './key-hash.ts';
import { perSite } from '../util/memo.ts';

/**
 * Takes in the rows a shown row names by id (key-hash.ts namedBy): a table shows a firm's,
 * compound's, street's or district's name (an honour to a committee, its compound's). Each named
 * row once per key: a compound's ten thousand ledger rows all name the compound.
 */
function namer(key: ShownRows): (ref: NamedRef) => void {
  const { site } = key;
  const seen = new Map<string, NamedRef>();
  const maps: Record<NamedRef[0], ReadonlyMap<string, unknown>> = {
    firms: site.firmById,
    compounds: site.compoundById,
    committees: site.committeeById,
    streets: site.streetById,
    districts: site.districtById,
  };
  const name = (ref: NamedRef) => {
    if (!nameOnce(seen, ref)) return;
    const [table, id] = ref;
    const row = maps[table].get(id) as AnyRow | undefined;
    key.row(table, row);
    if (table === 'committees' && typeof row?.compound_id === 'string') name(['compounds', row.compound_id]);
  };
  return name;
}

/** Rows the page shows, each with its corrections, its source and the rows it names. */
function feedShown(key: ShownRows, named: (ref: NamedRef) => void, table: string, rows: readonly object[]): void {
  for (const row of rows as readonly AnyRow[]) {
    key.row(table, row);
    for (const ref of namedBy(row)) named(ref);
  }
}

/** A digest of everything one compound brings to the area pages listing it, made once per build. */
const compoundDigest = perSite((site: SiteData, compoundId: string): string => {
  const key = new ShownRows(site);
  const named = namer(key);
  const own = compoundRows(site, compoundId);
  feed(key.h, 'rows', own.digest);
  for (const id of own.sources) key.cite(id);
  // The compound's own row is among its rows, with its corrections (relations.ts files a
  // correction under the compound of the row it corrects); the rows they name are not.
  for (const ref of own.named) named(ref);
  return key.digest();
});

function feedCompounds(key: ShownRows, compounds: readonly { id: string }[]): void {
  for (const c of compounds) feed(key.h, 'compound', compoundDigest(key.site, c.id));
}

/** An area's view model as a whole (documents by their entry), then each row's named rows and the documents' sources. */
function feedArea(key: ShownRows, rows: AreaRows): void {
  const { policies, cases, ...tables } = rows;
  const docs = (d: readonly MdxDoc<{ source?: string }>[]) => d.map((doc) => docInput(doc as MdxDoc<unknown>));
  feed(key.h, 'area', { ...tables, policies: docs(policies), cases: docs(cases) });
  feedCompounds(key, rows.compounds);
  const named = namer(key);
  feedShown(key, named, 'figures', rows.figures);
  feedShown(key, named, 'commitments', rows.commitments);
  feedShown(key, named, 'honours', rows.honours);
  for (const doc of [...policies, ...cases]) key.cite(doc.data.source);
}

/** /street/<id>/: the street, its district, its view model (streetRows) and its compounds. */
export function streetPageKey(site: SiteData, streetId: string): string {
  const key = new ShownRows(site);
  feed(key.h, 'meta', site.meta);
  const street = site.streetById.get(streetId);
  key.row('streets', street as AnyRow | undefined);
  key.row('districts', (street ? site.districtById.get(street.district_id) : undefined) as AnyRow | undefined);
  feedArea(key, streetRows(site, streetId));
  return key.digest();
}

/** /district/<id>/: the district, its streets (each listed with its count of compounds), its view model and compounds. */
export function districtPageKey(site: SiteData, districtId: string): string {
  const key = new ShownRows(site);
  feed(key.h, 'meta', site.meta);
  key.row('districts', site.districtById.get(districtId) as AnyRow | undefined);
  for (const s of list(site.streetsByDistrict, districtId)) {
    key.row('streets', s as AnyRow);
    // Counted by street, not by district: a compound filed under another district still counts here.
    feed(key.h, 'compounds in street', list(site.compoundsByStreet, s.id).length);
  }
  feedArea(key, districtRows(site, districtId));
  return key.digest();
}

/** /rankings/<district>/: the district, its compounds (fees, firms), its evaluations and its figures. */
export function rankingsPageKey(site: SiteData, districtId: string): string {
  const key = new ShownRows(site);
  feed(key.h, 'meta', site.meta);
  key.row('districts', site.districtById.get(districtId) as AnyRow | undefined);
  feedCompounds(key, list(site.compoundsByDistrict, districtId));
  const named = namer(key);
  feedShown(key, named, 'evaluations', evaluationsOfDistrict(site, districtId));
  feedShown(key, named, 'figures', list(site.figuresByDistrict, districtId));
  return key.digest();
}
