/**
 * The dataset of this build, checked once per process.
 *
 * Astro evaluates modules several times in one build (config, the prerender
 * bundle): the memo lives on globalThis so the process parses and holds the rows
 * once. The first caller (the build gate, at config setup) fixes the folders;
 * the pages then get the same promise whatever their working directory.
 */
import { projectOptions, resolveDirs, snapshotFile, type DatasetOptions } from '../dataset/options.ts';
import type { Dataset } from '../dataset/types.ts';
import { compactRows } from '../dataset/compact.ts';
import { checkDataset } from './index.ts';
import { readSnapshot } from './snapshot.ts';

interface Memo {
  key?: string;
  dataset?: Promise<Dataset>;
}

const MEMO = Symbol.for('gongshi.checkedDataset');
const memo = ((globalThis as Record<symbol, unknown>)[MEMO] ??= {}) as Memo;

const keyOf = (opts: DatasetOptions) => {
  const { dataDir, contentDir } = resolveDirs(opts);
  return JSON.stringify([dataDir, contentDir]);
};

/** A validated snapshot (GONGSHI_SNAPSHOT) that stands for these folders, or a full check. */
function checkOrLoad(opts: DatasetOptions): Promise<Dataset> {
  const file = snapshotFile();
  if (file === undefined) return checkDataset(opts);
  const snap = readSnapshot(file, opts);
  if (typeof snap !== 'string') {
    console.log(`[gongshi:validate] 使用已验证的数据快照 ${file},不再重复检查。`);
    return Promise.resolve(snap);
  }
  console.warn(`[gongshi:validate] 不使用数据快照:${snap};改为完整检查数据。`);
  return checkDataset(opts);
}

/** The build holds the rows until it exits: without the file texts their cells were cut from. */
function compact(dataset: Dataset): Dataset {
  compactRows(dataset.tables);
  return dataset;
}

/** Check the folders once per process; a later call with other folders checks those instead. */
export function checkedDataset(opts: DatasetOptions): Promise<Dataset> {
  const key = keyOf(opts);
  if (memo.dataset === undefined || memo.key !== key) {
    memo.key = key;
    memo.dataset = checkOrLoad(opts).then(compact);
  }
  return memo.dataset;
}

/** Check again (dev: a file changed), so the next page render sees the new rows. */
export function recheckDataset(opts: DatasetOptions): Promise<Dataset> {
  memo.key = keyOf(opts);
  memo.dataset = checkDataset(opts).then(compact);
  return memo.dataset;
}

/** The dataset this build checked, or the project's folders checked now (tests outside a build). */
export function buildDataset(): Promise<Dataset> {
  return memo.dataset ?? checkedDataset(projectOptions());
}
