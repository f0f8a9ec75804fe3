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
import type { DataIssue } from '../messages/issue.ts';
import { STEPS } from './rules/index.ts';
import { releaseIds } from './rules/util.ts';
import type { RuleContext, Step, StepResult } from './types.ts';

/** Build the locator rules use: table + row line + column name → file:line:column. */
export function locator(tables: ParsedTables): RuleContext['at'] {
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
  const issues = [...dataset.issues, ...(await runSteps((step, facts) => step.run(ctx, facts)))];
  releaseIds(tables);
  return { ...dataset, issues: sortIssues(issues) };
}

/**
 * Every rule step in order, each handed the facts of the steps before it; `result` runs a step
 * (or, in the cached check, gives its kept result): both checks go through here.
 */
export async function runSteps(
  result: (step: Step, facts: (prefix: string) => unknown[]) => StepResult | Promise<StepResult>,
): Promise<DataIssue[]> {
  const issues: DataIssue[] = [];
  const done: { name: string; facts: unknown }[] = [];
  const facts = (prefix: string) => done.filter((d) => d.name.startsWith(prefix)).map((d) => d.facts);
  for (const step of STEPS) {
    const r = await result(step, facts);
    for (const i of r.issues) issues.push(i);
    if (r.facts !== undefined) done.push({ name: step.name, facts: r.facts });
  }
  return issues;
}
