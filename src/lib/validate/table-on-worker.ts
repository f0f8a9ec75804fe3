/**
 * One large table read, typed and checked on the check's worker thread (chunk-worker.ts), before
 * it takes the fund ledger's chunks: at city scale the revenue table (789,074 rows at 15,000
 * compounds) cost the main thread ≈ 6.5 s of its ≈ 15 s (typing 4.4 s, its four rule steps 2.3 s)
 * while the worker had ≈ 5 s to spare. Only what the main thread's cache needs comes back — the
 * table's own issues and row count, its ids' digest, each of its steps' result with what the step
 * read — never its typed rows (whose copy made session 13's try cost > 4 GB). The steps run in the
 * worker's recording context (chunk-context.ts), so each result and its reads are what the main
 * thread would have kept; a step that reads what was not sent is left to the main thread, which
 * then types the table itself.
 */
import { createHash } from 'node:crypto';
import type { DataIssue } from '../messages/issue.ts';
import type { TableName } from '../schema/tables.ts';
import { tableFromBytes } from '../dataset/load.ts';
import type { ParsedTable } from '../dataset/types.ts';
import { chunkContextFrom, type ChunkContextData } from './chunk-context.ts';
import { STEPS } from './rules/index.ts';
import { idsInFileOrder } from './rules/util.ts';
import type { StepResult } from './types.ts';

/** The table sent to the worker: its bytes are the main thread's, in shared memory, as hashed. */
export interface TableJob {
  name: TableName;
  file: string;
  bytes: Uint8Array;
}

export interface TableAnswer {
  name: TableName;
  issues: DataIssue[];
  rows: number;
  /** What `ids:<name>` stands for (idsDigest). */
  ids: string;
  /** Its own steps (`<rule>:<name>`) that ran here, by name. */
  steps: Record<string, { result: StepResult; reads: string[] }>;
}

/** The cache's key for a table's ids: whether it was readable, and its ids in file order. */
export function idsDigest(table: ParsedTable<unknown>): string {
  return createHash('sha256')
    .update(JSON.stringify([table.unreadable === true, idsInFileOrder(table as never)]))
    .digest('hex');
}

/** The steps of one table only, which the main thread may take from the worker. */
const tableSteps = (name: TableName) => STEPS.filter((s) => s.name.endsWith(`:${name}`) && !s.outside);

/** Typed as soon as the worker starts: the rules' context comes later. */
export const readTable = ({ name, file, bytes }: TableJob) => tableFromBytes(name, file, bytes);

const noFacts = () => {
  throw new Error('a table step reads no facts');
};

export function checkTable(
  { name }: TableJob,
  read: ReturnType<typeof readTable>,
  data: ChunkContextData,
): TableAnswer {
  const withTable = { ...data, tables: { ...data.tables, [name]: read.table } };
  const steps: TableAnswer['steps'] = {};
  for (const step of tableSteps(name)) {
    const touched = new Set<string>();
    try {
      steps[step.name] = { result: step.run(chunkContextFrom(withTable, touched)(), noFacts), reads: [...touched] };
    } catch {
      // Unanswered: the main thread runs it.
    }
  }
  return { name, issues: read.issues, rows: read.table.rows.length, ids: idsDigest(read.table), steps };
}
