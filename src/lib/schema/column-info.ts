/**
 * The columns of a table with their kinds, read from the metadata each column
 * builder in ./columns.ts writes: the serialisers, the open-data schema and the
 * importer all ask here, so they agree on how a cell is written.
 */
import type { ColumnKind, ColumnMeta } from './columns.ts';
import { columnsOf, type TableName } from './tables.ts';

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
      kind: meta.kind,
      required: meta.required,
      meta,
    }));
    cache.set(table, cols);
  }
  return cols;
}
