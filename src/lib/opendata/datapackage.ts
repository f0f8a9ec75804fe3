/**
 * A Frictionless Tabular Data Package (datapackage.json) describing every
 * download in /data/: one resource per table with its Table Schema (types,
 * constraints, primary and foreign keys), the licence and the sources cited.
 * Journalists' tools (frictionless, Open Refine, R and Python readers) open the
 * whole dataset from it. Generated from the column metadata of the zod schemas,
 * like the JSON Schemas, so it cannot drift from the validator.
 */
import { TABLES, type TableName } from '../schema/tables.ts';
import { tableColumns, type ColumnInfo } from '../schema/column-info.ts';
import type { ColumnKind } from '../schema/columns.ts';
import type { DatasetMeta } from '../dataset/types.ts';
import type { SiteData } from '../model/types.ts';
import { CELL_PATTERNS } from '../schema/patterns.ts';
import { PUBLISHED_TABLES } from './table.ts';
import { downloadPaths } from '../views/urls.ts';

/** Frictionless names allow lower-case letters, digits and `-._/`, not `_`. */
export const resourceName = (table: string): string => table.replaceAll('_', '-');

const TYPES: Record<ColumnKind, string> = {
  id: 'string',
  text: 'string',
  url: 'string',
  int: 'integer',
  decimal: 'number',
  percent: 'number',
  money: 'number',
  date: 'date',
  // A year or a month alone is a partial date; no Frictionless type takes all three forms.
  'partial-date': 'string',
  year: 'year',
  bool: 'boolean',
  enum: 'string',
  'enum-list': 'string',
  'credit-code': 'string',
};

function field(c: ColumnInfo): Record<string, unknown> {
  const f: Record<string, unknown> = {
    name: c.name,
    title: c.title,
    description: c.meta.unit ? `${c.meta.description} (${c.meta.unit})` : c.meta.description,
    type: TYPES[c.kind],
  };
  const constraints: Record<string, unknown> = {};
  if (c.required) constraints.required = true;
  if (c.kind === 'bool') {
    f.trueValues = ['是'];
    f.falseValues = ['否'];
  } else if (c.kind === 'enum') constraints.enum = c.meta.enum;
  else if (c.kind === 'enum-list') {
    const alt = (c.meta.enum ?? []).join('|');
    constraints.pattern = `(?:${alt})(?:;(?:${alt}))*`;
  } else if (TYPES[c.kind] === 'string' && CELL_PATTERNS[c.kind]) {
    // Table Schema patterns match the whole value: drop the JSON Schema anchors.
    constraints.pattern = CELL_PATTERNS[c.kind]!.replace(/^\^/, '').replace(/\$$/, '');
  }
  if (c.name === 'id') constraints.unique = true;
  if (Object.keys(constraints).length > 0) f.constraints = constraints;
  return f;
}

function foreignKeys(table: TableName): Record<string, unknown>[] {
  return tableColumns(table)
    .filter((c) => typeof c.meta.references === 'string')
    .map((c) => ({
      fields: c.name,
      // An empty resource name is the Table Schema way to say "this same table".
      reference: { resource: c.meta.references === table ? '' : resourceName(c.meta.references!), fields: 'id' },
    }));
}

export interface PackageSource {
  title: string;
  path?: string;
}

/** The licence as a Frictionless licence object, with the SPDX id where the text names one. */
function licence(text: string): Record<string, string> {
  const m = /^CC[ -]BY(?:[ -](SA))?[ -](\d\.\d)$/i.exec(text.trim());
  if (!m) return { name: text, title: text };
  const sa = m[1] ? '-SA' : '';
  const version = m[2]!;
  return {
    name: `CC-BY${sa}-${version}`,
    title: text,
    path: `https://creativecommons.org/licenses/by${sa.toLowerCase()}/${version}/`,
  };
}

/** Where the package's CSVs are: beside it in /data/ (some zipped), or unzipped beside it in the bulk archive. */
type PackagePlace = 'site' | 'archive';

/** A resource's file: a zipped download says so, for readers that do not guess from the name. */
function resourceFile(table: TableName, place: PackagePlace): Record<string, string> {
  const d = downloadPaths(table);
  return place === 'site' && d.zipped ? { path: d.file, compression: 'zip' } : { path: `${table}.csv` };
}

function dataPackage(
  tables: readonly TableName[],
  meta: DatasetMeta,
  sources: readonly PackageSource[],
  place: PackagePlace,
): Record<string, unknown> {
  return {
    profile: 'tabular-data-package',
    name: 'gongshi',
    title: meta.title,
    description: `住宅小区治理信息公开数据,数据日期 ${meta.as_of},数据标准第 ${meta.standard_version} 版。每行注明来源(source_id → sources 表)。`,
    version: `${meta.standard_version}.0.0`,
    // The data's as-of date, not the build clock: builds are byte-identical.
    created: `${meta.as_of}T00:00:00Z`,
    licenses: [licence(meta.licence)],
    sources: sources.map((s) => (s.path ? { title: s.title, path: s.path } : { title: s.title })),
    resources: tables.map((table) => ({
      profile: 'tabular-data-resource',
      name: resourceName(table),
      title: TABLES[table].title,
      description: TABLES[table].description,
      ...resourceFile(table, place),
      format: 'csv',
      mediatype: 'text/csv',
      // The downloads start with a BOM (so Excel on Chinese Windows reads UTF-8); readers skip it.
      encoding: 'utf-8',
      dialect: { delimiter: ',', lineTerminator: '\r\n', quoteChar: '"', doubleQuote: true, header: true },
      schema: {
        fields: tableColumns(table).map(field),
        missingValues: [''],
        primaryKey: 'id',
        ...(foreignKeys(table).length > 0 ? { foreignKeys: foreignKeys(table) } : {}),
      },
    })),
  };
}

/** The site's package: every published table, the dataset's licence, every source with its link where known. */
export function siteDataPackage(site: Pick<SiteData, 'rows' | 'meta'>, place: PackagePlace): string {
  const sources = site.rows.sources.map((s) => ({ title: `${s.publisher}:${s.title}`, path: s.url }));
  return JSON.stringify(dataPackage(PUBLISHED_TABLES, site.meta, sources, place), null, 2) + '\n';
}
