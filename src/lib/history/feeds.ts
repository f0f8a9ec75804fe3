/** Feed entries for the site-wide and per-compound Atom feeds: changes from git, and notices. */
import { type SiteData } from '../model/types.ts';
import type { FeedEntry } from './atom.ts';
import type { CompoundCommit } from './compound.ts';
import { commitTitle, describeContentChange, describeRowChange, summariseRows } from './describe.ts';
import type { SiteHistory } from './site.ts';
import { changesCommitHref, compoundHistoryCommitHref, noticeHref } from '../views/urls.ts';

/** A staff subject is marked as a data update; a derived title already says what it updated. */
function feedTitle(c: Parameters<typeof commitTitle>[0]): string {
  const title = commitTitle(c);
  return title === c.commit.subject ? `数据更新:${title}` : title;
}

function noticeEntries(site: SiteData, compoundId?: string): FeedEntry[] {
  return site.docs.notices
    .filter((n) => compoundId === undefined || n.data.compound === compoundId)
    .map((n) => {
      const compound = site.compoundById.get(n.data.compound ?? '');
      return {
        id: `notice:${n.id}`,
        title: compoundId ? `公告:${n.data.title}` : `${compound?.name ?? ''} 公告:${n.data.title}`,
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

export function compoundFeedEntries(
  site: SiteData,
  compoundId: string,
  commits: readonly CompoundCommit[],
): FeedEntry[] {
  const changes = commits.map((c) => {
    const lines = [...c.rows.map(describeRowChange), ...c.content.map(describeContentChange)];
    return {
      id: `commit:${c.commit.hash}:${compoundId}`,
      title: feedTitle(c),
      updated: c.commit.time,
      link: compoundHistoryCommitHref(compoundId, c.commit.hash),
      summary: lines.length > 8 ? `${lines.slice(0, 8).join(';')}……共 ${lines.length} 项` : lines.join(';'),
    };
  });
  return [...changes, ...noticeEntries(site, compoundId)];
}
