/**
 * The one shape every problem takes, whoever finds it (CSV reader, typing,
 * rules, content checks), so `npm run check`, the build gate and the importer
 * print them the same way (`formatIssue` in src/lib/schema/labels.ts, which
 * knows the tables' Chinese labels).
 */

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
