/**
 * Reconciliation of the maintenance fund beyond the running balance
 * (fund-ledger.ts): amounts are positive (the direction carries the sign), every 冲正 row mirrors
 * an earlier ordinary entry of its compound and reverses it only once, and each
 * compound's yearly statement, opening + inflows − outflows = closing, holds in
 * exact integer fen (src/lib/validate/ledger/reconcile.ts, the table the pages show).
 */
import { fenToPlain } from '../../util/money.ts';
import { ledgerYears } from '../ledger/reconcile.ts';
import { compareLedgerOrder } from '../ledger/canonical.ts';
import { issue } from '../../messages/catalogue.ts';
import type { DataIssue } from '../../messages/issue.ts';
import type { Rule } from '../types.ts';
import { firstWithIds, rejectedValues } from './util.ts';

export const ledgerReconcile: Rule = ({ tables, at }) => {
  const issues: DataIssue[] = [];
  const rows = tables.fund_ledger.rows;
  const reversed = new Set<string>();
  for (const r of rows) if (r.data.reverses) reversed.add(r.data.reverses);
  const byId = firstWithIds(rows, reversed);

  // Direction carries the sign; a negative amount would silently flip an outflow into an inflow.
  for (const { data: e, line } of rows) {
    if (e.amount <= 0)
      issues.push(issue('ledger-amount', at('fund_ledger', line, 'amount'), { value: fenToPlain(e.amount) }));
  }

  const reversedBy = new Map<string, string>();
  for (const { data: e, line } of rows) {
    if (!e.reverses) continue;
    const target = byId.get(e.reverses);
    if (!target) continue; // a missing or rejected target is the reference rule's report
    const problems: string[] = [];
    if (target.compound_id !== e.compound_id) problems.push(`原记录属于 ${target.compound_id}`);
    // Only an earlier ordinary entry can be reversed: no reversal of a reversal, hence no cycle.
    if (target.category === '冲正') problems.push('原记录本身是冲正行');
    if (compareLedgerOrder(target, e) >= 0) problems.push(`原记录(${target.date})不在这一行(${e.date})之前`);
    if (target.amount !== e.amount)
      problems.push(`金额 ${fenToPlain(e.amount)} 与原记录 ${fenToPlain(target.amount)} 不同`);
    if (target.direction === e.direction) problems.push(`收支方向与原记录相同(都是${e.direction})`);
    const earlier = reversedBy.get(e.reverses);
    if (earlier) problems.push(`已被 ${earlier} 冲正过`);
    else reversedBy.set(e.reverses, e.id);
    if (problems.length > 0) {
      issues.push(
        issue('ledger-reversal-mismatch', at('fund_ledger', line, 'reverses'), {
          target: e.reverses,
          what: problems.join(';'),
        }),
      );
    }
  }

  const incomplete = rejectedValues(tables, 'fund_ledger', 'compound_id');
  const firstLine = new Map<string, number>();
  for (const r of rows) if (!firstLine.has(r.data.compound_id)) firstLine.set(r.data.compound_id, r.line);
  for (const y of ledgerYears(rows.map((r) => r.data))) {
    if (incomplete.has(y.compound_id)) continue;
    const figures = [y.opening, y.inflows, y.outflows, y.closing];
    if (figures.every(Number.isSafeInteger) && y.opening + y.inflows - y.outflows === y.closing) continue;
    issues.push(
      issue('ledger-reconcile', at('fund_ledger', firstLine.get(y.compound_id) ?? 1, 'amount'), {
        compound: y.compound_id,
        year: y.year,
        opening: fenToPlain(y.opening),
        inflows: fenToPlain(y.inflows),
        outflows: fenToPlain(y.outflows),
        closing: fenToPlain(y.closing),
      }),
    );
  }
  return issues;
};
