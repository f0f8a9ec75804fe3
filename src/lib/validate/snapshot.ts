/**
 * A validated snapshot: the checked dataset of one commit, written once by `npm run check --
 * --snapshot <file>` (the first job of a sharded CI build) and loaded by every shard's build
 * (GONGSHI_SNAPSHOT=<file>) instead of reading and checking the whole city again
 * (docs/sharding.md).
 *
 * It is only ever written for data with no issue, and only used when it is intact and was made
 * from exactly the files the build reads, by the same checker code: its digest covers its own
 * bytes, the data and content folders, and src/lib. Anything else — another commit's data, a
 * truncated artifact, changed rules — and the build checks the data itself, so a shard refuses
 * whatever the full build refuses.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sourcesDigest } from '../dataset/digest.ts';
import { resolveDirs, type DatasetOptions } from '../dataset/options.ts';
import type { Dataset } from '../dataset/types.ts';
import { seal, unseal } from './sealed.ts';
import { packTables, unpackTables, type PackedTable } from './snapshot-tables.ts';

const FORMAT = 'gongshi-snapshot-2';

interface Snapshot {
  format: string;
  /** What it was made from: the folders (paths are part of the rows' locations) and their digest. */
  key: string;
  dataset: Omit<Dataset, 'tables'> & { tables: Record<string, PackedTable> };
}

/** The folders and their bytes, and the checker's own source (rules that changed give another dataset). */
function keyOf(opts: DatasetOptions): string {
  const { root, dataDir, contentDir } = resolveDirs(opts);
  return JSON.stringify([root, dataDir, contentDir, sourcesDigest([dataDir, contentDir, join(root, 'src/lib')])]);
}

/** Writes the snapshot of a dataset with no issue (the caller has checked it). */
export function writeSnapshot(file: string, opts: DatasetOptions, dataset: Dataset): void {
  if (dataset.issues.length > 0) throw new Error('a dataset with issues is never snapshotted');
  const packed = { ...dataset, tables: packTables(dataset.tables) };
  writeFileSync(file, seal({ format: FORMAT, key: keyOf(opts), dataset: packed } satisfies Snapshot));
}

/** The snapshot's dataset if it may stand for checking `opts` now; otherwise why not, in Chinese. */
export function readSnapshot(file: string, opts: DatasetOptions): Dataset | string {
  if (!existsSync(file)) return `快照文件 ${file} 不存在`;
  const sealed = unseal(readFileSync(file));
  if (sealed === 'altered') return `快照文件 ${file} 不完整或已被改动`;
  if (sealed === 'unreadable') return `快照文件 ${file} 无法读取`;
  const snap = sealed.value as Snapshot;
  if (snap.format !== FORMAT) return `快照文件 ${file} 的格式不是 ${FORMAT}`;
  if (snap.key !== keyOf(opts)) return `快照不是由当前的数据、内容和检查代码生成的`;
  if (snap.dataset.issues.length > 0) return `快照中的数据有问题`;
  return { ...snap.dataset, tables: unpackTables(snap.dataset.tables) };
}
