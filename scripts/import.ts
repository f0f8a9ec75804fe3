/**
 * npm run import -- <file.xlsx|file.csv> [--table <name>] [--out data/<table>.csv] [--sheet <name>] [--dry-run]
 *
 * Normalise a staff workbook or CSV into the data standard, report every change,
 * and check the result with the table's schema. Anything that cannot be turned
 * into exactly the right value refuses the whole import (exit code 1) with the
 * file, line, column and a fix, and nothing is written.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { TABLE_NAMES, type TableName } from '../src/lib/schema/tables.ts';
import { ImportInputError, readInput } from './staff/import/read.ts';
import { normaliseGrid } from './staff/import/pipeline.ts';
import { checkImport } from './staff/import/validate-table.ts';
import { knownIdsIn } from './staff/import/known-ids.ts';
import { formatImportReport } from './staff/import/report.ts';

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

/** The as-of date of the data folder the output goes to, when it has a dataset.json. */
function asOfIn(dataDir: string): string | undefined {
  try {
    const asOf = (JSON.parse(readFileSync(resolve(dataDir, 'dataset.json'), 'utf8')) as { as_of?: unknown }).as_of;
    return typeof asOf === 'string' ? asOf : undefined;
  } catch {
    return undefined;
  }
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
  const guessedOut = resolve(args.values.out ?? `data/${wanted ?? 'x'}.csv`);
  const result = normaliseGrid(grid, wanted, {
    knownIds: knownIdsIn(dirname(guessedOut), wanted ?? ('' as TableName)),
    asOf: asOfIn(dirname(guessedOut)),
  });
  if ('error' in result) fail(`${input}:${result.error}`);

  const outPath = resolve(args.values.out ?? `data/${result.table}.csv`);
  const rel = relative(process.cwd(), outPath);
  const outRel = rel && !rel.startsWith('..') ? rel : outPath;
  const { csv, problems } = checkImport(result, outRel);
  const dryRun = args.values['dry-run'];
  console.log(formatImportReport(result, { inputFile: input, outFile: outRel, checkProblems: problems, dryRun }));
  // Refused means refused: the output file is not touched, so a half-fixed table never reaches data/.
  if (result.problems.length + problems.length > 0) process.exit(1);
  if (!dryRun) {
    mkdirSync(dirname(outPath), { recursive: true });
    writeFileSync(outPath, csv);
  }
}

main().catch((e: unknown) => {
  if (e instanceof ImportInputError) fail(e.message);
  fail(`导入失败:${e instanceof Error ? e.message : String(e)}`);
});
