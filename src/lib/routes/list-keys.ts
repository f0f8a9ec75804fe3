/**
 * Cache keys of the per-district index pages (/compound/district/<id>/, /firm/district/<id>/,
 * /notices/district/<id>/) and the district feeds (/district/<id>/feed.xml), for Astro's
 * incremental build. Each key is the page's view model (views/directory/indexes.ts,
 * history/feeds.ts) cut to what the page prints: a list shows a compound's name and demo mark,
 * not its fees or its note, so a one-compound edit re-renders a district's lists only when it
 * changes what they print. tests/unit/routes/list-keys.test.ts changes each cell in turn.
 */
import { createHash } from 'node:crypto';
import { districtFeedEntries } from '../history/feeds.ts';
import { getSiteHistory } from '../history/site.ts';
import type { CompoundHistory } from '../history/compound.ts';
import type { MdxDoc, NoticeData, SiteData } from '../model/types.ts';
import type { Compound } from '../schema/compounds.ts';
import type { Row } from '../schema/tables.ts';
import {
  compoundsByStreetOf,
  firmsByDistrict,
  firmsByStreetOf,
  isDemoNotice,
  noticesByDistrict,
  noticesByStreetOf,
  type StreetGroup,
} from '../views/directory/indexes.ts';
import { FEED_LIMIT } from '../history/atom.ts';
import { feed } from './key-hash.ts';
import { perSite } from '../util/memo.ts';

/** The city-wide grouping the notice lists cut their district's share from, made once per build (firmsByDistrict keeps its own). */
const noticesOf = perSite((site: SiteData, _: 'notices') => noticesByDistrict(site));

const shownCompound = (c: Compound) => ({ id: c.id, name: c.name, demo: c.demo });

/** The street headings and jump list: each street's id and name, then what is listed under it (a page leaves out empty streets). */
function shownGroups<T>(groups: readonly StreetGroup<T>[], item: (t: T) => unknown): unknown {
  return groups
    .filter((g) => g.items.length > 0)
    .map((g) => ({
      street: g.street ? { id: g.street.id, name: g.street.name } : undefined,
      items: g.items.map(item),
    }));
}

/** Meta (title and footer), the district's name, then the page's own view. */
function listKey(site: SiteData, districtId: string, view: unknown): string {
  const h = createHash('sha256');
  feed(h, 'meta', site.meta);
  feed(h, 'district', site.districtById.get(districtId)?.name);
  feed(h, 'view', view);
  return h.digest('hex').slice(0, 32);
}

/** /compound/district/<id>/: the district's compounds by street. */
export function compoundListKey(site: SiteData, districtId: string): string {
  return listKey(site, districtId, shownGroups(compoundsByStreetOf(site, districtId), shownCompound));
}

/** /firm/district/<id>/: the firms serving or named in the district by street, with the compounds they serve. */
export function firmListKey(site: SiteData, districtId: string): string {
  const firms = firmsByDistrict(site).byDistrict.get(districtId) ?? [];
  const firm = (f: Row<'firms'>) => ({ id: f.id, name: f.name, demo: f.demo });
  return listKey(
    site,
    districtId,
    shownGroups(firmsByStreetOf(firms, site, districtId), (x) => ({
      firm: firm(x.firm),
      compounds: x.compounds.map(shownCompound),
    })),
  );
}

/** /notices/district/<id>/: the district's notices by street, each with its date, headline, compound name and demo mark. */
export function noticeListKey(site: SiteData, districtId: string): string {
  const notices = noticesOf(site, 'notices').get(districtId) ?? [];
  const notice = (n: MdxDoc<NoticeData>) => ({
    id: n.id,
    date: n.data.date,
    title: n.data.title,
    compound: site.compoundById.get(n.data.compound)?.name,
    demo: isDemoNotice(site, n),
  });
  return listKey(site, districtId, shownGroups(noticesByStreetOf(site, districtId, notices), notice));
}

/** /district/<id>/feed.xml: the entries it carries (changes from git and notices), whole. */
export function districtFeedKey(
  site: SiteData,
  districtId: string,
  history: Pick<CompoundHistory, 'get' | 'commitsOf'> = getSiteHistory(site).byCompound,
): string {
  return listKey(site, districtId, districtFeedEntries(site, districtId, history, FEED_LIMIT));
}
