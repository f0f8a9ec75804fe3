/**
 * What kind of value a column of the data standard holds, read from the column's
 * documentation metadata. The serialisers and the importer both need to turn a
 * typed value back into the one canonical cell text, and the importer needs to
 * know which normaliser applies; the metadata is the single place that says so.
 */
import type { ColumnMeta } from './columns.ts';
import { columnsOf, type TableName } from './tables.ts';

export type ColumnKind =
  | 'id'
  | 'text'
  | 'url'
  | 'int'
  | 'decimal'
  | 'percent'
  | 'money'
  | 'date'
  | 'partial-date'
  | 'year'
  | 'bool'
  | 'enum'
  | 'enum-list'
  | 'credit-code';

// Prefixes of the `format` strings written by the column builders in src/lib/schema/columns.ts.
const FORMAT_PREFIXES: [string, ColumnKind][] = [
  ['编号', 'id'],
  ['文本', 'text'],
  ['网址', 'url'],
  ['整数', 'int'],
  ['小数', 'decimal'],
  ['百分数', 'percent'],
  ['金额', 'money'],
  // Before plain 日期: partial dates (year or month only) share the prefix.
  ['日期 YYYY、', 'partial-date'],
  ['日期', 'date'],
  ['年份', 'year'],
  ['是/否', 'bool'],
  ['取值之一', 'enum'],
  ['用英文分号', 'enum-list'],
  ['统一社会信用代码', 'credit-code'],
];

/** The kind of a column; throws on a format no builder writes, so a new builder cannot be silently mis-serialised. */
export function kindOf(meta: Pick<ColumnMeta, 'format'>): ColumnKind {
  for (const [prefix, kind] of FORMAT_PREFIXES) if (meta.format.startsWith(prefix)) return kind;
  throw new Error(`unknown column format “${meta.format}”: teach src/lib/opendata/columns.ts about it`);
}

export interface ColumnInfo {
  name: string;
  title: string;
  kind: ColumnKind;
  required: boolean;
  meta: ColumnMeta;
}

const cache = new Map<TableName, ColumnInfo[]>();

/** The columns of a table in header order, with their kinds. */
export function tableColumns(table: TableName): ColumnInfo[] {
  let cols = cache.get(table);
  if (!cols) {
    cols = columnsOf(table).map(({ name, meta }) => ({
      name,
      title: meta.title,
      kind: kindOf(meta),
      required: meta.required,
      meta,
    }));
    cache.set(table, cols);
  }
  return cols;
}
