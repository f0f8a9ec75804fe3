/** /data/<table>.csv: a whole table, UTF-8 with BOM, CRLF, formula-safe (zipped tables: [table].csv.zip.ts). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getSiteData } from '../../lib/model/load.ts';
import type { TableName } from '../../lib/schema/tables.ts';
import { tableStaticPaths } from '../../lib/routes/static-paths.ts';
import { PUBLISHED_TABLES, tableCsv } from '../../lib/opendata/table.ts';
import { type AnyRow } from '../../lib/model/types.ts';
import { textResponse } from '../../lib/routes/response.ts';
import { fromBuildPool } from '../../lib/routes/build-pool.ts';
import { downloadPaths } from '../../lib/views/urls.ts';

export const getStaticPaths = (() =>
  tableStaticPaths(
    PUBLISHED_TABLES.filter((t) => !downloadPaths(t).zipped),
    false,
  )) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const site = await getSiteData();
  const table = params.table as TableName;
  // Written on the archive worker with the city archive, when this build began it there (routes/city-downloads.ts).
  const made = fromBuildPool(site, downloadPaths(table).csv);
  if (made) return textResponse(await made, 'csv');
  return textResponse(tableCsv(table, site.rows[table] as readonly AnyRow[]), 'csv');
};
