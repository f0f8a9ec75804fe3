/** /compound/<id>/data.json: the compound's rows, one section per table. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getSiteData } from '../../../lib/model/load.ts';
import { compoundStaticPaths } from '../../../lib/routes/static-paths.ts';
import { rowsOfCompound } from '../../../lib/model/relations.ts';
import { siteCompoundIndex, siteTables } from '../../../lib/model/tables.ts';
import { compoundJson } from '../../../lib/opendata/compound.ts';

export const getStaticPaths = compoundStaticPaths satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const site = await getSiteData();
  const sections = rowsOfCompound(siteTables(site), siteCompoundIndex(site), params.id!);
  return new Response(compoundJson(params.id!, sections, site.meta), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
