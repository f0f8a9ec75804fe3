/**
 * The build's check (src/lib/validate/once.ts): an incremental build checks from the check's
 * cache with the typed rows kept, and gets the dataset a full check gives, issues included, so
 * it refuses exactly what a full build refuses.
 */
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compactRows } from '../../../src/lib/dataset/compact.ts';
import { checkDataset } from '../../../src/lib/validate/index.ts';
import { checkedDataset, checkedRows, releaseDataset } from '../../../src/lib/validate/once.ts';
import { checkCacheDir } from '../../../src/lib/util/cache-dir.ts';
import { TABLE_NAMES } from '../../../src/lib/schema/tables.ts';
import { materialize } from './fixtures.ts';

const dirs: string[] = [];
const env = { incremental: process.env.GONGSHI_INCREMENTAL, cache: process.env.GONGSHI_CACHE_DIR };
beforeAll(async () => {
  const cache = await mkdtemp(path.join(tmpdir(), 'gongshi-once-'));
  dirs.push(cache);
  process.env.GONGSHI_INCREMENTAL = '1';
  process.env.GONGSHI_CACHE_DIR = cache;
});
afterAll(async () => {
  for (const [key, value] of [
    ['GONGSHI_INCREMENTAL', env.incremental],
    ['GONGSHI_CACHE_DIR', env.cache],
  ] as const)
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

/** The full check's dataset as the build holds it (rows compacted: the same values). */
async function full(root: string) {
  const dataset = await checkDataset({ root });
  compactRows(dataset.tables);
  return dataset;
}

describe('the incremental build checks from the cache', () => {
  it('keeps the typed rows and gives the full check’s dataset', async () => {
    const root = await materialize();
    dirs.push(root);
    expect(await checkedDataset({ root })).toEqual(await full(root));
    const kept = readdirSync(checkCacheDir(root)).filter((n) => n.startsWith('rows-'));
    // Every table's rows, the ledger's per chunk (one in this small fixture).
    expect(kept.filter((n) => !n.startsWith('rows-chunk-'))).toHaveLength(TABLE_NAMES.length - 1);
    expect(kept.filter((n) => n.startsWith('rows-chunk-'))).toHaveLength(1);
  });

  it('refuses bad data with the full check’s located issues', async () => {
    for (const name of ['duplicate-id', 'ref', 'ledger-balance']) {
      const root = await materialize(name);
      dirs.push(root);
      const want = await full(root);
      expect(want.issues.length, name).toBeGreaterThan(0);
      expect(await checkedDataset({ root }), name).toEqual(want);
    }
  });

  it('checks in full without GONGSHI_INCREMENTAL', async () => {
    delete process.env.GONGSHI_INCREMENTAL;
    const root = await materialize();
    process.env.GONGSHI_CACHE_DIR = await mkdtemp(path.join(tmpdir(), 'gongshi-once-'));
    dirs.push(root, process.env.GONGSHI_CACHE_DIR);
    expect(await checkedDataset({ root })).toEqual(await full(root));
    expect(existsSync(checkCacheDir(root))).toBe(false);
    process.env.GONGSHI_INCREMENTAL = '1';
  });

  it('gives the checked rows without their wrappers once the gate has let the dataset go', async () => {
    const root = await materialize();
    dirs.push(root);
    const dataset = await checkedDataset({ root });
    releaseDataset();
    const { meta, rows } = await checkedRows({ root });
    expect(meta).toBe(dataset.meta);
    for (const name of TABLE_NAMES) {
      expect(rows[name], name).toHaveLength(dataset.tables[name].rows.length);
      // The very rows the gate checked: a second check would have typed new ones.
      dataset.tables[name].rows.forEach((r, i) => expect(rows[name][i], name).toBe(r.data));
    }
    expect(checkedRows({ root })).toBe(checkedRows({ root }));
  });
});
