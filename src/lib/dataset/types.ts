/**
 * What reading the data gives: typed tables with line numbers, dataset.json's
 * facts and the MDX entries, before any cross-table rule has looked at them.
 */
import type { Row, TableName } from '../schema/tables.ts';
import type { DatasetMeta } from './meta.ts';
import type { ContentCollectionName } from '../schema/content.ts';
import type { DataIssue } from '../messages/issue.ts';

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

/** Every table's rows as plain fields, without the lines they were read from. */
export type Rows = { [K in TableName]: Row<K>[] };

// Defined beside its schema (meta.ts); named here too so the dataset's types are read from one file.
export type { DatasetMeta };

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

/** Everything read from the data and content folders, with the problems found. */
export interface Dataset {
  meta: DatasetMeta;
  tables: ParsedTables;
  content: ContentEntry[];
  /** Sorted by file, line, column. Empty means the data may be published. */
  issues: DataIssue[];
}
