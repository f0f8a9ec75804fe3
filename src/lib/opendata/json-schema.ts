/**
 * JSON Schema (draft 2020-12) of one table's rows as published in the downloads:
 * objects of cell text, blank cells left out. Generated from the column metadata
 * of the zod schemas, so the published schema cannot drift from the validator.
 */
import { TABLES, type TableName } from '../schema/tables.ts';
import { tableColumns, type ColumnInfo } from '../schema/column-info.ts';
import { CELL_PATTERNS } from '../schema/patterns.ts';
import { downloadPaths } from '../views/urls.ts';

function property(c: ColumnInfo): Record<string, unknown> {
  const p: Record<string, unknown> = {
    type: 'string',
    title: c.title,
    description: c.meta.description,
    examples: c.meta.examples,
    'x-format': c.meta.format,
  };
  if (c.kind === 'enum' || c.kind === 'bool') p.enum = c.meta.enum;
  else if (c.kind === 'enum-list') {
    const alt = (c.meta.enum ?? []).join('|');
    p.pattern = `^(?:${alt})(?:;(?:${alt}))*$`;
  } else if (CELL_PATTERNS[c.kind]) p.pattern = CELL_PATTERNS[c.kind];
  if (c.kind === 'date') p.format = 'date';
  if (c.meta.unit) p['x-unit'] = c.meta.unit;
  if (c.meta.references) p['x-references'] = c.meta.references;
  return p;
}

export function tableJsonSchema(table: TableName, site = 'https://gongshi.example.org'): Record<string, unknown> {
  const cols = tableColumns(table);
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: new URL(downloadPaths(table).schema, site).href,
    title: `${TABLES[table].title}(${table})`,
    description: `${TABLES[table].description} Each row of /data/${table}.csv as an object of its cell text (as in the district archives' JSON), blank cells left out; money in yuan with up to two decimals.`,
    type: 'object',
    properties: Object.fromEntries(cols.map((c) => [c.name, property(c)])),
    required: cols.filter((c) => c.required).map((c) => c.name),
    additionalProperties: false,
  };
}
