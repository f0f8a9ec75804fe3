/**
 * Whether the standard already accepts a cell as written: such a cell is left
 * exactly as it is, so a file already in the standard imports to itself, byte for
 * byte ("9000" stays "9000" though "9000.00" is the download's form).
 */
import type { z } from 'astro/zod';
import { TABLES, type TableName } from '../../../src/lib/schema/tables.ts';

export function standardAccepts(table: TableName, column: string, cell: string): boolean {
  const shape = TABLES[table].schema.shape as Record<string, z.ZodType>;
  const schema = shape[column];
  return schema !== undefined && schema.safeParse(cell).success;
}
