/** Public revenue (公共收益) by quarter, and how much of it moved into the maintenance fund. */
import type { Row } from '../../schema/tables.ts';
import { shareBasisPoints } from '../format.ts';

type Revenue = Row<'public_revenue'>;

export interface QuarterRevenue {
  year: number;
  quarter: number;
  income: number;
  spending: number;
  /** income − spending. */
  net: number;
  toFund: number;
  /** to_fund / net in basis points; undefined when there is no net revenue. */
  toFundBp: number | undefined;
  /** Income per source (广告, 停车…). */
  bySource: Partial<Record<Revenue['revenue_source'], number>>;
}

function emptyQuarter(year: number, quarter: number): QuarterRevenue {
  return { year, quarter, income: 0, spending: 0, net: 0, toFund: 0, toFundBp: undefined, bySource: {} };
}

/** Quarters oldest first; several source rows of one quarter are summed. */
export function revenueByQuarter(rows: readonly Revenue[]): QuarterRevenue[] {
  const sorted = [...rows].sort((a, b) => a.year - b.year || a.quarter - b.quarter);
  const out: QuarterRevenue[] = [];
  for (const r of sorted) {
    let q = out.at(-1);
    if (!q || q.year !== r.year || q.quarter !== r.quarter) {
      q = emptyQuarter(r.year, r.quarter);
      out.push(q);
    }
    q.income += r.income;
    q.spending += r.spending;
    q.toFund += r.to_fund;
    q.bySource[r.revenue_source] = (q.bySource[r.revenue_source] ?? 0) + r.income;
  }
  for (const q of out) {
    q.net = q.income - q.spending;
    q.toFundBp = q.net > 0 ? shareBasisPoints(q.toFund, q.net) : undefined;
  }
  return out;
}

/** Totals over all quarters, with the same share. */
export function revenueTotals(quarters: readonly QuarterRevenue[]): QuarterRevenue {
  const t = emptyQuarter(0, 0);
  for (const q of quarters) {
    t.income += q.income;
    t.spending += q.spending;
    t.toFund += q.toFund;
  }
  t.net = t.income - t.spending;
  t.toFundBp = t.net > 0 ? shareBasisPoints(t.toFund, t.net) : undefined;
  return t;
}

/** Shanghai expects more than half of net public revenue to move into the fund. */
export const TO_FUND_MIN_BP = 5000;
