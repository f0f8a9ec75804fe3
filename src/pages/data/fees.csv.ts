/** /data/fees.csv: every compound of /data/fees/ with its firm, rate, collection and corrections. */
import type { APIRoute } from 'astro';
import { getSiteData } from '../../lib/model/load.ts';
import { feeComparisonCsv } from '../../lib/opendata/lists.ts';
import { siteFees } from '../../lib/views/directory/fees.ts';
import { textResponse } from '../../lib/routes/response.ts';

export const GET: APIRoute = async () => {
  const site = await getSiteData();
  const { rows, firmOf } = siteFees(site);
  return textResponse(feeComparisonCsv(site, rows, (id) => firmOf.get(id)), 'csv');
};
