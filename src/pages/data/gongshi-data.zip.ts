/** /data/gongshi-data.zip: every table (CSV, none zipped inside) and datapackage.json in one archive. */
import type { APIRoute } from 'astro';
import { getSiteData } from '../../lib/model/load.ts';
import type { AnyRow } from '../../lib/model/types.ts';
import { zipResponse } from '../../lib/routes/response.ts';
import { dataArchive } from '../../lib/opendata/archive.ts';
import { siteDataPackage } from '../../lib/opendata/datapackage.ts';
import { PUBLISHED_TABLES, tableCsv } from '../../lib/opendata/table.ts';

export const GET: APIRoute = async () => {
  const site = await getSiteData();
  const entries = [
    ...PUBLISHED_TABLES.map((t) => ({ path: `${t}.csv`, text: tableCsv(t, site.rows[t] as readonly AnyRow[]) })),
    { path: 'datapackage.json', text: siteDataPackage(site, 'archive') },
  ];
  return zipResponse(dataArchive(entries, site.meta.as_of));
};
