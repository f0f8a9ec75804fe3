/**
 * One import, from the staff's file to the merged table: read, normalise, merge,
 * check, report, and write only when nothing is refused and it is not a dry run.
 * `npm run import` is this with command-line arguments; the tests call it directly.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, relative, resolve } from 'node:path';
import { TABLE_NAMES, type TableName } from '../../../src/lib/schema/tables.ts';
import { readCsvBytes, readInput } from './read.ts';
import { normaliseGrid, type ImportProblem, type ImportResult } from './pipeline.ts';
import { checkImport } from './validate-table.ts';
import { knownRecordsIn } from './known-ids.ts';
import { formatImportReport } from './report.ts';
import { mergeIntoTable, type Merged } from './merge.ts';
import { cmp } from '../../../src/lib/util/compare.ts';

export interface ImportRequest {
  /** The staff's file, as named on the command line. */
  input: string;
  table?: TableName;
  /** Where the table goes; data/<table>.csv under `cwd` when absent. */
  out?: string;
  sheet?: string;
  dryRun?: boolean;
  replace?: boolean;
  /** Directory paths are resolved and reported against. */
  cwd?: string;
}

export type ImportOutcome =
  | { error: string }
  | {
      report: string;
      result: ImportResult;
      merged: Merged;
      /** Everything refused: empty when the import may write. */
      problems: ImportProblem[];
      /** Whether the table file was written. */
      written: boolean;
      outPath: string;
    };

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

export async function importFile(req: ImportRequest, bytes: Uint8Array): Promise<ImportOutcome> {
  const cwd = req.cwd ?? process.cwd();
  const grid = await readInput(req.input, bytes, req.sheet);
  const wanted = req.table ?? tableFromName(req.out) ?? tableFromName(req.input);
  const guessedOut = resolve(cwd, req.out ?? `data/${wanted ?? 'x'}.csv`);
  const result = normaliseGrid(grid, wanted, {
    known: knownRecordsIn(dirname(guessedOut)),
    asOf: asOfIn(dirname(guessedOut)),
  });
  if ('error' in result) return { error: `${req.input}:${result.error}` };

  const outPath = resolve(cwd, req.out ?? `data/${result.table}.csv`);
  const rel = relative(cwd, outPath);
  const outFile = rel && !rel.startsWith('..') ? rel : outPath;
  const existing = existsSync(outPath) ? readFileSync(outPath) : undefined;
  const merged = mergeIntoTable(result, existing ? readCsvBytes(existing) : undefined, {
    replace: req.replace ?? false,
    dataFile: outFile,
  });
  const { csv, problems: checked } = checkImport(result, outFile, merged);
  const changesFile = !existing || Buffer.compare(existing, Buffer.from(csv)) !== 0;
  const problems = [...result.problems, ...merged.problems, ...checked].sort(
    (a, b) => cmp(a.file ?? '', b.file ?? '') || a.line - b.line || a.column - b.column,
  );
  const dryRun = req.dryRun ?? false;
  const report = formatImportReport(result, {
    inputFile: req.input,
    outFile,
    checkProblems: [...merged.problems, ...checked],
    dryRun,
    merged,
    changesFile,
  });
  // Refused means refused: the output file is not touched, so a half-fixed table never reaches data/.
  const written = problems.length === 0 && !dryRun && changesFile;
  if (written) {
    mkdirSync(dirname(outPath), { recursive: true });
    writeFileSync(outPath, csv);
  }
  return { report, result, merged, problems, written, outPath };
}
