/**
 * npm run check: validate data/ and src/content/ without building.
 *
 *   npm run check [-- --root <dir>] [--data <dir>] [--content <dir>] [--json] [--base <rev>] [--snapshot <file>] [--no-cache]
 *   (without --data / --content: GONGSHI_DATA_DIR / GONGSHI_CONTENT_DIR, as the build reads them)
 *
 * By default the check keeps each table's and each rule's result in the build cache folder
 * (GONGSHI_CACHE_DIR, else node_modules/.astro; src/lib/validate/cached.ts) under the hashes of
 * what it read, and re-checks only what changed; --no-cache checks everything from the files.
 * --snapshot then reads every table it did not need (the rules' results still come from the cache).
 *
 * --base: the previously published commit the fund ledger must only extend
 * (default: the `published` tag the publishing workflow moves after each deploy;
 * also GONGSHI_LEDGER_BASE). A base that does not resolve fails the check.
 *
 * --snapshot: when the data passes, write the checked dataset to <file> for the shard jobs of a
 * sharded build to load (GONGSHI_SNAPSHOT=<file>) instead of checking it again (docs/sharding.md).
 *
 * Exit 0: publishable. Exit 1: data problems, all listed. Exit 2: the checker
 * itself failed (set GONGSHI_DEBUG=1 for the stack trace).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { checkDataset } from '../src/lib/validate/index.ts';
import { type Dataset } from '../src/lib/dataset/types.ts';
import { formatIssue } from '../src/lib/schema/labels.ts';
import { BASE_ENV } from '../src/lib/validate/ledger/git-base.ts';
import { projectOptions } from '../src/lib/dataset/options.ts';
import { writeSnapshot, type SnapshotDataset } from '../src/lib/validate/snapshot.ts';
import { checkWithCache, type CachedCheck } from '../src/lib/validate/cached.ts';
import { checkCacheDir } from '../src/lib/util/cache-dir.ts';
import type { DataIssue } from '../src/lib/messages/issue.ts';
import { runMain } from './cli.ts';

interface Counts {
  tables: number;
  rows: number;
  articles: number;
}

function counts(d: Dataset): Counts {
  const tables = Object.values(d.tables);
  return { tables: tables.length, rows: tables.reduce((n, t) => n + t.rows.length, 0), articles: d.content.length };
}

const summary = (c: Counts) => `数据检查通过:${c.tables} 张表,${c.rows} 行,${c.articles} 篇文章。`;

/** One line on stderr, so stdout reads the same whichever way the check went. */
function cacheNote({ files, steps, chunks }: CachedCheck): string {
  // The ledger is read in chunks only when it changed: say how much of it was read again.
  const ledger =
    chunks.all === 0
      ? ''
      : `维修资金流水分 ${chunks.all} 段,${chunks.reused} 段未改动${chunks.used ? '' : '(但流水须整体检查)'};`;
  return `检查缓存:${files.all} 个数据文件和内容目录中 ${files.reused} 个未改动,${ledger}${steps.all} 项规则检查中 ${steps.reused} 项沿用上次的结果(--no-cache 可完整检查)。`;
}

const USAGE =
  '用法:npm run check -- [--root <目录>] [--data <目录>] [--content <目录>] [--json] [--base <上次发布的提交>] [--snapshot <快照文件>] [--no-cache]';

function options() {
  return parseArgs({
    options: {
      root: { type: 'string' },
      data: { type: 'string' },
      content: { type: 'string' },
      json: { type: 'boolean', default: false },
      base: { type: 'string' },
      snapshot: { type: 'string' },
      'no-cache': { type: 'boolean', default: false },
    },
    strict: true,
  }).values;
}

async function main(): Promise<number> {
  let values: ReturnType<typeof options>;
  try {
    values = options();
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const root = path.resolve(values.root ?? process.cwd());
  if (values.base !== undefined) process.env[BASE_ENV] = values.base;
  // The folders the build would read (GONGSHI_DATA_DIR / GONGSHI_CONTENT_DIR), unless named here.
  const fromEnv = projectOptions(root);
  const opts = {
    root,
    dataDir: values.data ? path.resolve(values.data) : fromEnv.dataDir,
    contentDir: values.content ? path.resolve(values.content) : fromEnv.contentDir,
  };
  let issues: DataIssue[];
  let found: Counts;
  const snapshot = (dataset: Dataset | SnapshotDataset, hashes?: ReadonlyMap<string, string>) => {
    if (dataset.issues.length === 0 && values.snapshot !== undefined)
      writeSnapshot(path.resolve(values.snapshot), opts, dataset, hashes);
  };
  if (values['no-cache']) {
    const dataset = await checkDataset(opts);
    issues = dataset.issues;
    found = counts(dataset);
    snapshot(dataset);
  } else {
    const cached = await checkWithCache(opts, checkCacheDir(root), { wholeDataset: values.snapshot !== undefined });
    ({ issues } = cached);
    found = cached;
    if (issues.length === 0 && values.snapshot !== undefined) snapshot(await cached.snapshotDataset(), cached.inputs);
    if (!values.json) console.error(cacheNote(cached));
  }
  const ok = issues.length === 0;
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ ok, issues }, null, 2)}\n`);
  } else if (ok) {
    console.log(summary(found));
  } else {
    for (const i of issues) console.log(formatIssue(i));
    console.log(`共发现 ${issues.length} 个问题,未发布任何内容。`);
  }
  return ok ? 0 : 1;
}

runMain(main, { prefix: '内部错误(不是数据问题,请报告给维护者):', code: 2 });
