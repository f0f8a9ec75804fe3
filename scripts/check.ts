/**
 * npm run check: validate data/ and src/content/ without building.
 *
 *   npm run check [-- --root <dir>] [--data <dir>] [--content <dir>] [--json] [--base <rev>] [--snapshot <file>]
 *   (without --data / --content: GONGSHI_DATA_DIR / GONGSHI_CONTENT_DIR, as the build reads them)
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
import { writeSnapshot } from '../src/lib/validate/snapshot.ts';
import { runMain } from './cli.ts';

function summary(d: Dataset): string {
  const tables = Object.values(d.tables);
  const rows = tables.reduce((n, t) => n + t.rows.length, 0);
  return `数据检查通过:${tables.length} 张表,${rows} 行,${d.content.length} 篇文章。`;
}

const USAGE =
  '用法:npm run check -- [--root <目录>] [--data <目录>] [--content <目录>] [--json] [--base <上次发布的提交>] [--snapshot <快照文件>]';

function options() {
  return parseArgs({
    options: {
      root: { type: 'string' },
      data: { type: 'string' },
      content: { type: 'string' },
      json: { type: 'boolean', default: false },
      base: { type: 'string' },
      snapshot: { type: 'string' },
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
  const dataset = await checkDataset(opts);
  const ok = dataset.issues.length === 0;
  if (ok && values.snapshot !== undefined) writeSnapshot(path.resolve(values.snapshot), opts, dataset);
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ ok, issues: dataset.issues }, null, 2)}\n`);
  } else if (ok) {
    console.log(summary(dataset));
  } else {
    for (const i of dataset.issues) console.log(formatIssue(i));
    console.log(`共发现 ${dataset.issues.length} 个问题,未发布任何内容。`);
  }
  return ok ? 0 : 1;
}

runMain(main, { prefix: '内部错误(不是数据问题,请报告给维护者):', code: 2 });
