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
}

/** A cross-row or cross-table rule. */
export type Rule = (ctx: RuleContext) => DataIssue[];
