/** /data/fund-warning.csv: the rows of /data/fund-warning/, real compounds first. */
import type { APIRoute } from 'astro';
import { getSiteData } from '../../lib/model/load.ts';
import { fundWarningCsv } from '../../lib/opendata/lists.ts';
import { fundWarnings } from '../../lib/views/directory/fund-warning.ts';
import { demoLast } from '../../lib/views/directory/indexes.ts';
import { textResponse } from '../../lib/routes/response.ts';

export const GET: APIRoute = async () => {
  const site = await getSiteData();
  const rows = demoLast(fundWarnings(site).rows.map((r) => ({ ...r, demo: r.compound.demo })));
  return textResponse(fundWarningCsv(site, rows), 'csv');
};
