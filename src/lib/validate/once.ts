/**
 * The dataset of this build, checked once per process.
 *
 * Astro evaluates modules several times in one build (config, the prerender
 * bundle): the memo lives on globalThis so the process parses and holds the rows
 * once. The first caller (the build gate, at config setup) fixes the folders;
 * the pages then get the same promise whatever their working directory.
 */
import path from 'node:path';
import {
  incrementalBuildOn,
  projectOptions,
  resolveDirs,
  snapshotFile,
  type DatasetOptions,
} from '../dataset/options.ts';
import { buildCacheDir } from '../util/cache-dir.ts';
import { checkWithCache } from './cached.ts';
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

/**
 * An incremental build checks as `npm run check` does by default: from the kept results in the
 * cache folder, re-checking only what changed (the cached check finds exactly the full check's
 * issues: tests/unit/validate/check-cache.test.ts), so a one-compound edit does not re-run
 * every rule over the city. A CI job that ran the check before the build leaves nothing to redo.
 */
async function checkFromCache(opts: DatasetOptions): Promise<Dataset> {
  const cached = await checkWithCache(opts, path.resolve(resolveDirs(opts).root, buildCacheDir(), 'gongshi-check'));
  console.log(
    `[gongshi:validate] 增量构建:${cached.steps.all} 项规则检查中 ${cached.steps.reused} 项沿用缓存中上次的结果,` +
      `${cached.files.all} 个数据文件和内容目录中 ${cached.files.reused} 个未改动。`,
  );
  return cached.dataset();
}

/** A validated snapshot (GONGSHI_SNAPSHOT) that stands for these folders, the check's cache, or a full check. */
function checkOrLoad(opts: DatasetOptions): Promise<Dataset> {
  const file = snapshotFile();
  if (file === undefined) return incrementalBuildOn() ? checkFromCache(opts) : checkDataset(opts);
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
