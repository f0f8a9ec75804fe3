/** /data/gongshi-data.zip: every table (CSV, none zipped inside) and datapackage.json in one archive. */
import type { APIRoute } from 'astro';
import { getSiteData } from '../../lib/model/load.ts';
import { zipResponse } from '../../lib/routes/response.ts';
import { dataArchive } from '../../lib/opendata/archive.ts';
import { siteDataPackage } from '../../lib/opendata/datapackage.ts';
import { PUBLISHED_TABLES } from '../../lib/opendata/table.ts';
import { tableEntry } from '../../lib/routes/table-entry.ts';
import { fromBuildPool } from '../../lib/routes/build-pool.ts';
import { dataArchiveHref } from '../../lib/views/urls.ts';

export const GET: APIRoute = async () => {
  const site = await getSiteData();
  // Made on the archive worker while the pages rendered, when this build began it there (routes/city-downloads.ts).
  const made = fromBuildPool(site, dataArchiveHref);
  if (made) return zipResponse(await made);
  // Each table's CSV is made, in pieces, when the archive comes to it: never the city's text at once.
  const entries = [
    ...PUBLISHED_TABLES.map((t) => tableEntry(site, t)),
    { path: 'datapackage.json', text: () => siteDataPackage(site, 'archive') },
  ];
  return zipResponse(await dataArchive(entries, site.meta.as_of));
};
