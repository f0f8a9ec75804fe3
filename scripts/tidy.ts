/**
 * npm run tidy [-- <文件>…] [--dry-run]
 *
 * Rewrites data files saved from Excel ("CSV UTF-8") in the standard's form: no BOM,
 * LF line ends, ISO dates, money with two decimals; values never change (see
 * scripts/staff/tidy.ts). Without files, every table in data/. Reports per file and
 * column what it changed. Exit 0: done; 1: a file could not be tidied (said why).
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { TABLE_NAMES, type TableName } from '../src/lib/schema/tables.ts';
import { projectOptions, resolveDirs } from '../src/lib/dataset/options.ts';
import { readBaseFile } from '../src/lib/validate/ledger/git-base.ts';
import { tidyReport, tidyTable } from './staff/tidy.ts';
import { runMain } from './cli.ts';

const USAGE = '用法:npm run tidy -- [data/表名.csv …] [--dry-run]';

function options() {
  return parseArgs({ allowPositionals: true, options: { 'dry-run': { type: 'boolean', default: false } } });
}

/** The file as last committed, so values that did not change keep their committed text. */
function committed(root: string, abs: string): Uint8Array | undefined {
  const rel = path.relative(root, abs).split(path.sep).join('/');
  if (rel.startsWith('..')) return undefined;
  const base = readBaseFile(root, rel, 'HEAD');
  return base.ok ? base.bytes : undefined;
}

async function main(): Promise<number> {
  let args: ReturnType<typeof options>;
  try {
    args = options();
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const { root, dataDir } = resolveDirs(projectOptions());
  const dryRun = args.values['dry-run'];
  const files = args.positionals.length
    ? args.positionals.map((f) => path.resolve(f))
    : TABLE_NAMES.map((t) => path.join(dataDir, `${t}.csv`)).filter((f) => existsSync(f));
  let failed = 0;
  let changed = 0;
  for (const abs of files) {
    const table = path.basename(abs, '.csv') as TableName;
    const shown = path.relative(root, abs).split(path.sep).join('/');
    if (!TABLE_NAMES.includes(table) || !abs.endsWith('.csv')) {
      console.log(`${shown}:不是数据标准里的表(文件名应为 ${TABLE_NAMES.slice(0, 3).join('.csv、')}.csv 等)`);
      failed += 1;
      continue;
    }
    if (!existsSync(abs)) {
      console.log(`${shown}:文件不存在`);
      failed += 1;
      continue;
    }
    const result = tidyTable(table, readFileSync(abs), committed(root, abs));
    // Run over all of data/, the tables already in the standard's form are only counted.
    const quiet = !args.positionals.length && result.ok && !result.changed && result.unreadable === 0;
    if (!quiet) for (const line of tidyReport(table, shown, result, dryRun)) console.log(line);
    if (!result.ok) failed += 1;
    else if (result.changed) {
      if (!dryRun) {
        try {
          writeFileSync(abs, result.text);
        } catch (e) {
          // On Windows a file Excel still has open cannot be written (EBUSY / EPERM).
          console.log(
            `${shown}:写入失败(${(e as NodeJS.ErrnoException).code ?? String(e)}),文件没有改动。多半是还在 Excel 里打开着:关掉它再运行 npm run tidy`,
          );
          failed += 1;
          continue;
        }
      }
      changed += 1;
    }
  }
  const verb = dryRun ? '需要整理' : '整理了';
  console.log(
    `${verb} ${changed} 个文件,${files.length - changed - failed} 个已是标准写法${failed ? `,${failed} 个未能整理(见上)` : ''}。${changed && !dryRun ? '接着运行 npm run check。' : ''}`,
  );
  return failed ? 1 : 0;
}

runMain(main, { prefix: '内部错误(不是数据问题,请报告给维护者):', code: 2 });
