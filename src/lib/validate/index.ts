/**
 * The single entry point of validation: read the dataset, run every cross-table
 * rule, and return everything with ALL the issues found.
 *
 * `npm run check` and the build gate both go through here, so they can never disagree.
 */
import { sortIssues } from '../messages/catalogue.ts';
import { readDataset } from '../dataset/load.ts';
import { resolveDirs, type DatasetOptions } from '../dataset/options.ts';
import type { Dataset, ParsedTables } from '../dataset/types.ts';
import { RULES } from './rules/index.ts';
import { releaseIds } from './rules/util.ts';
import type { RuleContext } from './types.ts';

/** Build the locator rules use: table + row line + column name → file:line:column. */
function locator(tables: ParsedTables): RuleContext['at'] {
  return (table, line, columnName) => {
    const t = tables[table];
    const index = t.header.indexOf(columnName);
    return { file: t.file, line, column: index === -1 ? 1 : index + 1, columnName };
  };
}

/** Read and validate the data and content folders. */
export async function checkDataset(opts: DatasetOptions): Promise<Dataset> {
  const dataset = await readDataset(opts);
  const { meta, tables, content } = dataset;
  const ctx: RuleContext = { root: resolveDirs(opts).root, meta, tables, content, at: locator(tables) };
  const issues = [...dataset.issues];
  for (const rule of RULES) issues.push(...rule(ctx));
  releaseIds(tables);
  return { ...dataset, issues: sortIssues(issues) };
}
