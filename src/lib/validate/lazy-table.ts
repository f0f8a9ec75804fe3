import type { ParsedTable } from '../dataset/types.ts';
import type { TableName } from '../schema/tables.ts';

/**
 * A table whose parts are read only when a rule asks for them, so that the check can record what
 * each rule step read (its cache inputs) and refuse reads it cannot serve: `read` gives the table
 * (recording or refusing the read), `unreadable` answers whether its file could be read, which
 * counts as reading the table's ids, not its rows.
 */
export function lazyTable(
  name: TableName,
  file: string,
  read: () => ParsedTable<unknown>,
  unreadable: () => boolean | undefined,
): ParsedTable<unknown> {
  return {
    name,
    file,
    get header() {
      return read().header;
    },
    get rows() {
      return read().rows;
    },
    get rejected() {
      return read().rejected;
    },
    get unreadable() {
      return unreadable();
    },
  };
}
