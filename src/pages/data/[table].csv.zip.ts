/** /data/<table>.csv.zip: a table published zipped (views/urls.ts, ZIPPED_DOWNLOADS), its CSV inside. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getSiteData } from '../../lib/model/load.ts';
import type { TableName } from '../../lib/schema/tables.ts';
import { tableStaticPaths } from '../../lib/routes/static-paths.ts';
import { PUBLISHED_TABLES } from '../../lib/opendata/table.ts';
import { dataArchive } from '../../lib/opendata/archive.ts';
import { tableEntry } from '../../lib/routes/table-entry.ts';
import { zipResponse } from '../../lib/routes/response.ts';
import { fromBuildPool } from '../../lib/routes/build-pool.ts';
import { downloadPaths } from '../../lib/views/urls.ts';

export const getStaticPaths = (() =>
  tableStaticPaths(
    PUBLISHED_TABLES.filter((t) => downloadPaths(t).zipped),
    true,
  )) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const site = await getSiteData();
  const table = params.table as TableName;
  // Made on the archive worker with the city archive, when this build began it there (routes/city-downloads.ts).
  const made = fromBuildPool(site, downloadPaths(table).csv);
  if (made) return zipResponse(await made);
  // In pieces: the city's ledger is never one text in memory.
  return zipResponse(await dataArchive([tableEntry(site, table)], site.meta.as_of));
};
