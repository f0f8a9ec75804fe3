/**
 * The build cache folder (Astro's cacheDir): the content layer's store and the
 * change history's parsed commits. GONGSHI_CACHE_DIR lets tests and benchmarks
 * build a fixture site without touching the project's own cache; CI keeps it
 * between builds to make them incremental.
 */
import path from 'node:path';

export function buildCacheDir(): string {
  return process.env.GONGSHI_CACHE_DIR || './node_modules/.astro';
}

/** Where the check keeps its results (validate/cached.ts), for `npm run check` and the incremental build alike. */
export function checkCacheDir(root: string): string {
  return path.resolve(root, buildCacheDir(), 'gongshi-check');
}

/** Where an incremental build keeps the deflated tables of the city's archive (routes/kept-deflated.ts). */
export function keptDeflatedDir(root: string): string {
  return path.resolve(root, buildCacheDir(), 'gongshi-deflated');
}

/** Where an incremental build keeps each table's digests of its rows per compound (routes/key-hash.ts `compoundShares`). */
export function keptKeysDir(root: string): string {
  return path.resolve(root, buildCacheDir(), 'gongshi-keys');
}
