/**
 * The maintenance fund (专项维修资金) from its ledger: running balance, flows per
 * year and category, the first deposit, and the 30%-of-first-deposit warning
 * (续筹 is due when the balance falls below it). All integer fen.
 */
import type { Row } from '../../schema/tables.ts';
import { LEDGER_CATEGORIES } from '../../schema/enums.ts';
import { runningBalances, signedAmount } from '../../validate/ledger/reconcile.ts';

type FundEntry = Row<'fund_ledger'>;

export interface LedgerLine {
  entry: FundEntry;
  /** +amount for 收入, −amount for 支出. */
  signed: number;
  /** Balance after this entry. */
  balance: number;
  /** True when the row states a balance that differs from the running total. */
  statedMismatch: boolean;
}

/** The ledger in ledger order with the balance after each entry (the order the hash chain uses). */
export function runningLedger(entries: readonly FundEntry[]): LedgerLine[] {
  return runningBalances(entries).map(({ entry, balance }) => ({
    entry,
    signed: signedAmount(entry),
    balance,
    statedMismatch: entry.balance !== undefined && entry.balance !== balance,
  }));
}

export interface YearFlows {
  year: number;
  /** Inflow per category (fen), only categories that moved. */
  inflow: Partial<Record<FundEntry['category'], number>>;
  outflow: Partial<Record<FundEntry['category'], number>>;
  totalIn: number;
  totalOut: number;
  /** Balance at the end of the year. */
  closing: number;
}

function flowsByYear(lines: readonly LedgerLine[]): YearFlows[] {
  const years: YearFlows[] = [];
  for (const l of lines) {
    const year = Number(l.entry.date.slice(0, 4));
    let y = years.at(-1);
    if (!y || y.year !== year) {
      y = { year, inflow: {}, outflow: {}, totalIn: 0, totalOut: 0, closing: 0 };
      years.push(y);
    }
    const bucket = l.entry.direction === '收入' ? y.inflow : y.outflow;
    bucket[l.entry.category] = (bucket[l.entry.category] ?? 0) + l.entry.amount;
    if (l.entry.direction === '收入') y.totalIn += l.entry.amount;
    else y.totalOut += l.entry.amount;
    y.closing = l.balance;
  }
  return years;
}

/** Categories that appear on each side, in the vocabulary's order (stable table columns). */
export function categoriesUsed(years: readonly YearFlows[]): { inflow: string[]; outflow: string[] } {
  // A year holds only the few categories that moved: read those, not every category of every year.
  const pick = (side: 'inflow' | 'outflow') => {
    const moved = new Set<string>();
    for (const y of years) {
      const flows = y[side];
      for (const c in flows) if (flows[c as FundEntry['category']] !== 0) moved.add(c);
    }
    return LEDGER_CATEGORIES.filter((c) => moved.has(c));
  };
  return { inflow: pick('inflow'), outflow: pick('outflow') };
}

export interface FundSummary {
  lines: LedgerLine[];
  years: YearFlows[];
  /** Balance after the last entry; 0 for an empty ledger. */
  balance: number;
  /** Sum of 首期归集 inflows net of 冲正 rows that reverse them. */
  firstDeposit: number;
  /** 30% of the first deposit, rounded up to whole fen (the threshold is "below 30%"). */
  threshold: number;
  /** Balance below 30% of the first deposit: 续筹 is due. */
  belowThreshold: boolean;
  /** Date of the last entry. */
  lastDate: string | undefined;
  /** Outflows with no approval cited (民法典 §278 wants one for every outflow). */
  unapprovedOutflows: FundEntry[];
}

export function fundSummary(entries: readonly FundEntry[]): FundSummary {
  const lines = runningLedger(entries);
  // Only a reversal looks an entry up by id: most ledgers have none, so the map is made on the first.
  let byId: Map<string, FundEntry> | undefined;
  let firstDeposit = 0;
  for (const { entry } of lines) {
    if (entry.category === '首期归集') firstDeposit += signedAmount(entry);
    else if (
      entry.category === '冲正' &&
      entry.reverses &&
      (byId ??= new Map(lines.map((l) => [l.entry.id, l.entry]))).get(entry.reverses)?.category === '首期归集'
    ) {
      firstDeposit += signedAmount(entry);
    }
  }
  const balance = lines.at(-1)?.balance ?? 0;
  const threshold = Math.ceil((firstDeposit * 3) / 10);
  return {
    lines,
    years: flowsByYear(lines),
    balance,
    firstDeposit,
    threshold,
    // Integer comparison: balance < 30% × first ⇔ 10 × balance < 3 × first.
    belowThreshold: firstDeposit > 0 && balance * 10 < firstDeposit * 3,
    lastDate: lines.at(-1)?.entry.date,
    unapprovedOutflows: lines
      .map((l) => l.entry)
      .filter((e) => e.direction === '支出' && e.category !== '冲正' && !e.approval),
  };
}
