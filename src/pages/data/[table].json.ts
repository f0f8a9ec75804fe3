/** /data/<table>.json: a whole table as cell text, with licence and schema link. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getSiteData } from '../../lib/model/load.ts';
import type { TableName } from '../../lib/schema/tables.ts';
import { shardSlice } from '../../lib/routes/shard.ts';
import { PUBLISHED_TABLES, tableJson } from '../../lib/opendata/table.ts';
import { type AnyRow } from '../../lib/model/types.ts';
import { textResponse } from '../../lib/routes/response.ts';

export const getStaticPaths = (() => shardSlice(PUBLISHED_TABLES).map((table) => ({ params: { table } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const site = await getSiteData();
  const table = params.table as TableName;
  return textResponse(tableJson(table, site.rows[table] as readonly AnyRow[], site.meta), 'json');
};
