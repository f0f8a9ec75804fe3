/**
 * A whole table's CSV as an archive entry. A zipped table (views/urls.ts, ZIPPED_DOWNLOADS) is in
 * two archives, its own download (/data/<table>.csv.zip) and the city's (/data/gongshi-data.zip),
 * with the same name, date and deflated bytes in both: whichever route comes first writes and
 * deflates the CSV, the other takes its bytes. They were the largest CSVs of a build, each made and
 * deflated twice. Only the compressed bytes wait (the city's ledger, 18.5 MB at 15,000 compounds),
 * and only in a build that makes both archives (routes/shard.ts: the city archive is shard 1's); a
 * re-publish that renders one of the two keeps them until it ends. A re-publish takes each table's
 * deflated bytes from the last build when its rows are the same (kept-deflated.ts). A whole build
 * that is not incremental makes both archives on the archive worker instead (city-downloads.ts).
 */
import { deflate, type ArchiveEntry, type Deflated, type DeflatedEntry } from '../opendata/archive.ts';
import { tableCsvPieces } from '../opendata/table.ts';
import type { AnyRow, SiteData } from '../model/types.ts';
import type { TableName } from '../schema/tables.ts';
import { checkedFromCache } from '../validate/once.ts';
import { downloadPaths } from '../views/urls.ts';
import { tableDigest } from './download-keys.ts';
import { keptDeflated } from './kept-deflated.ts';
import { buildsCityPages } from './shard.ts';

// Keyed by the rows: a dev server that loads the data again never gets the last version's bytes.
const waiting = new WeakMap<readonly AnyRow[], Promise<Deflated>>();

export function tableEntry(site: SiteData, table: TableName): ArchiveEntry | DeflatedEntry {
  const rows = site.rows[table] as readonly AnyRow[];
  const path = `${table}.csv`;
  const text = () => tableCsvPieces(table, rows);
  const kept = checkedFromCache();
  const shared = downloadPaths(table).zipped && buildsCityPages();
  if (!kept && !shared) return { path, text };
  const make = kept
    ? () => keptDeflated(kept, path, tableDigest(site, table), () => deflate(text()))
    : () => deflate(text());
  if (!shared) return { path, deflated: make };
  return {
    path,
    deflated: () => {
      const made = waiting.get(rows);
      if (made) {
        waiting.delete(rows);
        return made;
      }
      const making = make();
      waiting.set(rows, making);
      return making;
    },
  };
}
