/**
 * npm run merge-shards -- --out <site> <shard dir>…
 *
 * The merge job of a sharded build (docs/sharding.md): checks that the shard outputs are all n
 * parts of one build of the same sources, copies them into one site (failing on any file two
 * shards wrote differently), then joins the shards' Pagefind indexes into one for each search
 * bundle (src/integrations/search-bundles.ts, pagefind-merge.ts) and writes the names index of all their pages
 * (src/integrations/search-names.ts), so the site and its search are the same bytes as a single
 * `npm run build`.
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { mergeSearchBundles } from '../src/integrations/pagefind-merge.ts';
import { SEARCH_BUNDLES, writeBundleSorts } from '../src/integrations/search-bundles.ts';
import { writeNamesIndex } from '../src/integrations/search-names.ts';
import { mergeShards, readShardSearch, shardBundles } from './build/shards.ts';
import { runMain } from './cli.ts';

const USAGE = '用法:npm run merge-shards -- --out <合并后的站点目录> <分片目录1> <分片目录2> …';

async function main(): Promise<number> {
  let out: string;
  let dirs: string[];
  try {
    const { values, positionals } = parseArgs({ options: { out: { type: 'string' } }, allowPositionals: true });
    if (!values.out || positionals.length === 0) throw new Error('需要 --out 和至少一个分片目录。');
    out = resolve(values.out);
    dirs = positionals.map((p) => resolve(p));
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const t0 = performance.now();
  const files = mergeShards(dirs, out);
  const t1 = performance.now();
  const search = readShardSearch(dirs);
  let pageCount = 0;
  let given = 0;
  let bundles = 0;
  for (const { root } of SEARCH_BUNDLES) {
    // A shard without pages for a bundle (none of its compounds) wrote none; nor does a single build whose site has none.
    const shards = shardBundles(dirs, root);
    if (shards.length === 0) continue;
    const merged = await mergeSearchBundles(shards, join(out, root), search.sortValues);
    pageCount += merged.pageCount;
    given += merged.given;
    bundles += shards.length;
  }
  writeNamesIndex(out, search.names);
  writeBundleSorts(out, search.sortValues);
  const t2 = performance.now();
  console.log(
    `合并了 ${dirs.length} 个分片,${files} 个文件 → ${out}(${((t1 - t0) / 1000).toFixed(1)} 秒);` +
      `合并搜索索引 ${pageCount} 个页面,${bundles} 个分片索引中 ${given} 个取自分片交来的页面记录、` +
      `其余从索引文件拆出(${((t2 - t1) / 1000).toFixed(1)} 秒)。`,
  );
  return 0;
}

runMain(main);
