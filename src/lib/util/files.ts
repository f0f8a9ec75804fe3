/**
 * File-tree helpers shared by the build's two joins: the shard merge (scripts/build/shards.ts)
 * copies whole shard sites into one, and the search step (integrations/pagefind-merge.ts) copies
 * its parts' Pagefind files into one bundle. Both must refuse a path two sources hold with
 * different bytes, or the site would depend on which source was copied last.
 */
import {
  copyFileSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

/** A link to a file is read through like the file (the content loader follows it). */
const linkedFile = (abs: string) => statSync(abs, { throwIfNoEntry: false })?.isFile() === true;

/** Files under `dir`, as sorted '/'-separated relative paths. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() || (d.isSymbolicLink() && linkedFile(join(d.parentPath, d.name))))
    .map((d) => relative(dir, join(d.parentPath, d.name)).split(sep).join('/'))
    .sort();
}

export interface CopyTrees {
  /** Paths (relative, '/'-separated) that are not copied. */
  skip?: (path: string) => boolean;
  /** The error for a path that `earlier` and `dir` hold with different bytes. */
  conflict: (path: string, earlier: string, dir: string) => Error;
  /** Hard-link rather than copy where the file system allows (linkOrCopy): for sources that are thrown away after. */
  link?: boolean;
  /** The error for a path that could not be put in (its folder or the file), from the file system's; that one by default. */
  failed?: (path: string, error: Error) => Error;
}

/**
 * Makes `dest` (which must not exist) a hard link to `src`, or a copy where the two cannot share
 * a file: another file system (EXDEV), one without links, or a file at its link limit. A link
 * costs no read or write of the bytes, but `dest` and `src` are then one file: writing into
 * either changes both, so it is for a source folder that is only read or thrown away after.
 */
export function linkOrCopy(src: string, dest: string, link: (src: string, dest: string) => void = linkSync): void {
  try {
    link(src, dest);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOENT') throw error;
    copyFileSync(src, dest);
  }
}

/**
 * Copies every file of every `dir` into `outDir` under the same relative path. A path held by
 * several dirs is copied once, and only if every copy has the same bytes; otherwise
 * `conflict` is thrown. Returns the number of paths copied.
 */
export function copyTrees(
  dirs: readonly string[],
  outDir: string,
  { skip, conflict, link, failed }: CopyTrees,
): number {
  const from = new Map<string, string>();
  const made = new Set<string>();
  for (const dir of dirs) {
    for (const f of filesUnder(dir)) {
      if (skip?.(f)) continue;
      const src = join(dir, f);
      const earlier = from.get(f);
      if (earlier !== undefined) {
        if (!readFileSync(src).equals(readFileSync(join(earlier, f)))) throw conflict(f, earlier, dir);
        continue;
      }
      from.set(f, dir);
      const dest = join(outDir, f);
      const parent = dirname(dest);
      try {
        // One mkdir per folder, not per file: a city's merge copies tens of thousands of files.
        if (!made.has(parent)) mkdirSync(parent, { recursive: true });
        made.add(parent);
        if (link) linkOrCopy(src, dest);
        else copyFileSync(src, dest);
      } catch (error) {
        throw failed ? failed(f, error as Error) : error;
      }
    }
  }
  return from.size;
}

/**
 * Writes `bytes` to `path` unless the file already holds exactly them (compared byte for byte,
 * never by size or time alone); returns whether it wrote. A re-run of the search step over a
 * site that keeps its last output rewrote thousands of unchanged files.
 */
export function writeIfChanged(path: string, bytes: Buffer | string): boolean {
  const data = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
  const stat = statSync(path, { throwIfNoEntry: false });
  if (stat?.isFile() && stat.size === data.length && readFileSync(path).equals(data)) return false;
  writeFileSync(path, data);
  return true;
}

/** Removes every file under `dir` whose '/'-separated relative path is not in `keep`, and the folders that leaves empty. */
export function removeOthers(dir: string, keep: ReadonlySet<string>): void {
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) return;
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  for (const d of entries) {
    const path = join(d.parentPath, d.name);
    if (!d.isDirectory() && !keep.has(relative(dir, path).split(sep).join('/'))) rmSync(path, { force: true });
  }
  // Deepest first, so a folder's emptied subfolders are gone before it is looked at.
  const folders = entries
    .filter((d) => d.isDirectory())
    .map((d) => join(d.parentPath, d.name))
    .sort((a, b) => b.length - a.length);
  for (const folder of folders) if (readdirSync(folder).length === 0) rmdirSync(folder);
}
