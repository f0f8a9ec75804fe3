/**
 * Cells compared as values, not text: a re-save that writes `1650000.00` for
 * `1650000` or `2010-06-18` for `2010/6/18` changed nothing a reader can see.
 * A cell is read the way the importer reads it (the standard's form as written,
 * else the importer's normaliser), typed by the table's schema and written back
 * in its one canonical form; a cell neither can read is compared as written.
 * The change history, the ledger's append-only rule and `npm run tidy` all compare
 * through here, so none of them can call an Excel re-save an edit the others do not.
 */
import type { z } from 'astro/zod';
import { TABLE_NAMES, TABLES, type TableName } from './tables.ts';
import { tableColumns } from './column-info.ts';
import type { ColumnKind } from './columns.ts';
import { toCell } from './cells.ts';
import { toStandard } from './accepts.ts';

const kinds = new Map<string, Map<string, ColumnKind>>();

function kindOf(table: TableName, column: string): ColumnKind | undefined {
  let m = kinds.get(table);
  if (!m) {
    m = new Map(tableColumns(table).map((c) => [c.name, c.kind]));
    kinds.set(table, m);
  }
  return m.get(column);
}

/** The canonical text of a cell's typed value. */
export function valueText(table: string, column: string, cell: string): string {
  if (cell === '' || !(TABLE_NAMES as string[]).includes(table)) return cell;
  const t = table as TableName;
  const kind = kindOf(t, column);
  if (!kind) return cell;
  const n = toStandard(t, column, cell);
  const text = n === undefined ? cell : n.ok ? n.value : cell;
  if (text === '') return '';
  const schema = (TABLES[t].schema.shape as Record<string, z.ZodType>)[column]!;
  const typed = schema.safeParse(text);
  return typed.success ? toCell(typed.data, kind) : cell;
}

/** Whether two cells of a column hold the same value; equal text never needs typing. */
export function sameValue(table: string, column: string, a: string, b: string): boolean {
  return a === b || valueText(table, column, a) === valueText(table, column, b);
}
