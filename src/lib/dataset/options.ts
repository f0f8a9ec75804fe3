/**
 * Which folders a build reads. The one place that looks at GONGSHI_DATA_DIR and
 * GONGSHI_CONTENT_DIR, which tests and the benchmark use to build fixture sites, at
 * GONGSHI_SNAPSHOT, the validated snapshot a sharded build's jobs load, and at
 * GONGSHI_INCREMENTAL, the re-publishing build that reuses the pages the cache folder holds.
 */
import path from 'node:path';

export interface DatasetOptions {
  /** Project root; issue paths are shown relative to it. */
  root: string;
  /** Defaults to `<root>/data`. */
  dataDir?: string;
  /** Defaults to `<root>/src/content`. */
  contentDir?: string;
}

export interface DatasetDirs {
  root: string;
  dataDir: string;
  contentDir: string;
}

/** The project's folders as this process was asked to build them. */
export function projectOptions(root: string = process.cwd()): DatasetOptions {
  return {
    root,
    dataDir: process.env.GONGSHI_DATA_DIR || undefined,
    contentDir: process.env.GONGSHI_CONTENT_DIR || undefined,
  };
}

/** A validated snapshot to load instead of checking the folders again (validate/snapshot.ts), if the build was given one. */
export function snapshotFile(): string | undefined {
  const file = process.env.GONGSHI_SNAPSHOT;
  return file ? path.resolve(file) : undefined;
}

/**
 * GONGSHI_INCREMENTAL=1: re-publish from the cache folder (GONGSHI_CACHE_DIR): Astro's incremental
 * build copies every page whose cache key is unchanged (routes/static-paths.ts).
 * tests/build/incremental.test.ts proves it publishes what a full build publishes.
 */
export function incrementalBuildOn(): boolean {
  return process.env.GONGSHI_INCREMENTAL === '1';
}

/**
 * GONGSHI_SEARCH_STEP=1: `npm run build` (scripts/build.ts) indexes the site once Astro is done, and
 * brings the search files already in the output folder up to date itself, so a re-publishing build
 * leaves them in place (integrations/out-dir.ts); any other build removes them.
 */
export function searchStepFollows(): boolean {
  return process.env.GONGSHI_SEARCH_STEP === '1';
}

/** Absolute folders, defaults filled in. */
export function resolveDirs(opts: DatasetOptions): DatasetDirs {
  const root = path.resolve(opts.root);
  return {
    root,
    dataDir: path.resolve(root, opts.dataDir ?? 'data'),
    contentDir: path.resolve(root, opts.contentDir ?? 'src/content'),
  };
}
