/** How `npm run build` starts astro build (scripts/build/memory.ts): options Node and mimalloc really take. */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  astroProcess,
  EXTERNAL_MEMORY_IN_HEAP_LIMIT,
  HEAP_GROWING_PERCENT,
  MIMALLOC,
} from '../../../scripts/build/memory.ts';

const ROOT = resolve(import.meta.dirname, '../../..');

/** Runs `code` in a Node started as npm run build starts astro build. */
function runAs(env: NodeJS.ProcessEnv, code: string, nodeArgs = astroProcess(env).nodeArgs) {
  const child = astroProcess(env);
  return spawnSync(process.execPath, [...nodeArgs, '--input-type=module', '-e', code], {
    cwd: ROOT,
    env: child.env,
    encoding: 'utf8',
  });
}

describe('astroProcess', () => {
  it('starts a Node that accepts the heap option and keeps the heap limit NODE_OPTIONS sets (the bench)', () => {
    const r = runAs(
      { ...process.env, NODE_OPTIONS: '--max-old-space-size=700' },
      "import v8 from 'node:v8'; console.log(JSON.stringify({ argv: process.execArgv, limit: v8.getHeapStatistics().heap_size_limit }));",
    );
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { argv: string[]; limit: number };
    expect(out.argv).toContain(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
    // V8 adds its young generation to the old generation's limit; without the option it is 4 GiB or more.
    expect(Math.round(out.limit / 2 ** 20)).toBeGreaterThanOrEqual(700);
    expect(Math.round(out.limit / 2 ** 20)).toBeLessThan(1024);
  });

  it('lets memory outside the heap grow with the heap before a full collection, not by a fixed 64 MiB', () => {
    // A live heap of ~280 MiB (the dataset's rows), then 96 MiB of Buffers held (pages' bytes in
    // flight), then young garbage to drive any marking that has started to its end.
    const code = `
      import { PerformanceObserver, constants } from 'node:perf_hooks';
      let full = 0;
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) if (e.detail.kind === constants.NODE_PERFORMANCE_GC_MAJOR) full++;
      }).observe({ entryTypes: ['gc'] });
      const live = [];
      for (let i = 0; i < 3.5e6; i++) live.push({ id: 'r' + i, a: i, b: i * 2 });
      globalThis.gc();
      await new Promise((r) => setTimeout(r, 50));
      const before = full;
      const held = [];
      for (let i = 0; i < 48; i++) {
        held.push(new Uint8Array(2 ** 21));
        await new Promise((r) => setImmediate(r));
      }
      for (let i = 0; i < 1e6; i++) live[i % 1000] = { id: 'g' + i, a: i, b: i };
      await new Promise((r) => setTimeout(r, 500));
      console.log(JSON.stringify({ full: full - before, held: held.length }));`;
    const fullCollections = (nodeArgs: string[]) => {
      const r = runAs(process.env, code, ['--expose-gc', ...nodeArgs]);
      expect(r.status, r.stderr).toBe(0);
      return (JSON.parse(r.stdout) as { full: number }).full;
    };
    const args = astroProcess(process.env).nodeArgs;
    expect(args).toContain(EXTERNAL_MEMORY_IN_HEAP_LIMIT);
    expect(fullCollections(args)).toBe(0);
    // V8's default: the Buffers alone start a full collection of the whole live heap.
    expect(fullCollections(args.filter((a) => a !== EXTERNAL_MEMORY_IN_HEAP_LIMIT))).toBeGreaterThan(0);
  });

  it('sets the allocator options where the native bundler and compiler read them, keeping one the environment sets', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, MIMALLOC_VERBOSE: '1', MIMALLOC_PURGE_DELAY: '25' };
    for (const k of Object.keys(MIMALLOC)) if (k !== 'MIMALLOC_PURGE_DELAY') delete env[k];
    // Loading a native binding starts its own mimalloc, which prints its options when verbose:
    // Rolldown's (mimalloc 3) and Astro's compiler's (mimalloc 2), the two that reserve 1 GiB arenas.
    const r = runAs(
      env,
      "import { createRequire } from 'node:module'; await import('rolldown'); createRequire(import.meta.resolve('astro'))('@astrojs/compiler-binding');",
    );
    expect(r.status, r.stderr).toBe(0);
    const printed = [...r.stderr.matchAll(/option '(\w+)': (\S+)/g)].map((m) => [m[1], m[2]] as const);
    const values = (name: string) => printed.filter(([k]) => k === name).map(([, v]) => v);
    expect(values('purge_delay')).toEqual(['25', '25']);
    // Each option is read by at least one of them (abandoned_page_purge is mimalloc 2's own).
    for (const [k, v] of Object.entries(MIMALLOC)) {
      if (k === 'MIMALLOC_PURGE_DELAY') continue;
      const seen = values(k.slice('MIMALLOC_'.length).toLowerCase());
      expect(seen.length, k).toBeGreaterThan(0);
      expect(new Set(seen), k).toEqual(new Set([v]));
    }
  });
});
