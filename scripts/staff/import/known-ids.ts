/**
 * The ids already in a data folder's tables, so the importer can catch references
 * Excel damaged before anything is written. A table file that is absent or
 * unreadable gives "unknown", never "empty": its references are left to `npm run check`.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCsv } from '../../../src/lib/dataset/read-csv.ts';
import { columnsOf, TABLE_NAMES, type TableName } from '../../../src/lib/schema/tables.ts';
import type { KnownIds } from './references.ts';

export function knownIdsIn(dataDir: string, except: TableName): KnownIds {
  const cache = new Map<string, ReadonlySet<string> | undefined>();
  return (table) => {
    if (table === except || !(TABLE_NAMES as string[]).includes(table)) return undefined;
    if (!cache.has(table)) {
      const file = path.join(dataDir, `${table}.csv`);
      let ids: ReadonlySet<string> | undefined;
      if (existsSync(file)) {
        const columns = columnsOf(table as TableName).map((c) => ({ name: c.name, title: c.meta.title }));
        const raw = parseCsv(readFileSync(file), file, columns);
        ids = raw.unreadable ? undefined : new Set(raw.rows.map((r) => r.cells.id ?? '').filter((id) => id !== ''));
      }
      cache.set(table, ids);
    }
    return cache.get(table);
  };
}
