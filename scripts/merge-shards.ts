/**
 * npm run merge-shards -- --out <site> <shard dir>…
 *
 * The merge job of a sharded build (docs/sharding.md): checks that the shard outputs are all n
 * parts of one build of the same sources, links their files into one site on a second thread
 * (failing on any file two shards wrote differently) while it joins the shards' Pagefind indexes
 * into one for each search bundle (src/integrations/search-bundles.ts, pagefind-merge.ts) and writes the names index of all their pages
 * (src/integrations/search-names.ts), so the site and its search are the same bytes as a single
 * `npm run build`.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SEARCH_BUNDLES, writeBundleSorts } from '../src/integrations/search-bundles.ts';
import { writeNamesIndex } from '../src/integrations/search-names.ts';
import { joinBundle, joinBundleOnThread, type JoinedBundle, mergeShards, readShardSearch } from './build/shards.ts';
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
  // Both cores: the files go into the site on one thread and every bundle but the first is
  // joined on one of its own, while this thread joins the first.
  const filing = mergeShards(dirs, out);
  const [first, ...others] = SEARCH_BUNDLES.map(({ root }) => root);
  const joining = others.map((root) => joinBundleOnThread(dirs, root, out));
  const search = readShardSearch(dirs);
  const own = await joinBundle(dirs, first!, out, search.sortValues);
  writeNamesIndex(out, search.names);
  writeBundleSorts(out, search.sortValues);
  const joined = [own, ...(await Promise.all(joining))];
  const t1 = performance.now();
  const files = await filing;
  const t2 = performance.now();
  const sum = (key: keyof JoinedBundle) => joined.reduce((n, j) => n + j[key], 0);
  console.log(
    `合并了 ${dirs.length} 个分片:合并搜索索引 ${sum('pageCount')} 个页面,${sum('bundles')} 个分片索引中 ` +
      `${sum('given')} 个取自分片交来的页面记录、其余从索引文件拆出(${((t1 - t0) / 1000).toFixed(1)} 秒);` +
      `同时放入 ${files} 个文件 → ${out}(共 ${((t2 - t0) / 1000).toFixed(1)} 秒)。`,
  );
  return 0;
}

runMain(main);
