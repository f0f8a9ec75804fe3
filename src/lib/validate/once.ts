/**
 * The dataset of this build, checked once per process.
 *
 * Astro evaluates modules several times in one build (config, the prerender
 * bundle): the memo lives on globalThis so the process parses and holds the rows
 * once. The first caller (the build gate, at config setup) fixes the folders;
 * the pages then get the same promise whatever their working directory.
 *
 * An incremental build (GONGSHI_INCREMENTAL=1, which keeps the cache folder) checks from the
 * check's cache with the typed rows kept (cached.ts): the rules re-run only where their inputs
 * changed and only the changed files are typed again, the rest read back by column (kept-rows.ts).
 * A full build checks from the files, as `npm run check` does on its two threads, with no cache
 * read or written (`checkOnTwoThreads`): with no kept cache, writing the rows would only add to its time.
 */
import {
  incrementalBuildOn,
  projectOptions,
  resolveDirs,
  snapshotFile,
  type DatasetOptions,
} from '../dataset/options.ts';
import { checkCacheDir, keptDeflatedDir, keptKeysDir } from '../util/cache-dir.ts';
import type { Dataset, DatasetMeta, Rows } from '../dataset/types.ts';
import { plainRows } from '../dataset/plain-rows.ts';
import type { TableName } from '../schema/tables.ts';
import { compactRows } from '../dataset/compact.ts';
import { checkerCode, checkWithCache } from './cached.ts';
import { stopIdleWorkers } from './chunk-pool.ts';
import { checkDataset } from './index.ts';
import { readSnapshot } from './snapshot.ts';

interface Memo {
  key?: string;
  /** The project root of the folders checked: the bundle's code runs from elsewhere (its chunks' folder, any cwd). */
  root?: string;
  /** Until the build's gate has passed (releaseDataset); in dev and outside a build, kept. */
  dataset?: Promise<Dataset>;
  rows?: Promise<CheckedRows>;
  fromCache?: FromCache;
}

/** What a build reads of the checked dataset once its gate has passed. */
export interface CheckedRows {
  meta: DatasetMeta;
  rows: Rows;
}

/**
 * What a build that checked from its cache knows for the next build: where it keeps files, the
 * code (the check's: src/lib, src/pages, the lockfile, Node) and each table's file hash, of which,
 * under that code, its rows are made (validate/cached.ts keeps the rows by that hash).
 */
export interface FromCache {
  /** Where the city archive's deflated tables are kept (routes/kept-deflated.ts). */
  dir: string;
  /** Where the tables' digests per compound are kept (routes/key-hash.ts `compoundShares`). */
  keysDir: string;
  code: string;
  tableHashes: ReadonlyMap<TableName, string>;
}

const MEMO = Symbol.for('gongshi.checkedDataset');
const memo = ((globalThis as Record<symbol, unknown>)[MEMO] ??= {}) as Memo;

const keyOf = (opts: DatasetOptions) => {
  const { dataDir, contentDir } = resolveDirs(opts);
  return JSON.stringify([dataDir, contentDir]);
};

async function checkFromCache(opts: DatasetOptions): Promise<Dataset> {
  // The kept tables come back by column with nothing to compact (kept-rows.ts); those typed now are compacted as typed.
  const cached = await checkWithCache(opts, checkCacheDir(resolveDirs(opts).root), {
    keepRows: true,
    ownStrings: true,
  });
  const dataset = await cached.dataset();
  const { files, steps, typed, tableHashes } = cached;
  // Unless the folders were checked again meanwhile (dev): then this check is not the build's.
  if (memo.key === keyOf(opts)) {
    const { root } = resolveDirs(opts);
    memo.fromCache = { dir: keptDeflatedDir(root), keysDir: keptKeysDir(root), code: checkerCode(), tableHashes };
  }
  console.log(
    `[gongshi:validate] 检查缓存:${files.all} 个数据文件和内容目录中 ${files.reused} 个未改动,${steps.all} 项规则检查中 ${steps.reused} 项沿用上次的结果;从文件重新读取 ${typed.length} 张表${typed.length > 0 ? `(${typed.join('、')})` : ''}。`,
  );
  return dataset;
}

