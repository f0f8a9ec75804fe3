/**
 * Committee terms and service contracts: one at a time per compound. Each
 * period must end on or after it starts, and no two of a compound may overlap.
 */
import type { TableName } from '../../schema/tables.ts';
import { issue, type IssueKind } from '../../messages/catalogue.ts';
import type { DataIssue } from '../../messages/issue.ts';
import type { Rule, RuleContext } from '../types.ts';
import { groupBy } from '../../util/group.ts';
import { overlaps, rowsOf } from './util.ts';
import { cmp } from '../../util/compare.ts';

interface PeriodSpec {
  table: TableName;
  start: string;
  end: string;
  order: IssueKind;
  overlap: IssueKind;
  /** Only rows for which this returns the same key compete (e.g. one compound). */
  group: (data: Record<string, unknown>) => string;
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

function checkPeriods(ctx: RuleContext, spec: PeriodSpec): DataIssue[] {
  const issues: DataIssue[] = [];
  const periods = rowsOf(ctx.tables, spec.table)
    .map((r) => ({ row: r, start: str(r.data[spec.start]), end: str(r.data[spec.end]) }))
    .filter((p): p is typeof p & { start: string } => p.start !== undefined);
  const valid = periods.filter((p) => {
    if (p.end !== undefined && p.end < p.start) {
      issues.push(issue(spec.order, ctx.at(spec.table, p.row.line, spec.end), { start: p.start, end: p.end }));
      return false;
    }
    return true;
  });
  for (const group of groupBy(valid, (p) => spec.group(p.row.data)).values()) {
    // Report each overlap once, on the later-starting row, pointing at the earlier one.
    const sorted = [...group].sort((a, b) => cmp(a.start, b.start) || a.row.line - b.row.line);
    sorted.forEach((p, i) => {
      const other = sorted.slice(0, i).find((q) => overlaps(q.start, q.end, p.start, p.end));
      if (!other) return;
      issues.push(
        issue(spec.overlap, ctx.at(spec.table, p.row.line, spec.start), {
          start: p.start,
          end: p.end ?? '至今',
          other: String(other.row.data.id),
          otherLine: other.row.line,
          otherStart: other.start,
          otherEnd: other.end ?? '至今',
        }),
      );
    });
  }
  return issues;
}

export const committeeTerms: Rule = (ctx) =>
  checkPeriods(ctx, {
    table: 'committees',
    start: 'term_start',
    end: 'term_end',
    order: 'term-order',
    overlap: 'term-overlap',
    group: (d) => String(d.compound_id),
  });

export const contractPeriods: Rule = (ctx) =>
  checkPeriods(ctx, {
    table: 'contracts',
    start: 'start',
    end: 'end',
    order: 'contract-order',
    overlap: 'contract-overlap',
    group: (d) => String(d.compound_id),
  });
