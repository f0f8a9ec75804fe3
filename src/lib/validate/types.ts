/**
 * The contract between the CSV loader, the validation rules and everything that
 * reports a problem. A rule never throws: it returns located issues.
 */
import type { Row, TableName } from '../schema/tables.ts';
import type { ContentCollectionName } from '../schema/content.ts';

/** One problem, located to the cell so staff can find it in Excel. */
export interface DataIssue {
  /** Path relative to the project root, e.g. `data/compounds.csv` or `src/content/notices/x.mdx`. */
  file: string;
  /** 1-based physical line in the file (the header is line 1). */
  line: number;
  /** 1-based column (CSV: position in the header; MDX: 1). */
  column: number;
  /** Column or front-matter key; `-` for whole-file problems. */
  columnName: string;
  /** What is wrong, in Chinese, quoting the offending value. */
  message: string;
  /** How to fix it, in Chinese. */
  fix: string;
  /** Stable machine-readable kind (e.g. `required`, `duplicate-id`, `ref`), used by tests and docs. */
  kind: string;
}

/** A parsed row with where it came from. */
export interface LocatedRow<T> {
  data: T;
  /** 1-based physical line of the row's first character. */
  line: number;
}

export interface ParsedTable<T> {
  name: TableName;
  /** Project-relative path of the CSV file. */
  file: string;
  /** Header as written in the file. */
  header: string[];
  rows: LocatedRow<T>[];
  /**
   * Rows that failed typing (their issues are already reported), with their raw
   * cells. Rules use them to avoid cascades: a reference to a rejected row is not
   * also reported as missing.
   */
  rejected?: { line: number; raw: Record<string, string> }[];
  /** The file is missing or could not be read: its rows are unknown, so nothing can be said to be missing from it. */
  unreadable?: boolean;
}

export type ParsedTables = { [K in TableName]: ParsedTable<Row<K>> };

/** The dataset-wide facts in data/dataset.json. */
export interface DatasetMeta {
  /** Portal title. */
  title: string;
  /** The date the data describes; "future" and "overdue" are judged against it, never against the clock. */
  as_of: string;
  /** Licence of the published data. */
  licence: string;
  /** Version of the data standard the files follow. */
  standard_version: number;
}

/** One MDX entry of src/content/<collection>/, with its validated front matter. */
export interface ContentEntry {
  collection: ContentCollectionName;
  /** File name without extension, as Astro's glob loader derives it. */
  id: string;
  /** Project-relative path, e.g. `src/content/notices/x.mdx`. */
  file: string;
  /** Front matter after schema validation, references still plain id strings. */
  data: Record<string, unknown>;
  /** 1-based line of each top-level front-matter key, to locate issues. */
  keyLines: Record<string, number>;
}

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

export function formatIssue(i: DataIssue): string {
  return `${i.file}:${i.line}:${i.column} ${i.columnName}: ${i.message} (${i.fix})`;
}
