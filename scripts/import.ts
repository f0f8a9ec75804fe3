/**
 * npm run import -- <file.xlsx|file.csv> [--table <name>] [--out data/<table>.csv] [--sheet <name>] [--dry-run]
 *
 * Normalise a staff workbook or CSV into the data standard, report every change
 * and everything that could not be mapped, and check the result with the table's
 * schema. Exit code 1 when anything needs a person's attention.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { TABLE_NAMES, type TableName } from '../src/lib/schema/tables.ts';
import { ImportInputError, readInput } from '../src/lib/import/read.ts';
import { normaliseGrid, toStandardCsv } from '../src/lib/import/pipeline.ts';
import { checkTableCsv } from '../src/lib/import/validate-table.ts';
import { formatImportReport } from '../src/lib/import/report.ts';

const USAGE =
  '用法:npm run import -- <文件.xlsx 或 文件.csv> [--table 表名] [--out data/表名.csv] [--sheet 工作表名] [--dry-run]';

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

function tableFromName(file: string | undefined): TableName | undefined {
  if (!file) return undefined;
  const stem = basename(file).replace(/\.[^.]+$/, '');
  return (TABLE_NAMES as string[]).includes(stem) ? (stem as TableName) : undefined;
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
  const grid = await readInput(input, bytes, args.values.sheet);
  const wanted = (table as TableName | undefined) ?? tableFromName(args.values.out) ?? tableFromName(input);
  const result = normaliseGrid(grid, wanted);
  if ('error' in result) fail(`${input}: ${result.error}`);

  const outPath = resolve(args.values.out ?? `data/${result.table}.csv`);
  const rel = relative(process.cwd(), outPath);
  const outRel = rel && !rel.startsWith('..') ? rel : outPath;
  const csv = toStandardCsv(result.header, result.rows);
  const { issues } = checkTableCsv(result.table, outRel, csv);
  if (!args.values['dry-run']) writeFileSync(outPath, csv);
  console.log(formatImportReport(result, args.values['dry-run'] ? `${outRel}(--dry-run,未写出)` : outRel, issues));
  const attention = result.unmappable.length + issues.length;
  if (attention > 0) {
    console.log(`\n共 ${attention} 处需要人工处理;改好之前 npm run check 不会通过,网站也不会发布这些数据。`);
    process.exit(1);
  }
}

main().catch((e: unknown) => {
  if (e instanceof ImportInputError) fail(e.message);
  fail(`导入失败:${e instanceof Error ? e.message : String(e)}`);
});
