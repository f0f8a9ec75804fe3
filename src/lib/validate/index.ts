/**
 * The single entry point of validation: read the dataset, run every cross-table
 * rule, and return everything with ALL the issues found.
 *
 * `npm run check` and the build gate both run their rules through `runSteps`, so they can never
 * disagree; `checkDataset` is the full check on one thread (`npm run check -- --no-cache`, dev's
 * re-checks), against which the two-thread check is tested (check-cache.test.ts).
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

/** What a step may wait for (the cached check's ledger, on another thread): thrown as `defer`, it runs after `ready()`. */
export interface Later {
  defer: symbol;
  ready(): Promise<void>;
}

/**
 * Every rule step in order, each handed the facts of the steps before it; `result` runs a step
 * (or, in the cached check, gives its kept result): both checks go through here. With `later`, a
 * step that throws `later.defer` (or asks for the facts of one that did) runs again once
 * `later.ready()` has settled, after the others; the issues still come in step order.
 */
export async function runSteps(
  result: (step: Step, facts: (prefix: string) => unknown[]) => StepResult | Promise<StepResult>,
  later?: Later,
): Promise<DataIssue[]> {
  const results: (StepResult | undefined)[] = [];
  const factsBefore = (k: number) => (prefix: string) => {
    const found: unknown[] = [];
    for (let j = 0; j < k; j++) {
      if (!(STEPS[j] as Step).name.startsWith(prefix)) continue;
      const r = results[j];
      if (r === undefined) throw later?.defer ?? new Error(`${(STEPS[j] as Step).name} has not run`);
      if (r.facts !== undefined) found.push(r.facts);
    }
    return found;
  };
  const deferred: number[] = [];
  for (const [k, step] of STEPS.entries()) {
    try {
      results[k] = await result(step, factsBefore(k));
    } catch (e) {
      if (later === undefined || e !== later.defer) throw e;
      deferred.push(k);
    }
  }
  if (deferred.length > 0) await later?.ready();
  for (const k of deferred) results[k] = await result(STEPS[k] as Step, factsBefore(k));
  const issues: DataIssue[] = [];
  for (const r of results) for (const i of r?.issues ?? []) issues.push(i);
  return issues;
}
