/** /feed.xml: site-wide Atom feed of data changes (from git) and notices. */
import type { APIRoute } from 'astro';
import { getSiteData } from '../lib/model/load.ts';
import { getSiteHistory } from '../lib/history/site.ts';
import { siteFeedEntries } from '../lib/history/feeds.ts';
import { changesFeed } from '../lib/history/atom.ts';
import { siteFeedHref, changesHref } from '../lib/views/urls.ts';
import { textResponse } from '../lib/routes/response.ts';

export const GET: APIRoute = async ({ site: origin }) => {
  const site = await getSiteData();
  const xml = changesFeed({
    site: origin?.href ?? 'https://gongshi.example.org/',
    path: siteFeedHref,
    alternate: changesHref,
    title: `${site.meta.title}:数据更新与公告`,
    subtitle: '每次数据修改(取自 git 提交记录)和各小区新发布的公告',
    author: site.meta.title,
    entries: siteFeedEntries(site, getSiteHistory(site)),
    fallbackUpdated: site.meta.as_of,
  });
  return textResponse(xml, 'atom');
};
