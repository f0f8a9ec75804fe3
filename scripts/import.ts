/**
 * npm run import -- <file.xlsx|file.csv|file.txt> [--table <name>] [--out data/<table>.csv] [--sheet <name>] [--dry-run] [--replace]
 *
 * Normalise a staff workbook or CSV into the data standard, merge it into the
 * table by id (merge.ts: new rows added, changed rows updated, rows the sheet does
 * not hold kept unless marked 删除 or --replace), print the preview and every
 * change, and check the result with the table's schema. Anything that cannot be
 * turned into exactly the right value refuses the whole import (exit code 1) with
 * the file, line, column and a fix, and nothing is written.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { TABLE_NAMES, type TableName } from '../src/lib/schema/tables.ts';
import { ImportInputError } from './staff/import/read.ts';
import { importFile } from './staff/import/run.ts';

const USAGE =
  '用法:npm run import -- <文件.xlsx、文件.csv 或 Unicode 文本.txt> [--table 表名] [--out data/表名.csv] [--sheet 工作表名] [--dry-run] [--replace]';

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

async function main() {
  let args;
  try {
    args = parseArgs({
      allowPositionals: true,
      options: {
        table: { type: 'string' },
        out: { type: 'string' },
        sheet: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        replace: { type: 'boolean', default: false },
      },
    });
  } catch (e) {
    fail(`${(e as Error).message}\n${USAGE}`);
  }
  const [input] = args.positionals;
  if (!input || args.positionals.length > 1) fail(USAGE);
  const table = args.values.table;
  if (table !== undefined && !(TABLE_NAMES as string[]).includes(table)) {
    fail(`没有名为“${table}”的表。可用的表:${TABLE_NAMES.join('、')}`);
  }
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(input);
  } catch {
    fail(`读不到文件“${input}”,请检查路径`);
  }
  const outcome = await importFile(
    {
      input,
      table: table as TableName | undefined,
      out: args.values.out,
      sheet: args.values.sheet,
      dryRun: args.values['dry-run'],
      replace: args.values.replace,
    },
    bytes,
  );
  if ('error' in outcome) fail(outcome.error);
  console.log(outcome.report);
  if (outcome.problems.length > 0) process.exit(1);
}

main().catch((e: unknown) => {
  if (e instanceof ImportInputError) fail(e.message);
  fail(`导入失败:${e instanceof Error ? e.message : String(e)}`);
});
