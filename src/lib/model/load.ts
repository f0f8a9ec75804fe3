/**
 * The site model of this build, loaded once per process.
 *
 * Every table reaches the pages by one route: the rows the build gate
 * checked (src/lib/validate/once.ts). None is copied into Astro's content
 * store, which for a city's 2.4 million rows cost ~8.5 KB a row (bench/README.md).
 * Only the MDX collections come from Astro, which renders them.
 */
import { buildRows, type CheckedRows } from '../validate/once.ts';
import { buildSiteData } from './build.ts';
import type { MdxDocs, SiteData } from './types.ts';

const MDX_COLLECTIONS = ['notices', 'audits', 'policies', 'cases'] as const;

async function load({ meta, rows }: CheckedRows): Promise<SiteData> {
  const { getCollection } = await import('astro:content');
  // Collection names are only known to Astro's generated types once content.config.ts exists.
  const get = getCollection as unknown as (name: string) => Promise<{ id: string; data: unknown }[]>;
  const docsEntries = await Promise.all(
    MDX_COLLECTIONS.map(
      async (name) => [name, (await get(name)).map((e) => ({ id: e.id, data: e.data, entry: e }))] as const,
    ),
  );
  const docs = Object.fromEntries(docsEntries) as unknown as MdxDocs;
  return buildSiteData(meta, rows, docs);
}

let memo: { from: Promise<CheckedRows>; site: Promise<SiteData> } | undefined;

/** All site data, loaded and indexed once per process (again only when dev re-checks the files). */
export function getSiteData(): Promise<SiteData> {
  const from = buildRows();
  if (memo?.from !== from) memo = { from, site: from.then(load) };
  return memo.site;
}
