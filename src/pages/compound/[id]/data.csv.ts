/** /compound/<id>/data.csv: every row of every table that concerns the compound, with a `table` column. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getSiteData } from '../../../lib/model/load.ts';
import { compoundStaticPaths } from '../../../lib/routes/static-paths.ts';
import { rowsOfCompound } from '../../../lib/model/relations.ts';
import { siteCompoundIndex, siteTables } from '../../../lib/model/tables.ts';
import { compoundCsv } from '../../../lib/opendata/compound.ts';
import { textResponse } from '../../../lib/routes/response.ts';

export const getStaticPaths = compoundStaticPaths satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const site = await getSiteData();
  const sections = rowsOfCompound(siteTables(site), siteCompoundIndex(site), params.id!);
  return textResponse(compoundCsv(sections), 'csv');
};
