/**
 * Balances of the maintenance fund, as exact integer fen: the running balance
 * after each entry and the per-compound, per-year statement
 * opening + inflows − outflows = closing.
 */
import type { FundEntry } from '../../schema/fund.ts';
import { ledgerOrder } from './canonical.ts';
import { cmp } from '../../util/compare.ts';
import { groupBy } from '../../util/group.ts';

export interface RunningEntry<E extends FundEntry = FundEntry> {
  entry: E;
  /** Balance after this entry, in fen. */
  balance: number;
}

export interface LedgerYear {
  compound_id: string;
  year: number;
  /** Balance at the start of the year (the previous year's closing; 0 before the first entry). */
  opening: number;
  inflows: number;
  outflows: number;
  closing: number;
  /** Number of entries in the year. */
  entries: number;
}

export function signedAmount(e: FundEntry): number {
  return e.direction === '收入' ? e.amount : -e.amount;
}

/** Group entries by compound, sorted by compound id, each in ledger order. */
function byCompound<E extends FundEntry>(entries: readonly E[]): [string, E[]][] {
  const groups = groupBy(entries, (e) => e.compound_id);
  return [...groups.keys()].sort(cmp).map((id) => [id, ledgerOrder(groups.get(id) ?? [])]);
}

/** Running balance of one compound's entries, in ledger order. */
export function runningBalances<E extends FundEntry>(entries: readonly E[]): RunningEntry<E>[] {
  let balance = 0;
  return ledgerOrder(entries).map((entry) => {
    balance += signedAmount(entry);
    return { entry, balance };
  });
}

/**
 * The yearly statement of every compound, from its first year with an entry to
 * its last; a year without entries in between carries the balance forward.
 */
export function ledgerYears(entries: readonly FundEntry[]): LedgerYear[] {
  const out: LedgerYear[] = [];
  for (const [compound_id, list] of byCompound(entries)) {
    const first = list[0];
    const last = list.at(-1);
    if (!first || !last) continue;
    let opening = 0;
    let i = 0;
    for (let year = Number(first.date.slice(0, 4)); year <= Number(last.date.slice(0, 4)); year++) {
      let inflows = 0;
      let outflows = 0;
      let count = 0;
      for (; i < list.length && Number((list[i] as FundEntry).date.slice(0, 4)) === year; i++) {
        const e = list[i] as FundEntry;
        if (e.direction === '收入') inflows += e.amount;
        else outflows += e.amount;
        count++;
      }
      const closing = opening + inflows - outflows;
      out.push({ compound_id, year, opening, inflows, outflows, closing, entries: count });
      opening = closing;
    }
  }
  return out;
}
