/**
 * Typed row values back to the one canonical cell text of the data standard,
 * the exact inverse of the column parsers: parsing the cell gives the value back.
 */
import { fenToPlain } from '../util/money.ts';
import type { ColumnKind } from './columns.ts';

/** A typed value to its cell text; blank (undefined/null) is the empty string. */
export function toCell(value: unknown, kind: ColumnKind): string {
  if (value === undefined || value === null) return '';
  switch (kind) {
    case 'money':
      if (typeof value !== 'number' || !Number.isInteger(value))
        throw new TypeError(`money must be integer fen, got ${String(value)}`);
      return fenToPlain(value);
    case 'bool':
      return value ? '是' : '否';
    case 'enum-list':
      return Array.isArray(value) ? value.join(';') : String(value);
    default:
      return String(value);
  }
}

/** A typed row to cells keyed by column name, in the given column order. */
export function rowToCells(
  row: Record<string, unknown>,
  columns: readonly { name: string; kind: ColumnKind }[],
): string[] {
  return columns.map((c) => toCell(row[c.name], c.kind));
}
