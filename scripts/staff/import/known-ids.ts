/**
 * The records already in a data folder's tables, with the names staff may write
 * for them, so the importer can resolve names to ids and catch references Excel
 * damaged before anything is written. A table file that is absent or unreadable
 * gives "unknown", never "empty": its references are left to `npm run check`.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCsv } from '../../../src/lib/dataset/read-csv.ts';
import { columnsOf, TABLE_NAMES, type TableName } from '../../../src/lib/schema/tables.ts';
import { tableColumns } from '../../../src/lib/schema/column-info.ts';
import type { KnownRecord, KnownRecords } from './references.ts';

/** Columns whose cells name a record as well as its id does. */
const NAME_COLUMNS = ['name', 'short_name', 'credit_code'];

export function knownRecordsIn(dataDir: string): KnownRecords {
  const cache = new Map<string, readonly KnownRecord[] | undefined>();
  return (table) => {
    if (!(TABLE_NAMES as string[]).includes(table)) return undefined;
    if (!cache.has(table)) {
      const file = path.join(dataDir, `${table}.csv`);
      let records: KnownRecord[] | undefined;
      if (existsSync(file)) {
        const columns = columnsOf(table as TableName).map((c) => ({ name: c.name, title: c.meta.title }));
        const raw = parseCsv(readFileSync(file), file, columns);
        const named = tableColumns(table as TableName).filter((c) => NAME_COLUMNS.includes(c.name));
        records = raw.unreadable
          ? undefined
          : raw.rows
              .map((r) => ({
                id: r.cells.id ?? '',
                names: named.flatMap((c) => (r.cells[c.name] ? [{ text: r.cells[c.name]!, via: c.title }] : [])),
              }))
              .filter((r) => r.id !== '');
      }
      cache.set(table, records);
    }
    return cache.get(table);
  };
}
