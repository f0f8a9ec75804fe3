/**
 * Reading the data: dataset.json, every CSV table and every MDX entry, typed
 * through their schemas, with every problem found on the way (never stopping at
 * the first). Cross-table rules come after, in src/lib/validate/.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { shownPath } from '../util/paths.ts';
import { columnsOf, TABLE_NAMES, type TableName } from '../schema/tables.ts';
import { issue } from '../messages/catalogue.ts';
import type { DataIssue } from '../messages/issue.ts';
import { parseCsv } from './read-csv.ts';
import { rowTyper, typeRows, type DisplayForms } from './type-rows.ts';
import { loadContent } from './content.ts';
import { FALLBACK_META, parseDatasetMeta } from './meta.ts';
import { resolveDirs, type DatasetOptions } from './options.ts';
import type { Dataset, ParsedTable, ParsedTables } from './types.ts';

const rel = shownPath;

async function readBytes(abs: string): Promise<Uint8Array | undefined> {
  try {
    return await readFile(abs);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** Where a table's file is, and how issues name it. */
export function tableFile(name: TableName, root: string, dataDir: string): { abs: string; file: string } {
  const abs = path.join(dataDir, `${name}.csv`);
  return { abs, file: rel(root, abs) };
}

/** One table typed from its file's bytes (undefined: the file is missing), with every problem found reading it. */
export function tableFromBytes(
  name: TableName,
  file: string,
  bytes: Uint8Array | undefined,
): { table: ParsedTable<unknown>; issues: DataIssue[]; display: DisplayForms[] } {
  const columns = columnsOf(name).map((c) => ({ name: c.name, title: c.meta.title, required: c.meta.required }));
  if (bytes === undefined) {
    const empty: ParsedTable<never> = { name, file, header: [], rows: [], rejected: [], unreadable: true };
    const allowed = columns.map((c) => c.name).join(',');
    return {
      table: empty,
      issues: [issue('file-missing', { file, line: 1, column: 1, columnName: '-' }, { file, allowed })],
      display: [],
    };
  }
  // Typed as read: the raw rows are not all held (rowTyper); a file with no header gives none.
  let typer: ReturnType<typeof rowTyper> | undefined;
  const raw = parseCsv(bytes, file, columns, (header) => (typer = rowTyper(name, file, header)).add);
  const typed = typer ? typer.done() : typeRows(name, file, raw);
  return { table: typed.table, issues: [...raw.issues, ...typed.issues], display: typed.display };
}

async function loadTable(name: TableName, root: string, dataDir: string) {
  const { abs, file } = tableFile(name, root, dataDir);
  return tableFromBytes(name, file, await readBytes(abs));
}

/** dataset.json's facts (a fallback when it is invalid, so no date is judged against a guess), its problems, and its bytes. */
export async function readMeta(root: string, dataDir: string) {
  const metaPath = path.join(dataDir, 'dataset.json');
  const bytes = await readBytes(metaPath);
  const result = parseDatasetMeta(
    bytes === undefined ? undefined : new TextDecoder().decode(bytes),
    rel(root, metaPath),
  );
  return { meta: result.meta ?? FALLBACK_META, issues: result.issues, bytes };
}

export async function readDataset(opts: DatasetOptions): Promise<Dataset> {
  const { root, dataDir, contentDir } = resolveDirs(opts);
  const issues: DataIssue[] = [];

  // Without a valid as-of date, nothing can be "in the future": skip that rule rather than guess today.
  const { meta, issues: metaIssues } = await readMeta(root, dataDir);
  issues.push(...metaIssues);

  const loaded = await Promise.all(TABLE_NAMES.map((name) => loadTable(name, root, dataDir)));
  const tables = {} as Record<TableName, ParsedTable<unknown>>;
  TABLE_NAMES.forEach((name, i) => {
    const r = loaded[i];
    if (!r) return;
    tables[name] = r.table;
    issues.push(...r.issues);
  });
  const parsed = tables as unknown as ParsedTables;

  const content = loadContent(root, contentDir);
  issues.push(...content.issues);

  return { meta, tables: parsed, content: content.entries, issues };
}
