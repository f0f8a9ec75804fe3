/**
 * The search step's cache: each part's Pagefind bundle (search.ts cuts the site's pages into
 * parts) kept in the build cache folder under a sha256 of exactly what Pagefind was handed for it
 * — its pages' URLs and segmented HTML, the Pagefind version and binary, the options and the
 * index chunk size — so that re-publishing one compound re-indexes only its part and the join
 * (pagefind-merge.ts) takes the others from here.
 *
 * An entry is trusted only when every file it lists is there with the sha256 it was stored with;
 * anything else (a half-written entry, a file edited or lost) is deleted and the part re-made.
 * Entries are written under a temporary name and renamed, so a build stopped half-way leaves no
 * entry that looks whole.
 */
import { createHash, type Hash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { filesUnder } from '../lib/util/files.ts';
import { buildCacheDir } from '../lib/util/cache-dir.ts';
import { cmp } from '../lib/util/compare.ts';

/** Bumped when what search.ts hands Pagefind, or how it stores an entry, changes in a way the key cannot see. */
const FORMAT = 'gongshi-search-part-2';
const LIST = 'files.json';

/** The folder holding every part's entry. */
const partsCacheDir = (): string => join(buildCacheDir(), 'search-parts');

/** A part's key: the settings of the run (the same for every part), then each page it hands Pagefind. */
export class PartKey {
  readonly #hash: Hash;
  constructor(settings: string) {
    this.#hash = createHash('sha256').update(FORMAT).update('\0').update(settings).update('\0');
  }
  /** Lengths first, so no two different page lists run together into the same bytes. */
  addPage(url: string, content: string): void {
    this.#hash.update(`${Buffer.byteLength(url)}:${url}${Buffer.byteLength(content)}:`).update(content);
  }
  digest(): string {
    return this.#hash.digest('hex');
  }
}

/** Everything besides the pages that decides Pagefind's output: its version, its binary's bytes, the options, the chunk size it reads from the environment. */
export function runSettings(binary: string, version: string, options: unknown): string {
  const binaryHash = createHash('sha256').update(readFileSync(binary)).digest('hex');
  return JSON.stringify({
    version,
    binaryHash,
    options,
    chunkSize: process.env.PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE ?? null,
  });
}

const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

/** The entry's folder if it is whole and unchanged; a damaged one is removed (the caller re-makes it). */
export function cachedPart(key: string): string | undefined {
  const dir = join(partsCacheDir(), key);
  if (!existsSync(dir)) return undefined;
  try {
    const listed = JSON.parse(readFileSync(join(dir, LIST), 'utf8')) as Record<string, string>;
    const present = filesUnder(dir).filter((f) => f !== LIST);
    const whole =
      JSON.stringify(present) === JSON.stringify(Object.keys(listed).sort(cmp)) &&
      present.every((f) => sha256(join(dir, f)) === listed[f]);
    if (whole) return dir;
  } catch {
    // An unreadable list is a damaged entry like any other.
  }
  rmSync(dir, { recursive: true, force: true });
  return undefined;
}

/** A fresh folder for `key`'s entry to be written into, then handed to storePart. */
export function stagingDir(key: string): string {
  const dir = join(partsCacheDir(), `${key}.tmp-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  return dir;
}

/** Lists the staged entry's files with their hashes and moves it into place; returns its folder. */
export function storePart(key: string, staged: string): string {
  const listed = Object.fromEntries(filesUnder(staged).map((f) => [f, sha256(join(staged, f))]));
  writeFileSync(join(staged, LIST), JSON.stringify(listed));
  const dir = join(partsCacheDir(), key);
  rmSync(dir, { recursive: true, force: true });
  renameSync(staged, dir);
  return dir;
}

/**
 * Removes the entries this build did not use, so the cache holds one site's parts, not every
 * build's: a re-publish adds one part and leaves the one it replaced behind.
 */
export function pruneParts(used: ReadonlySet<string>): void {
  const root = partsCacheDir();
  if (!existsSync(root)) return;
  for (const name of readdirSync(root)) if (!used.has(name)) rmSync(join(root, name), { recursive: true, force: true });
}
