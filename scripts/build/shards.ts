/**
 * The two ends of a sharded build (docs/sharding.md). Each shard job writes a manifest into its
 * output saying which shard it is and which sources it was built from; the merge job refuses a
 * set of shards that is incomplete, duplicated or built from different sources, copies every
 * file into one site, and fails on any path two shards wrote with different bytes (the bundled
 * assets every shard builds must agree, or the site would depend on merge order; the pages
 * without parameters only shard 1 builds, src/lib/routes/shard.ts).
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { Shard } from '../../src/lib/routes/shard.ts';
import type { NameRecord } from '../../src/components/search/names.ts';
import {
  JOINED_FILES,
  mergeSearchBundles,
  type PageRecord,
  type ShardBundle,
} from '../../src/integrations/pagefind-merge.ts';
import { asList, asText, readPagefindFile } from '../../src/integrations/pagefind-format.ts';
import { SEARCH_BUNDLES } from '../../src/integrations/search-bundles.ts';

/** Not a dotfile: CI artifact uploads skip hidden files by default. */
export const SHARD_MANIFEST = 'gongshi-shard.json';
/**
 * The sort values of the shard's indexed pages, which its Pagefind bundle does not keep
 * (src/integrations/pagefind-merge.ts), and their names records (src/integrations/search-names.ts).
 */
const SHARD_SEARCH = 'gongshi-shard-search.json';
/**
 * Each search bundle's page records as the shard's search step joined them (node:v8), so that the
 * merge joins them without taking the shard's bundle apart again (pagefind-merge.ts givenRecords).
 */
export const SHARD_RECORDS = 'gongshi-shard-records.bin';
const RECORDS_FORMAT = 'gongshi-shard-records-1';

interface ShardRecords {
  format: typeof RECORDS_FORMAT;
  bundles: { root: string; meta: string; records: PageRecord[] }[];
}

/**
 * Index files a shard writes for its own pages only; the merge writes the site's (pagefind-merge.ts).
 * One pattern, not a function: the thread that puts the files in is handed it as text, so that it
 * loads no more than the file helpers.
 */
const SHARD_ONLY = new RegExp(
  '^(gongshi-shard(-search)?\\.json|gongshi-shard-records\\.bin|search/names/.*' +
    SEARCH_BUNDLES.map(
      ({ root, sortsFile }) =>
        // Fragments too: the join renames them where two shards gave two pages one name (pagefind-merge.ts fragmentNames).
        `|${RegExp.escape(root ? `${root}/pagefind/` : 'pagefind/')}(${JOINED_FILES.source.slice(1, -1)}|fragment/.*)` +
        (sortsFile ? `|${RegExp.escape(sortsFile)}` : ''),
    ).join('') +
    ')$',
);

export interface ShardManifest extends Shard {
  /** sha256 over the data and content folders' paths and bytes. */
  sources: string;
}

