/**
 * Whether the standard already accepts a cell as written: such a cell is left
 * exactly as it is, so a file already in the standard imports to itself, byte for
 * byte ("9000" stays "9000" though "9000.00" is the download's form).
 */
import type { z } from 'astro/zod';
import { TABLES, type TableName } from './tables.ts';
import { tableColumns } from './column-info.ts';
import { normaliseCell, type Normalised } from './normalise.ts';
import { cleanSpaces } from './cell-text.ts';

function standardAccepts(table: TableName, column: string, cell: string): boolean {
  const shape = TABLES[table].schema.shape as Record<string, z.ZodType>;
  const schema = shape[column];
  return schema !== undefined && schema.safeParse(cell).success;
}

/**
 * The importer's reading of a non-blank cell: `undefined` when the standard takes
 * it as written (or the column is not in the standard), else the normaliser's
 * answer. The change history compares cells through this same reading, so a value
 * the importer would have turned into the same standard cell is the same value.
 */
export function toStandard(table: TableName, column: string, cell: string): Normalised | undefined {
  if (standardAccepts(table, column, cell)) return undefined;
  const col = tableColumns(table).find((c) => c.name === column);
  if (!col) return undefined;
  return cleanSpaces(cell) === '' ? { ok: true, value: '' } : normaliseCell(cell, col.kind);
}
