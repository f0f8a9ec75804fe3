/**
 * JSON Schema (draft 2020-12) of one CSV table's row, as the CSV gives it: every
 * cell a string. Generated from the same zod schema the loader uses, so the
 * open-data pages and `npm run docs` can never describe a different standard.
 *
 * zod writes the column metadata (`.meta()`) into each property verbatim; keys
 * that are not JSON Schema keywords, or that mean something else there
 * (`required: true` on a property, `format` with a Chinese description, `enum` on
 * a semicolon list), are moved to `x-gongshi-*` extension keys so a standard
 * validator reads the schema correctly.
 */
import { z } from 'astro/zod';
import { columnsOf, TABLES, type TableName } from './tables.ts';

type Json = Record<string, unknown>;

function cleanColumn(schema: Json): void {
  const { format, kind, references, unit, allowFuture, enum: values } = schema;
  // `kind` is the builders' own name for the value's type; `x-gongshi-format` says it for readers.
  for (const k of ['format', 'kind', 'required', 'references', 'unit', 'allowFuture', 'enum']) delete schema[k];
  if (typeof format === 'string') schema['x-gongshi-format'] = format;
  if (typeof unit === 'string') schema['x-gongshi-unit'] = unit;
  if (typeof references === 'string') schema['x-gongshi-references'] = references;
  if (allowFuture === true) schema['x-gongshi-allow-future'] = true;
  if (Array.isArray(values)) {
    // A list column ("保安;保洁") holds several values per cell: not a JSON Schema enum.
    if (kind === 'enum-list') schema['x-gongshi-enum-list'] = values;
    else schema.enum = values;
  }
}

export function tableJsonSchema(name: TableName): Json {
  const def = TABLES[name];
  const json = z.toJSONSchema(def.schema, {
    io: 'input',
    override: (ctx) => {
      if (ctx.zodSchema !== def.schema) cleanColumn(ctx.jsonSchema as Json);
    },
  }) as Json;
  const columns = columnsOf(name);
  // Cells are strings in a CSV and blank means "not given"; a required column must be non-blank.
  for (const c of columns) {
    const prop = (json.properties as Record<string, Json>)[c.name];
    if (!prop) continue;
    prop.examples = c.meta.examples;
    if (c.meta.required) prop.minLength = 1;
  }
  return {
    $schema: json.$schema,
    $id: `https://gongshi.example.org/schema/v1/${name}.json`,
    title: `${def.title}(data/${name}.csv 的一行)`,
    description: def.description,
    type: 'object',
    properties: json.properties,
    required: columns.filter((c) => c.meta.required).map((c) => c.name),
    additionalProperties: false,
  };
}