/**
 * Every table read and every rule run, as `npm run check` runs them on its two threads (the ledger's
 * chunks shared with a worker, cached.ts), with no cache read or written: the dataset the full
 * check gives (check-cache.test.ts), the worker's chunks sent back by column. The full
 * check (index.ts) ran on this thread alone while the other core idled: at 15,000 compounds Astro's
 * start to the first page took 53–58 s with it and 32.5 s with this (bench/README.md, "the build's
 * gate on two threads"). The worker is then let go: idle, it would hold the files' shared memory.
 */
async function checkOnTwoThreads(opts: DatasetOptions): Promise<Dataset> {
  const checked = await checkWithCache(opts, undefined, { wholeDataset: true, ownStrings: true });
  const dataset = await checked.dataset();
  stopIdleWorkers();
  return dataset;
}

/** A validated snapshot (GONGSHI_SNAPSHOT) that stands for these folders; else the check (from its cache when incremental). */
function checkOrLoad(opts: DatasetOptions): Promise<Dataset> {
  const file = snapshotFile();
  if (file === undefined) return incrementalBuildOn() ? checkFromCache(opts) : checkOnTwoThreads(opts);
  const snap = readSnapshot(file, opts);
  if (typeof snap !== 'string') {
    console.log(`[gongshi:validate] 使用已验证的数据快照 ${file},不再重复检查。`);
    // Read back by column (snapshot-tables.ts): no file text behind its strings, equal cells already shared.
    return Promise.resolve(snap);
  }
  console.warn(`[gongshi:validate] 不使用数据快照:${snap};改为完整检查数据。`);
  return checkOnTwoThreads(opts);
}

/** The build holds the rows until it exits: without the file texts their cells were cut from. */
function compact(dataset: Dataset): Dataset {
  compactRows(dataset.tables);
  return dataset;
}

/** The check `check` starts is this process's, for `opts`' folders. */
function remember(opts: DatasetOptions, check: () => Promise<Dataset>): Promise<Dataset> {
  memo.key = keyOf(opts);
  memo.root = resolveDirs(opts).root;
  memo.fromCache = undefined;
  memo.rows = undefined;
  memo.dataset = check();
  return memo.dataset;
}

// Made when first asked for, not with the check: a check that fails would leave it rejected unheard.
const rowsOf = (dataset: Promise<Dataset>): Promise<CheckedRows> =>
  dataset.then(({ meta, tables }) => ({ meta, rows: plainRows(tables) }));

/** Check the folders once per process; a later call with other folders checks those instead. */
export function checkedDataset(opts: DatasetOptions): Promise<Dataset> {
  if (memo.dataset !== undefined && memo.key === keyOf(opts)) return memo.dataset;
  return remember(opts, () => checkOrLoad(opts));
}

/** The checked rows of the folders: those the gate checked, even once it has let the dataset go. */
export function checkedRows(opts: DatasetOptions): Promise<CheckedRows> {
  if (memo.rows !== undefined && memo.key === keyOf(opts)) return memo.rows;
  return (memo.rows = rowsOf(checkedDataset(opts)));
}

/**
 * The build's gate has passed: from here the build reads only `checkedRows`, so the dataset (the
 * rows' wrappers with their lines, the issues, the content entries) is not held to the end.
 */
export function releaseDataset(): void {
  if (memo.dataset === undefined) return;
  memo.rows ??= rowsOf(memo.dataset);
  memo.dataset = undefined;
}

/** Check again (dev: a file changed), so the next page render sees the new rows. */
export function recheckDataset(opts: DatasetOptions): Promise<Dataset> {
  return remember(opts, () => checkDataset(opts).then(compact));
}

/** The root of the project this process checked, if it checked one (the build's gate always has). */
export function checkedRoot(): string | undefined {
  return memo.root;
}

/** What this build's check from its cache knows for the next build; nothing unless it checked from the cache. */
export function checkedFromCache(): FromCache | undefined {
  return memo.fromCache;
}

/** The rows this build checked, or the project's folders' checked now (tests outside a build). */
export function buildRows(): Promise<CheckedRows> {
  if (memo.rows === undefined && memo.dataset !== undefined) memo.rows = rowsOf(memo.dataset);
  return memo.rows ?? checkedRows(projectOptions());
}