export function writeShardManifest(outDir: string, manifest: ShardManifest): void {
  writeFileSync(join(outDir, SHARD_MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
}

interface ShardSearch {
  sortValues: Record<string, Record<string, string>>;
  names: NameRecord[];
}

export function writeShardSearch(outDir: string, search: ShardSearch): void {
  writeFileSync(join(outDir, SHARD_SEARCH), JSON.stringify(search) + '\n');
}

/**
 * Writes the bundles' page records (indexSite's, in each bundle's page order) into the shard's
 * output, each bundle's with the name of the meta file it was written as, and each page under the
 * fragment name that bundle gave it (a name two of the step's runs shared is lengthened by the
 * join); without records, removes the file.
 */
export function writeShardRecords(
  outDir: string,
  bundles: readonly { root: string; records: PageRecord[] }[] | undefined,
): void {
  // Without records (a patched join) none may stay from an earlier build of the folder: the merge would refuse them.
  if (!bundles) return rmSync(join(outDir, SHARD_RECORDS), { force: true });
  const out: ShardRecords = {
    format: RECORDS_FORMAT,
    bundles: bundles.map(({ root, records }) => {
      const dir = join(outDir, root, 'pagefind');
      const entry = JSON.parse(readFileSync(join(dir, 'pagefind-entry.json'), 'utf8')) as {
        languages: Record<string, { hash: string }>;
      };
      const meta = Object.values(entry.languages)[0]!.hash;
      const pages = asList(asList(readPagefindFile(join(dir, `pagefind.${meta}.pf_meta`)), 'meta')[1], 'pages');
      if (pages.length !== records.length)
        throw new Error(`分片的搜索索引 ${dir} 有 ${pages.length} 页,而它的页面记录有 ${records.length} 页。`);
      return {
        root,
        meta,
        records: records.map((r, n) => ({ ...r, hash: asText(asList(pages[n], 'page')[0], 'page hash') })),
      };
    }),
  };
  writeFileSync(join(outDir, SHARD_RECORDS), serialize(out));
}

/**
 * Each shard's bundle at `root`, with the records the shard handed over for it. A shard without
 * the file (built with a patched search join, or by an older commit) gives none: the merge then
 * takes its bundle apart. A file that cannot be read stops the merge, naming it.
 */
function shardBundles(dirs: readonly string[], root: string): ShardBundle[] {
  return dirs
    .filter((d) => existsSync(join(d, root, 'pagefind', 'pagefind-entry.json')))
    .map((d) => {
      const path = join(d, SHARD_RECORDS);
      const site = join(d, root);
      if (!existsSync(path)) return { site };
      let records: ShardRecords;
      try {
        records = deserialize(readFileSync(path)) as ShardRecords;
      } catch {
        throw new Error(`合并分片:${path} 已损坏,无法读取;请重新构建这个分片。`);
      }
      if (records?.format !== RECORDS_FORMAT)
        throw new Error(`合并分片:${path} 不是这个版本写出的页面记录;请用同一提交重新构建全部分片。`);
      return { site, given: records.bundles.find((b) => b.root === root) };
    });
}

export interface JoinedBundle {
  pageCount: number;
  /** The shards' bundles joined, and how many of them from the records their shard handed over. */
  bundles: number;
  given: number;
}

/**
 * Joins the shards' bundles at `root` into `<outDir>/<root>/pagefind/` (mergeSearchBundles). A
 * shard without pages for the bundle (none of its compounds) wrote none; nor does a single build
 * whose site has none: then nothing is written.
 */
export async function joinBundle(
  dirs: readonly string[],
  root: string,
  outDir: string,
  sortValues: ShardSearch['sortValues'],
): Promise<JoinedBundle> {
  const shards = shardBundles(dirs, root);
  if (shards.length === 0) return { pageCount: 0, bundles: 0, given: 0 };
  const { pageCount, given } = await mergeSearchBundles(shards, join(outDir, root), sortValues);
  return { pageCount, bundles: shards.length, given };
}

/**
 * Every shard's pages' sort values and names records, together (a page in several shards has the
 * same values in each; writeNamesIndex refuses a page named differently by two shards).
 */
export function readShardSearch(dirs: readonly string[]): ShardSearch {
  const parts = dirs.map((d) => JSON.parse(readFileSync(join(d, SHARD_SEARCH), 'utf8')) as ShardSearch);
  return {
    sortValues: Object.assign({}, ...parts.map((p) => p.sortValues)) as ShardSearch['sortValues'],
    names: parts.flatMap((p) => p.names),
  };
}

function readManifest(dir: string): ShardManifest {
  const path = join(dir, SHARD_MANIFEST);
  if (!existsSync(path))
    throw new Error(`${dir} 不是分片构建的输出(没有 ${SHARD_MANIFEST});请用 npm run build -- --shard i/n 构建。`);
  return JSON.parse(readFileSync(path, 'utf8')) as ShardManifest;
}

/** The shards' manifests, checked to be 1..n of one build of the same sources. */
export function checkShardSet(dirs: readonly string[]): ShardManifest[] {
  const manifests = dirs.map(readManifest);
  const first = manifests[0];
  if (!first) throw new Error('合并分片:没有给出任何分片目录。');
  const seen = new Map<number, string>();
  manifests.forEach((m, i) => {
    const dir = dirs[i] as string;
    if (m.count !== first.count)
      throw new Error(`合并分片:${dir} 是 ${m.index}/${m.count},与 ${dirs[0]} 的总数 ${first.count} 不一致。`);
    if (m.sources !== first.sources)
      throw new Error(`合并分片:${dir} 与 ${dirs[0]} 构建自不同的数据或内容,请用同一提交重新构建全部分片。`);
    const other = seen.get(m.index);
    if (other) throw new Error(`合并分片:${other} 和 ${dir} 都是第 ${m.index}/${m.count} 片。`);
    seen.set(m.index, dir);
  });
  const missing = Array.from({ length: first.count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length > 0)
    throw new Error(`合并分片:缺少第 ${missing.join('、')} 片(共 ${first.count} 片),不完整的站点不能发布。`);
  return manifests;
}

/**
 * The one answer of a worker thread beside this module (started by path, like the check's chunk
 * worker, src/lib/validate/chunk-pool.ts); its error, message unchanged, if it fails. Handled at
 * once: the caller awaits it only after its own work, and a failure meanwhile must not end the
 * process unhandled.
 */
function threadAnswer<T>(file: string, workerData: unknown): Promise<T> {
  const worker = new Worker(join(dirname(fileURLToPath(import.meta.url)), file), { workerData });
  const answer = new Promise<T>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`合并分片:${file} 的线程意外退出(退出码 ${code})。`)));
  });
  answer.catch(() => undefined);
  return answer;
}

/**
 * joinBundle on a worker thread of its own (merge-search-worker.ts), which reads the shards'
 * records and sort values itself: the site's bundles are joined side by side, one per core.
 */
export function joinBundleOnThread(dirs: readonly string[], root: string, outDir: string): Promise<JoinedBundle> {
  return threadAnswer('merge-search-worker.ts', { dirs, root, outDir });
}

/**
 * Checks the set and that `outDir` does not exist or is empty, then starts putting every shard's
 * files into it, less each shard's own search index (SHARD_ONLY), on a worker thread
 * (merge-files-worker.ts), so that the search bundles are joined meanwhile; resolves to the file
 * count. A wrong set or folder throws here, before any work; a failure of the files (a path two
 * shards wrote differently) rejects, with its message.
 */
export function mergeShards(dirs: readonly string[], outDir: string): Promise<number> {
  checkShardSet(dirs);
  if (existsSync(outDir) && readdirSync(outDir).length > 0)
    throw new Error(`合并分片:输出目录 ${outDir} 不是空的;请先删除它,以免旧文件混进新站点。`);
  return threadAnswer('merge-files-worker.ts', { dirs, outDir, skip: SHARD_ONLY.source });
}
