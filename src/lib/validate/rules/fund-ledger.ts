/**
 * The maintenance-fund ledger, per compound in (date, id) order: the running
 * balance may never go negative and must match any balance the bank statement
 * gives; outflows need the owners' vote; directions match categories; 冲正 rows
 * say what they reverse and why.
 */
import { LEDGER_CATEGORIES, LEDGER_INFLOW_CATEGORIES } from '../../schema/enums.ts';
import type { FundEntry } from '../../schema/fund.ts';
import { fenToPlain } from '../../util/money.ts';
import { compareLedgerOrder } from '../ledger/canonical.ts';
import { issue } from '../../messages/catalogue.ts';
import type { DataIssue } from '../../messages/issue.ts';
import type { Rule } from '../types.ts';
import { groupBy } from '../../util/group.ts';
import { rejectedValues } from './util.ts';

const INFLOW = new Set<string>(LEDGER_INFLOW_CATEGORIES);
// 冲正 may go either way: it undoes an entry of either direction.
const OUTFLOW = new Set<string>(LEDGER_CATEGORIES.filter((c) => !INFLOW.has(c) || c === '冲正'));

export const fundLedger: Rule = ({ tables, at }) => {
  const issues: DataIssue[] = [];
  const rows = tables.fund_ledger.rows;
  for (const { data: e, line } of rows) {
    const allowed = e.direction === '收入' ? INFLOW : OUTFLOW;
    if (!allowed.has(e.category)) {
      issues.push(
        issue('ledger-category', at('fund_ledger', line, 'category'), {
          direction: e.direction,
          category: e.category,
          inflow: [...INFLOW].join('、'),
          outflow: [...OUTFLOW].join('、'),
        }),
      );
    }
    if (e.direction === '支出' && e.category !== '冲正' && !e.approval) {
      issues.push(issue('ledger-approval', at('fund_ledger', line, 'approval')));
    }
    if (e.category === '冲正') {
      if (!e.reverses)
        issues.push(
          issue('ledger-reversal', at('fund_ledger', line, 'reverses'), { column: 'reverses', title: '冲正对象' }),
        );
      if (!e.reason)
        issues.push(
          issue('ledger-reversal', at('fund_ledger', line, 'reason'), { column: 'reason', title: '冲正原因' }),
        );
    }
  }

  // A compound with an untyped row cannot be summed honestly; its row errors come first.
  const incomplete = rejectedValues(tables, 'fund_ledger', 'compound_id');
  for (const [compound, entries] of groupBy(rows, (r) => r.data.compound_id)) {
    if (incomplete.has(compound)) continue;
    // The ledger order of the compound page and the hash chain: date, then id.
    const ordered = [...entries].sort((a, b) => compareLedgerOrder(a.data, b.data));
    let balance = 0;
    for (const { data, line } of ordered) {
      const before = balance;
      balance += signed(data);
      // Report the entry that takes the fund below zero, not every entry while it stays there.
      if (balance < 0 && before >= 0) {
        issues.push(issue('ledger-negative', at('fund_ledger', line, 'amount'), { balance: fenToPlain(balance) }));
      }
      // Keep summing the entries rather than trusting a stated figure: a typo in one
      // stated balance is then reported once, on its own row.
      if (data.balance !== undefined && data.balance !== balance) {
        issues.push(
          issue('ledger-balance', at('fund_ledger', line, 'balance'), {
            stated: fenToPlain(data.balance),
            running: fenToPlain(balance),
          }),
        );
      }
    }
  }
  return issues;
};

function signed(e: FundEntry): number {
  return e.direction === '收入' ? e.amount : -e.amount;
}
