/**
 * A Pagefind bundle's files by their paths under its `pagefind/` folder ('/'-separated): a folder
 * on disk (a shard's bundle, a joined one), or the files a Pagefind service hands back from
 * getFiles, which the search step takes apart without writing them (search-runs.ts).
 * pagefind-canonical.ts and pagefind-merge.ts read and rewrite a bundle through this, whichever it is.
 */
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { filesUnder } from '../lib/util/files.ts';

export interface BundleFiles {
  /** The bundle's folder, which messages name (for one in memory, the folder it would be written to). */
  readonly dir: string;
  read(path: string): Buffer;
  has(path: string): boolean;
  write(path: string, bytes: Buffer | string): void;
  rename(from: string, to: string): void;
  remove(path: string): void;
  /** Every file's path, sorted. */
  list(): string[];
  /** The names of the files directly in `folder` (none if it is not there). */
  names(folder: string): string[];
}

export function filesOnDisk(dir: string): BundleFiles {
  return {
    dir,
    read: (path) => readFileSync(join(dir, path)),
    has: (path) => existsSync(join(dir, path)),
    write: (path, bytes) => writeFileSync(join(dir, path), bytes),
    rename: (from, to) => renameSync(join(dir, from), join(dir, to)),
    remove: (path) => rmSync(join(dir, path)),
    list: () => filesUnder(dir),
    names: (folder) => (existsSync(join(dir, folder)) ? readdirSync(join(dir, folder)) : []),
  };
}

/** `files` (path → bytes) as a bundle at `dir`, read and rewritten in memory. */
export function filesInMemory(dir: string, files: Map<string, Buffer>): BundleFiles {
  const read = (path: string) => {
    const bytes = files.get(path);
    if (!bytes) throw new Error(`${join(dir, path)}: Pagefind 没有交回这个文件 (no such file in the bundle)`);
    return bytes;
  };
  return {
    dir,
    read,
    has: (path) => files.has(path),
    write: (path, bytes) => files.set(path, typeof bytes === 'string' ? Buffer.from(bytes) : bytes),
    rename: (from, to) => {
      if (from === to) return;
      files.set(to, read(from));
      files.delete(from);
    },
    remove: (path) => files.delete(path),
    list: () => [...files.keys()].sort(),
    names: (folder) =>
      [...files.keys()].flatMap((p) => {
        const name = p.startsWith(`${folder}/`) ? p.slice(folder.length + 1) : '';
        return name && !name.includes('/') ? [name] : [];
      }),
  };
}
