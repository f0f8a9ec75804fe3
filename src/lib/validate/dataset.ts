/**
 * The single entry point of validation: read dataset.json, every CSV table and
 * every MDX entry, type them, run the cross-table rules, and return everything
 * with ALL the issues found (never stopping at the first).
 *
 * `npm run check`, the build gate (src/integrations/validate.ts) and the Astro
 * collection loaders all go through here, so they can never disagree.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { columnsOf, TABLE_NAMES, TABLES, type TableName } from '../schema/tables.ts';
import { parseCsv } from '../csv/read.ts';
import { typeRows } from '../csv/type-rows.ts';
import { issue, sortIssues } from './catalogue.ts';
import { loadContent } from './content.ts';
import { FALLBACK_META, parseDatasetMeta } from './meta.ts';
import { RULES } from './rules/index.ts';
import type { ContentEntry, DataIssue, DatasetMeta, ParsedTable, ParsedTables, RuleContext } from './types.ts';

export interface LoadOptions {
  /** Project root; issue paths are relative to it. */
  root: string;
  /** Defaults to `<root>/data`. */
  dataDir?: string;
  /** Defaults to `<root>/src/content`. */
  contentDir?: string;
}

export interface Dataset {
  meta: DatasetMeta;
  tables: ParsedTables;
  content: ContentEntry[];
  /** Sorted by file, line, column. Empty means the data may be published. */
  issues: DataIssue[];
}

/** Project-relative path with forward slashes; absolute when the file lies outside the project. */
export function displayPath(root: string, abs: string): string {
  const r = path.relative(root, abs);
  return r.startsWith('..') || path.isAbsolute(r) ? abs : r.split(path.sep).join('/');
}
const rel = displayPath;

async function readBytes(abs: string): Promise<Uint8Array | undefined> {
  try {
    return await readFile(abs);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

async function loadTable(name: TableName, root: string, dataDir: string) {
  const abs = path.join(dataDir, `${name}.csv`);
  const file = rel(root, abs);
  const columns = columnsOf(name).map((c) => ({ name: c.name, title: c.meta.title }));
  const bytes = await readBytes(abs);
  if (bytes === undefined) {
    const empty: ParsedTable<never> = { name, file, header: [], rows: [], rejected: [], unreadable: true };
    const allowed = columns.map((c) => c.name).join(',');
    return {
      table: empty,
      issues: [issue('file-missing', { file, line: 1, column: 1, columnName: '-' }, { file, allowed })],
    };
  }
  const raw = parseCsv(bytes, file, columns);
  const typed = typeRows(name, file, raw);
  return { table: typed.table, issues: [...raw.issues, ...typed.issues] };
}

/** Build the locator rules use: table + row line + column name → file:line:column. */
function locator(tables: ParsedTables): RuleContext['at'] {
  return (table, line, columnName) => {
    const t = tables[table];
    const index = t.header.indexOf(columnName);
    return { file: t.file, line, column: index === -1 ? 1 : index + 1, columnName };
  };
}

export async function loadDataset(opts: LoadOptions): Promise<Dataset> {
  const root = path.resolve(opts.root);
  const dataDir = path.resolve(root, opts.dataDir ?? 'data');
  const contentDir = path.resolve(root, opts.contentDir ?? 'src/content');
  const issues: DataIssue[] = [];

  const metaPath = path.join(dataDir, 'dataset.json');
  const metaBytes = await readBytes(metaPath);
  const metaResult = parseDatasetMeta(
    metaBytes === undefined ? undefined : new TextDecoder().decode(metaBytes),
    rel(root, metaPath),
  );
  issues.push(...metaResult.issues);
  // Without a valid as-of date, nothing can be "in the future": skip that rule rather than guess today.
  const meta = metaResult.meta ?? FALLBACK_META;

  const loaded = await Promise.all(TABLE_NAMES.map((name) => loadTable(name, root, dataDir)));
  const tables = {} as Record<TableName, ParsedTable<unknown>>;
  TABLE_NAMES.forEach((name, i) => {
    const r = loaded[i];
    if (!r) return;
    tables[name] = r.table;
    issues.push(...r.issues);
  });
  const parsed = tables as unknown as ParsedTables;

  const content = await loadContent(root, contentDir);
  issues.push(...content.issues);

  const ctx: RuleContext = { root, meta, tables: parsed, content: content.entries, at: locator(parsed) };
  for (const rule of RULES) issues.push(...rule(ctx));

  return { meta, tables: parsed, content: content.entries, issues: sortIssues(issues) };
}

interface MemoEntry {
  dataDir: string;
  contentDir: string;
  dataset: Promise<Dataset>;
}

// Astro evaluates this module several times in one build (config, content loaders,
// the prerender bundle): the memo lives on globalThis so the process parses and
// holds the rows once, not once per module instance.
const MEMO = Symbol.for('gongshi.loadDatasetOnce');
const memo = ((globalThis as Record<symbol, unknown>)[MEMO] ??= new Map<string, MemoEntry>()) as Map<string, MemoEntry>;

function resolvedDirs(opts: LoadOptions): { root: string; dataDir: string; contentDir: string } {
  const root = path.resolve(opts.root);
  return {
    root,
    dataDir: path.resolve(root, opts.dataDir ?? 'data'),
    contentDir: path.resolve(root, opts.contentDir ?? 'src/content'),
  };
}

/**
 * One load per process and option set: the Astro config hook, every collection
 * loader and the pages share it instead of re-reading the files.
 */
export function loadDatasetOnce(opts: LoadOptions): Promise<Dataset> {
  const { root, dataDir, contentDir } = resolvedDirs(opts);
  const key = JSON.stringify([root, dataDir, contentDir]);
  let entry = memo.get(key);
  if (!entry) {
    entry = { dataDir, contentDir, dataset: loadDataset(opts) };
    memo.set(key, entry);
  }
  return entry.dataset;
}

/** Load again and replace the memo (dev: the files changed), so pages see the new rows too. */
export function reloadDataset(opts: LoadOptions): Promise<Dataset> {
  const { root, dataDir, contentDir } = resolvedDirs(opts);
  const dataset = loadDataset(opts);
  memo.set(JSON.stringify([root, dataDir, contentDir]), { dataDir, contentDir, dataset });
  return dataset;
}

/**
 * The dataset this process already loaded from these folders, whatever root it was
 * loaded with (the root only changes how issue paths are shown), else a fresh load
 * with `opts`. Pages use it: their bundle runs with the build's cwd, not the root.
 */
export function loadedDatasetOf(opts: LoadOptions): Promise<Dataset> {
  const { dataDir, contentDir } = resolvedDirs(opts);
  for (const entry of memo.values()) {
    if (entry.dataDir === dataDir && entry.contentDir === contentDir) return entry.dataset;
  }
  return loadDatasetOnce(opts);
}

/** The table definitions, re-exported for callers that only import the validator. */
export { TABLES };

/**
 * The project's own dataset as the Astro build sees it: data and content folders
 * from GONGSHI_DATA_DIR / GONGSHI_CONTENT_DIR (tests build fixture sites this way),
 * memoized for the process.
 */
export function loadProjectDataset(root: string = process.cwd()): Promise<Dataset> {
  return loadDatasetOnce({
    root,
    dataDir: process.env.GONGSHI_DATA_DIR || undefined,
    contentDir: process.env.GONGSHI_CONTENT_DIR || undefined,
  });
}
