/** Feed entries for the site-wide and per-district Atom feeds: changes from git, and notices. */
import { type SiteData } from '../model/types.ts';
import type { FeedEntry } from './atom.ts';
import type { CompoundHistory } from './compound.ts';
import { commitTitle, describeContentChange, describeRowChange, summariseRows } from './describe.ts';
import type { SiteHistory } from './site.ts';
import { cmp } from '../util/compare.ts';
import { list } from '../util/group.ts';
import { changesCommitHref, compoundHistoryCommitHref, noticeHref } from '../views/urls.ts';

/** A staff subject is marked as a data update; a derived title already says what it updated. */
function feedTitle(c: Parameters<typeof commitTitle>[0]): string {
  const title = commitTitle(c);
  return title === c.commit.subject ? `数据更新:${title}` : title;
}

function noticeEntries(site: SiteData, districtId?: string): FeedEntry[] {
  return site.docs.notices
    .filter((n) => districtId === undefined || site.compoundById.get(n.data.compound ?? '')?.district_id === districtId)
    .map((n) => {
      const compound = site.compoundById.get(n.data.compound ?? '');
      return {
        id: `notice:${n.id}`,
        title: `${compound?.name ?? ''} 公告:${n.data.title}`,
        updated: n.data.date,
        link: noticeHref(n.id),
        summary: n.data.summary,
      };
    });
}

export function siteFeedEntries(site: SiteData, h: SiteHistory): FeedEntry[] {
  const changes = h.history.commits.map((c) => ({
    id: `commit:${c.commit.hash}`,
    title: feedTitle(c),
    updated: c.commit.time,
    link: changesCommitHref(c.commit.hash),
    summary: [c.rowCount > 0 ? summariseRows(c.tables) : '', ...c.content.map(describeContentChange)]
      .filter(Boolean)
      .join(';'),
  }));
  return [...changes, ...noticeEntries(site)];
}

/**
 * A district's feed: each change as it concerns one compound (titled with the compound's name,
 * linking to that compound's history), and the district's notices. The newest `limit` changes are
 * chosen from the commits' dates first and only their rows are read: a feed shows that many, and
 * reading a district's whole history would read every row change of it.
 */
export function districtFeedEntries(
  site: SiteData,
  districtId: string,
  history: Pick<CompoundHistory, 'get' | 'commitsOf'>,
  limit: number,
): FeedEntry[] {
  const pairs = list(site.compoundsByDistrict, districtId).flatMap((c) =>
    history.commitsOf(c.id).map((commit) => ({ compound: c, commit, id: `commit:${commit.hash}:${c.id}` })),
  );
  // The feed's own order (atom.ts: newest first, then by entry id), so the cut keeps what it would show.
  const newest = pairs
    .sort((a, b) => Date.parse(b.commit.time) - Date.parse(a.commit.time) || cmp(a.id, b.id))
    .slice(0, limit);
  const chosen = new Set(newest.map((p) => p.id));
  const changes = [...new Set(newest.map((p) => p.compound))].flatMap((compound) =>
    (history.get(compound.id) ?? [])
      .filter((c) => chosen.has(`commit:${c.commit.hash}:${compound.id}`))
      .map((c) => {
        const lines = [...c.rows.map(describeRowChange), ...c.content.map(describeContentChange)];
        return {
          id: `commit:${c.commit.hash}:${compound.id}`,
          title: `${compound.name} ${feedTitle(c)}`,
          updated: c.commit.time,
          link: compoundHistoryCommitHref(compound.id, c.commit.hash),
          summary: lines.length > 8 ? `${lines.slice(0, 8).join(';')}……共 ${lines.length} 项` : lines.join(';'),
        };
      }),
  );
  return [...changes, ...noticeEntries(site, districtId)];
}
