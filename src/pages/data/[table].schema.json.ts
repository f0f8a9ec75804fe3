/** /data/<table>.schema.json: JSON Schema of the table's published rows, from the zod schemas. */
import type { APIRoute, GetStaticPaths } from 'astro';
import type { TableName } from '../../lib/schema/tables.ts';
import { shardSlice } from '../../lib/routes/shard.ts';
import { PUBLISHED_TABLES } from '../../lib/opendata/table.ts';
import { tableJsonSchema } from '../../lib/opendata/json-schema.ts';
import { textResponse } from '../../lib/routes/response.ts';

export const getStaticPaths = (() => shardSlice(PUBLISHED_TABLES).map((table) => ({ params: { table } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params, site }) =>
  textResponse(JSON.stringify(tableJsonSchema(params.table as TableName, site?.href), null, 2) + '\n', 'schema+json');
