/**
 * npm run build: the pages, then the search index, in two processes.
 *
 *   npm run build [-- --shard i/n] [--no-search] [astro build options…]
 *
 * `astro build` validates the data and renders every page; it holds the whole validated
 * dataset until it exits. Pagefind then indexes the written pages in this (small) process and
 * its own child, so the two memory peaks follow each other instead of adding up (at 15,000
 * compounds they were 6 and 7 GB).
 *
 * --shard i/n (or GONGSHI_SHARD=i/n): build the i-th of n deterministic parts of the site
 * (src/lib/routes/shard.ts) for a CI matrix. A shard validates the whole dataset, indexes its own
 * pages and leaves a manifest (and its pages' sort values) for `npm run merge-shards`, which joins
 * the shards' pages and their search indexes into one site with one index (docs/sharding.md).
 *
 * Exit codes: astro's own (1 on a data problem, which it has already listed); 1 when indexing
 * fails; 2 on a bad option.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { indexSite } from '../src/integrations/search.ts';
import { parseShard, type Shard } from '../src/lib/routes/shard.ts';
import { resolveDirs, projectOptions } from '../src/lib/dataset/options.ts';
import { writeShardManifest, writeShardRecords, writeShardSearch } from './build/shards.ts';
import { astroProcess } from './build/memory.ts';
import { sourcesDigest } from '../src/lib/dataset/digest.ts';
import { runMain } from './cli.ts';

const ROOT = resolve(import.meta.dirname, '..');
const ASTRO = resolve(ROOT, 'node_modules/astro/bin/astro.mjs');

const USAGE = '用法:npm run build -- [--shard 序号/总数] [--no-search] [astro build 的其他选项]';

function options(): { shard: Shard | undefined; search: boolean; astroArgs: string[] } {
  const { values, tokens } = parseArgs({
    options: { shard: { type: 'string' }, search: { type: 'boolean', default: true } },
    allowNegative: true,
    strict: false,
    tokens: true,
  });
  const known = new Set(['shard', 'search', 'no-search']);
  // Everything this script does not know goes to astro build, in order (e.g. --verbose).
  const astroArgs: string[] = [];
  for (const t of tokens) {
    if (t.kind === 'option' && !known.has(t.name))
      astroArgs.push(t.rawName, ...(t.value === undefined ? [] : [t.value]));
    if (t.kind === 'positional') astroArgs.push(t.value);
  }
  const raw = typeof values.shard === 'string' ? values.shard : process.env.GONGSHI_SHARD;
  return { shard: parseShard(raw), search: values.search !== false, astroArgs };
}

async function main(): Promise<number> {
  let opts: ReturnType<typeof options>;
  try {
    opts = options();
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const { shard } = opts;
  const env = { ...process.env };
  if (shard) env.GONGSHI_SHARD = `${shard.index}/${shard.count}`;
  else delete env.GONGSHI_SHARD;
  if (opts.search) env.GONGSHI_SEARCH_STEP = '1';
  else delete env.GONGSHI_SEARCH_STEP;
  // --root keeps the project's config wherever this is run from (the bench runs it from the site's folder).
  const child = astroProcess(env);
  const astro = spawnSync(process.execPath, [...child.nodeArgs, ASTRO, 'build', '--root', ROOT, ...opts.astroArgs], {
    stdio: 'inherit',
    env: child.env,
  });
  if (astro.status !== 0) return astro.status ?? 1;

  const outDir = resolve(ROOT, process.env.GONGSHI_OUT_DIR ?? 'dist');
  if (shard) {
    const { dataDir, contentDir } = resolveDirs(projectOptions(ROOT));
    writeShardManifest(outDir, { ...shard, sources: sourcesDigest([dataDir, contentDir]) });
  }
  if (opts.search) {
    const t0 = performance.now();
    const s = await indexSite(outDir, { records: shard !== undefined });
    if (shard) {
      writeShardSearch(outDir, { sortValues: s.sortValues, names: s.names });
      writeShardRecords(outDir, s.records);
    }
    console.log(
      `搜索索引:${s.pageCount} 个页面,其中 ${s.reindexed.pages} 个由 Pagefind 扩展版重新索引(${s.reindexed.runs} 次)、` +
        `其余取自缓存;读了 ${s.read} 个 HTML 文件,其余自上次读过未被写过;` +
        `${s.patched ? '上次的索引只改了变化的页面' : '索引从全部页面合成'}(${((performance.now() - t0) / 1000).toFixed(1)} 秒)。`,
    );
  }
  if (shard)
    console.log(
      `分片 ${shard.index}/${shard.count} 已构建到 ${outDir};全部分片构建后运行 npm run merge-shards 合并页面和搜索索引。`,
    );
  return 0;
}

// indexSite's errors are already readable Chinese sentences; a stack trace would bury them.
runMain(main);
