/** /data/<table>.csv: a whole table, UTF-8 with BOM, CRLF, formula-safe (zipped tables: [table].csv.zip.ts). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getSiteData } from '../../lib/model/load.ts';
import type { TableName } from '../../lib/schema/tables.ts';
import { shardSlice } from '../../lib/routes/shard.ts';
import { PUBLISHED_TABLES, tableCsv } from '../../lib/opendata/table.ts';
import { type AnyRow } from '../../lib/model/types.ts';
import { textResponse } from '../../lib/routes/response.ts';
import { downloadPaths } from '../../lib/views/urls.ts';

export const getStaticPaths = (() =>
  shardSlice(PUBLISHED_TABLES.filter((t) => !downloadPaths(t).zipped)).map((table) => ({
    params: { table },
  }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const site = await getSiteData();
  const table = params.table as TableName;
  return textResponse(tableCsv(table, site.rows[table] as readonly AnyRow[]), 'csv');
};
