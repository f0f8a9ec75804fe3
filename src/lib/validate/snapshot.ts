/**
 * A validated snapshot: the checked dataset of one commit, written once by `npm run check --
 * --snapshot <file>` (the first job of a sharded CI build) and loaded by every shard's build
 * (GONGSHI_SNAPSHOT=<file>) instead of reading and checking the whole city again
 * (docs/sharding.md).
 *
 * It is only ever written for data with no issue, and only used when it is intact and was made
 * from exactly the files the build reads, by the same checker code: its digest covers its own
 * bytes, and its key the data files and content folder the check read, and src/lib. Anything
 * else — another commit's data, a truncated artifact, changed rules — and the build checks the
 * data itself, so a shard refuses whatever the full build refuses.
 *
 * Written a table at a time (sealed.ts `writeSealedParts`): the head (format, key, the dataset
 * without its tables), then each table by column (snapshot-tables.ts), its lists of texts joined
 * in blocks (snapshot-texts.ts), each packed, serialised and written before the next is packed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize } from 'node:v8';
import { sourcesDigest } from '../dataset/digest.ts';
import { resolveDirs, type DatasetOptions } from '../dataset/options.ts';
import type { Dataset, ParsedTable, ParsedTables } from '../dataset/types.ts';
import { INPUT_NAMES, inputHashes } from './inputs.ts';
import { unsealParts, writeSealedParts } from './sealed.ts';
import { packTable, unpackTable, type PackedTable } from './snapshot-tables.ts';
import { fromStored, storedTable, type StoredTable } from './snapshot-texts.ts';

const FORMAT = 'gongshi-snapshot-4';

/** A dataset to snapshot, any of its tables packed already (the ledger from its chunks: cached.ts `snapshotDataset`). */
export type SnapshotDataset = Omit<Dataset, 'tables'> & { tables: Record<string, ParsedTable<unknown> | PackedTable> };

interface Head {
  format: string;
  /** What it was made from: the folders (paths are part of the rows' locations), its inputs' hashes, the checker. */
  key: string;
  /** Its tables (in their place among its keys) are the parts that follow, one each, in this order. */
  dataset: Omit<Dataset, 'tables'> & { tables: undefined };
  tables: string[];
}

function keyOf(opts: DatasetOptions, hashes: ReadonlyMap<string, string>): string {
  const { root, dataDir, contentDir } = resolveDirs(opts);
  // The checker's own source: rules that changed give another dataset.
  const inputs = INPUT_NAMES.map((name) => [name, hashes.get(name)]);
  return JSON.stringify([root, dataDir, contentDir, inputs, sourcesDigest([join(root, 'src/lib')])]);
}

/**
 * Writes the snapshot of a dataset with no issue (the caller has checked it). `hashes`: those
 * the check took of its inputs before reading them (cached.ts `inputs`), so the city's files are
 * not read and hashed again; without them they are.
 */
export function writeSnapshot(
  file: string,
  opts: DatasetOptions,
  dataset: Dataset | SnapshotDataset,
  hashes: ReadonlyMap<string, string> = inputHashes(opts),
): void {
  if (dataset.issues.length > 0) throw new Error('a dataset with issues is never snapshotted');
  const { tables } = dataset;
  const names = Object.keys(tables);
  const head: Head = {
    format: FORMAT,
    key: keyOf(opts, hashes),
    dataset: { ...dataset, tables: undefined },
    tables: names,
  };
  writeSealedParts(
    file,
    (function* () {
      yield head;
      for (const table of Object.values(tables as SnapshotDataset['tables']))
        yield storedTable('fields' in table ? table : packTable(table));
    })(),
  );
}

/** The snapshot's dataset if it may stand for checking `opts` now; otherwise why not, in Chinese. */
export function readSnapshot(file: string, opts: DatasetOptions): Dataset | string {
  if (!existsSync(file)) return `快照文件 ${file} 不存在`;
  const sealed = unsealParts(readFileSync(file));
  if (sealed === 'altered') return `快照文件 ${file} 不完整或已被改动`;
  const unreadable = `快照文件 ${file} 无法读取(不是 ${FORMAT} 格式的快照)`;
  if (sealed === 'unreadable') return unreadable;
  const [first, ...rest] = sealed.parts;
  let head: Head;
  try {
    head = deserialize(first ?? Buffer.alloc(0)) as Head;
  } catch {
    return unreadable;
  }
  if (head?.format !== FORMAT) return `快照文件 ${file} 的格式不是 ${FORMAT}`;
  if (head.key !== keyOf(opts, inputHashes(opts))) return `快照不是由当前的数据、内容和检查代码生成的`;
  if (head.dataset.issues.length > 0) return `快照中的数据有问题`;
  if (rest.length !== head.tables.length) return unreadable;
  const tables: Record<string, ParsedTable<unknown>> = {};
  for (const [i, name] of head.tables.entries()) {
    try {
      tables[name] = unpackTable(fromStored(deserialize(rest[i] as Buffer) as StoredTable));
    } catch {
      return unreadable;
    }
  }
  return { ...head.dataset, tables: tables as unknown as ParsedTables };
}
