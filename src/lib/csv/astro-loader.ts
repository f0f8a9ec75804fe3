/**
 * Astro content-layer loader for one CSV table of the data standard.
 *
 * The rows come from the memoized loadDataset, already typed and cross-checked.
 * They are stored with `store.set` directly instead of going through
 * `parseData`: the table schema takes cell *strings* while the rows are already
 * typed values, and revalidating would lose the file:line:column locations the
 * loader reported (Astro would only say "entry x failed"). The build gate
 * (src/integrations/validate.ts) stops the build before any page is rendered.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader } from 'astro/loaders';
import type { TableName } from '../schema/tables.ts';
import { loadDatasetOnce, reloadDataset, type LoadOptions } from '../validate/dataset.ts';
import { formatIssue } from '../validate/types.ts';

function optionsFor(root: string): LoadOptions {
  return {
    root,
    dataDir: process.env.GONGSHI_DATA_DIR || undefined,
    contentDir: process.env.GONGSHI_CONTENT_DIR || undefined,
  };
}

export function csvLoader(table: TableName): Loader {
  return {
    name: `gongshi-csv:${table}`,
    async load({ store, generateDigest, logger, config, watcher }) {
      const opts = optionsFor(fileURLToPath(config.root));
      const sync = async (fresh: boolean) => {
        // In dev the files change under us; a build reads them once per process.
        // reloadDataset also refreshes the memo the large tables are read from (site-data.ts).
        const dataset = fresh ? await reloadDataset(opts) : await loadDatasetOnce(opts);
        if (dataset.issues.length > 0) {
          for (const i of dataset.issues.filter((x) => x.file.endsWith(`/${table}.csv`))) {
            logger.error(formatIssue(i));
          }
        }
        store.clear();
        for (const row of dataset.tables[table].rows) {
          const data = row.data as Record<string, unknown>;
          const id = String(data.id);
          store.set({ id, data, digest: generateDigest(data) });
        }
      };
      await sync(watcher !== undefined);
      if (watcher) {
        const dataDir = path.resolve(opts.root, opts.dataDir ?? 'data');
        watcher.add(dataDir);
        watcher.on('change', (changed) => {
          if (path.resolve(changed).startsWith(dataDir + path.sep)) void sync(true);
        });
      }
    },
  };
}
