/**
 * How `npm run build` starts `astro build`, so that the process's memory follows what the
 * build holds rather than what the allocators are allowed to keep (bench/README.md, "Issue 15:
 * the build's memory at 1,000 and 5,000"). The pages do not change: only when memory is
 * returned, never what is computed.
 */

/**
 * Rolldown (the bundler) and Astro's compiler are native code that allocate with mimalloc, which
 * by default keeps what they freed: arenas backed by transparent huge pages (resident in 2 MiB
 * steps) and committed eagerly, freed pages purged only later by the thread that freed them —
 * and Rolldown's worker threads go idle once bundling is done, so that never happens. Purged at
 * once, the ~250 MiB they kept is free for rendering. mimalloc reads these when a binding loads
 * (ABANDONED_PAGE_PURGE only mimalloc 2, the compiler's); a value already set is kept.
 */
export const MIMALLOC: Readonly<Record<string, string>> = {
  MIMALLOC_ALLOW_THP: '0',
  MIMALLOC_ARENA_EAGER_COMMIT: '0',
  MIMALLOC_PURGE_DELAY: '0',
  MIMALLOC_ABANDONED_PAGE_PURGE: '1',
};

/**
 * V8 lets the old generation grow by up to 4× its live size before the next full collection
 * (the live set while rendering is a third of the heap V8 reserves at 5,000 compounds).
 * A fixed growth keeps the peak in step with the live set at any city size, with no limit a
 * larger city could run into (a heap limit sized from the data would fail the build when it
 * guessed low); `--max-old-space-size` (the bench's --build-heap-mb, through NODE_OPTIONS) still
 * sets the limit. 100 %: with the memory outside the heap counted in (below), the heap and that
 * memory together may grow by the live set. At 15,000 compounds `astro build` then makes 19 full
 * collections instead of 30 (7 instead of 12 while rendering) for a peak of 2.8 GiB instead of
 * 2.2 GiB; the search step, which runs after Astro has exited, peaks at ≈ 2.4 GiB, so the whole
 * build stays under 3 GiB and the first incremental build (the re-publish's) at 3.3–3.4 GiB, under
 * the 4 GB target but the nearest to it (bench/README.md, "session 17's main"). 50 % until the
 * live set shrank by 150 MB: the peak at 100 % was 3.5 GiB then (bench/README.md, "garbage
 * collection in the pages' phase at 15,000"). Not higher: on the live set h18g shrank, 150 % saved
 * one of five full collections while rendering at 15,000 and no CPU, for +395 MiB. V8's own young
 * generation (64 MiB semi-spaces with this heap limit) is kept: 32 or 128 MiB changed how many
 * scavenges ran, not their time, which follows what survives them (bench/README.md, "the old
 * generation's growth and the young generation's size").
 */
export const HEAP_GROWING_PERCENT = 100;

/**
 * V8 starts a full collection whenever memory outside its heap (the bytes of ArrayBuffers and
 * Buffers, which every page makes as Astro encodes, copies and writes its HTML) has grown by a
 * fixed 64 MiB since the last one, however large the heap. Rendering crosses that every ~830 pages
 * at any city size, and each of those collections marks the whole dataset, so the pages' GC per
 * page grew with the city (at 5,000 compounds 18 of the build's 29 full collections, all while
 * rendering; bench/README.md, "the pages' phase at 15,000"). Counted into the heap's own limit
 * instead, that memory waits for the same growth as the heap (HEAP_GROWING_PERCENT).
 */
export const EXTERNAL_MEMORY_IN_HEAP_LIMIT = '--external-memory-accounted-in-global-limit';

/** The Node options and environment for the `astro build` child of `npm run build`. */
export function astroProcess(env: NodeJS.ProcessEnv): { nodeArgs: string[]; env: NodeJS.ProcessEnv } {
  const allocator = Object.fromEntries(Object.entries(MIMALLOC).filter(([k]) => env[k] === undefined));
  return {
    nodeArgs: [`--heap-growing-percent=${HEAP_GROWING_PERCENT}`, EXTERNAL_MEMORY_IN_HEAP_LIMIT],
    env: { ...allocator, ...env },
  };
}
