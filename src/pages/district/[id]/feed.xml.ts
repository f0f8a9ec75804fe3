/**
 * /district/<id>/feed.xml: a district's data changes, compound by compound, and its notices, for
 * residents and journalists who follow their area. One feed per district, not per compound: a
 * city of 15,000 compounds would otherwise publish 15,000 feeds (docs/sharding.md).
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getSiteData } from '../../../lib/model/load.ts';
import { districtFeedPaths } from '../../../lib/routes/static-paths.ts';
import { getSiteHistory } from '../../../lib/history/site.ts';
import { districtFeedEntries } from '../../../lib/history/feeds.ts';
import { changesFeed, FEED_LIMIT } from '../../../lib/history/atom.ts';
import { districtFeedHref, districtHref } from '../../../lib/views/urls.ts';
import { textResponse } from '../../../lib/routes/response.ts';

export const getStaticPaths = districtFeedPaths satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params, site: origin }) => {
  const site = await getSiteData();
  const district = site.districtById.get(params.id!)!;
  const xml = changesFeed({
    site: origin?.href ?? 'https://gongshi.example.org/',
    path: districtFeedHref(district.id),
    alternate: districtHref(district.id),
    title: `${district.name}:各小区数据更新与公告`,
    author: site.meta.title,
    entries: districtFeedEntries(site, district.id, getSiteHistory(site).byCompound, FEED_LIMIT),
    fallbackUpdated: site.meta.as_of,
  });
  return textResponse(xml, 'atom');
};
