/**
 * A repair's shares across buildings (fund_allocations) must tell the same story
 * as the ledger: they share a 支出 row of the same compound, each says how many
 * households or how much area bears it, no building appears twice for one row,
 * and the shares add up to the row's amount in exact fen.
 */
import { fenToPlain } from '../../util/money.ts';
import { groupBy } from '../../util/group.ts';
import { issue } from '../../messages/catalogue.ts';
import type { DataIssue } from '../../messages/issue.ts';
import type { Rule } from '../types.ts';
import { firstWithIds, rejectedValues } from './util.ts';

export const fundAllocations: Rule = ({ tables, at }) => {
  const issues: DataIssue[] = [];
  const rows = tables.fund_allocations.rows;
  const ledger = firstWithIds(tables.fund_ledger.rows, new Set(rows.map((r) => r.data.ledger_id)));
  // A share of a rejected allocation row would make the sum wrong twice over: leave that ledger row alone.
  const incomplete = rejectedValues(tables, 'fund_allocations', 'ledger_id');

  for (const { data: a, line } of rows) {
    if (a.households === undefined && a.area_m2 === undefined)
      issues.push(issue('allocation-basis', at('fund_allocations', line, 'households'), { building: a.building }));
    const entry = ledger.get(a.ledger_id);
    if (!entry) continue; // a missing or rejected ledger row is the reference rule's report
    if (entry.compound_id !== a.compound_id)
      issues.push(
        issue('allocation-compound', at('fund_allocations', line, 'compound_id'), {
          ledger: a.ledger_id,
          expected: entry.compound_id,
          value: a.compound_id,
        }),
      );
    if (entry.direction !== '支出' || entry.reverses)
      issues.push(issue('allocation-target', at('fund_allocations', line, 'ledger_id'), { ledger: a.ledger_id }));
  }

  for (const [ledgerId, shares] of groupBy(rows, (r) => r.data.ledger_id)) {
    const seen = new Map<string, number>();
    for (const { data: a, line } of shares) {
      const first = seen.get(a.building);
      if (first === undefined) seen.set(a.building, line);
      else
        issues.push(
          issue('allocation-duplicate', at('fund_allocations', line, 'building'), {
            building: a.building,
            ledger: ledgerId,
            first,
          }),
        );
    }
    const entry = ledger.get(ledgerId);
    if (!entry || incomplete.has(ledgerId)) continue;
    const total = shares.reduce((sum, s) => sum + s.data.amount, 0);
    if (total === entry.amount) continue;
    const last = shares.at(-1)!;
    issues.push(
      issue('allocation-sum', at('fund_allocations', last.line, 'amount'), {
        ledger: ledgerId,
        total: fenToPlain(total),
        amount: fenToPlain(entry.amount),
        difference: fenToPlain(Math.abs(entry.amount - total)),
      }),
    );
  }
  return issues;
};
