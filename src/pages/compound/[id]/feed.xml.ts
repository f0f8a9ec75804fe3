/** /compound/<id>/feed.xml: one compound's data changes and notices, for residents and journalists who follow it. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getSiteData } from '../../../lib/model/load.ts';
import { compoundStaticPaths } from '../../../lib/routes/static-paths.ts';
import { getSiteHistory } from '../../../lib/history/site.ts';
import { compoundFeedEntries } from '../../../lib/history/feeds.ts';
import { changesFeed } from '../../../lib/history/atom.ts';
import { compoundFeedHref, compoundHref } from '../../../lib/views/urls.ts';
import { textResponse } from '../../../lib/routes/response.ts';

export const getStaticPaths = compoundStaticPaths satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params, site: origin }) => {
  const site = await getSiteData();
  const id = params.id!;
  const compound = site.compoundById.get(id)!;
  const commits = getSiteHistory(site).byCompound.get(id) ?? [];
  const xml = changesFeed({
    site: origin?.href ?? 'https://gongshi.example.org/',
    path: compoundFeedHref(id),
    alternate: compoundHref(id),
    title: `${compound.name}:数据更新与公告`,
    author: site.meta.title,
    entries: compoundFeedEntries(site, id, commits),
    fallbackUpdated: site.meta.as_of,
  });
  return textResponse(xml, 'atom');
};
