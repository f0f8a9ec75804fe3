/**
 * The check's inputs, named and hashed one way for the check cache (cached.ts, which hashes the
 * bytes it then reads) and for the validated snapshot's key (snapshot.ts, which a shard compares
 * with the files it would read): the two must agree, or every snapshot is refused.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { hashFile, sourcesDigest } from '../dataset/digest.ts';
import { tableFile } from '../dataset/load.ts';
import { resolveDirs, type DatasetOptions } from '../dataset/options.ts';
import { TABLE_NAMES } from '../schema/tables.ts';

/** A missing file's hash. */
export const MISSING = 'missing';

export const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

/** An input file's hash from its bytes (undefined: the file is missing). */
export const bytesHash = (bytes: Uint8Array | undefined) => (bytes === undefined ? MISSING : sha256(bytes));

/** The content folder's hash. */
export const contentHash = (contentDir: string) => sourcesDigest([contentDir]);

/** Every input's name, in the order a key lists them: the meta, each table's file, the content folder. */
export const INPUT_NAMES = ['meta', ...TABLE_NAMES.map((n) => `table:${n}`), 'content'];

function fileHash(abs: string): string {
  try {
    return hashFile(createHash('sha256'), abs).digest('hex');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return MISSING;
    throw e;
  }
}

/** The hashes of every input, read now (the check takes them from the bytes it reads instead). */
export function inputHashes(opts: DatasetOptions): Map<string, string> {
  const { root, dataDir, contentDir } = resolveDirs(opts);
  return new Map([
    ['meta', fileHash(join(dataDir, 'dataset.json'))],
    ...TABLE_NAMES.map((n): [string, string] => [`table:${n}`, fileHash(tableFile(n, root, dataDir).abs)]),
    ['content', contentHash(contentDir)],
  ]);
}
