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
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { sourcesDigest } from '../dataset/digest.ts';
import { resolveDirs, type DatasetOptions } from '../dataset/options.ts';
import type { Dataset } from '../dataset/types.ts';

const FORMAT = 'gongshi-snapshot-1';

interface Snapshot {
  format: string;
  /** What it was made from: the folders (paths are part of the rows' locations) and their digest. */
  key: string;
  dataset: Dataset;
}

/** The folders and their bytes, and the checker's own source (rules that changed give another dataset). */
function keyOf(opts: DatasetOptions): string {
  const { root, dataDir, contentDir } = resolveDirs(opts);
  return JSON.stringify([root, dataDir, contentDir, sourcesDigest([dataDir, contentDir, join(root, 'src/lib')])]);
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Writes the snapshot of a dataset with no issue (the caller has checked it). */
export function writeSnapshot(file: string, opts: DatasetOptions, dataset: Dataset): void {
  if (dataset.issues.length > 0) throw new Error('a dataset with issues is never snapshotted');
  const body = serialize({ format: FORMAT, key: keyOf(opts), dataset } satisfies Snapshot);
  writeFileSync(file, Buffer.concat([Buffer.from(`${sha256(body)}\n`), body]));
}

/** The snapshot's dataset if it may stand for checking `opts` now; otherwise why not, in Chinese. */
export function readSnapshot(file: string, opts: DatasetOptions): Dataset | string {
  if (!existsSync(file)) return `快照文件 ${file} 不存在`;
  const bytes = readFileSync(file);
  const digest = bytes.subarray(0, 64).toString('latin1');
  const body = bytes.subarray(65);
  if (bytes[64] !== 0x0a || sha256(body) !== digest) return `快照文件 ${file} 不完整或已被改动`;
  let snap: Snapshot;
  try {
    snap = deserialize(body) as Snapshot;
  } catch {
    return `快照文件 ${file} 无法读取`;
  }
  if (snap.format !== FORMAT) return `快照文件 ${file} 的格式不是 ${FORMAT}`;
  if (snap.key !== keyOf(opts)) return `快照不是由当前的数据、内容和检查代码生成的`;
  if (snap.dataset.issues.length > 0) return `快照中的数据有问题`;
  return snap.dataset;
}
