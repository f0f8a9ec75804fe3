/** The contract of a cross-row or cross-table rule: it never throws, it returns located issues. */
import type { DataIssue } from '../messages/issue.ts';
import type { TableName } from '../schema/tables.ts';
import type { ContentEntry, DatasetMeta, ParsedTables } from '../dataset/types.ts';

export interface RuleContext {
  root: string;
  meta: DatasetMeta;
  tables: ParsedTables;
  /** The MDX entries whose front matter passed its schema. */
  content: ContentEntry[];
  /** Locate a cell: table, row line and column name to a DataIssue position. */
  at(table: TableName, line: number, columnName: string): Pick<DataIssue, 'file' | 'line' | 'column' | 'columnName'>;
  /**
   * The names of people the privacy guard looks for, as rules/privacy.ts `personNames` reads
   * them; the cached check keeps them, so a ledger edit need not read every committee member.
   */
  personNames?(): string[];
}

/** A cross-row or cross-table rule. */
export type Rule = (ctx: RuleContext) => DataIssue[];

/** What a step found, and the facts a later step reads from it (kept in the check cache as they are). */
export interface StepResult {
  issues: DataIssue[];
  facts?: unknown;
}

/**
 * One unit of the rules (rules/index.ts), the unit the check cache (cached.ts) keeps: what it
 * reads through the context (tables, meta, content) is recorded as it reads it.
 */
export interface Step {
  /** Unique, stable: the cache key of its result. */
  name: string;
  /** `facts(prefix)`: the facts of the earlier steps whose name starts with `prefix`, in order. */
  run(ctx: RuleContext, facts: (prefix: string) => unknown[]): StepResult;
  /**
   * What it reads beyond the context (files under the project, git), as a key; false: its
   * result may never be reused (it must say something on every run). Absent: nothing else.
   */
  outside?(ctx: RuleContext, keys: OutsideKeys): string | false;
}

/** Keys of what lies outside the data folder, computed once per run and only when a step asks. */
export interface OutsideKeys {
  /** Every MD/MDX text a rule may read, public/ (images, attachments) and dataset.json. */
  texts(): string;
}
