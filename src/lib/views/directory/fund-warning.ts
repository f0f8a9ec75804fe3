/**
 * The journalists' list of compounds whose maintenance fund is below the warning
 * line: the per-compound 30% rule of the compound page (fundSummary), applied to
 * every compound with a ledger, lowest share of the first deposit first.
 */
import type { SiteData } from '../../model/types.ts';
import type { Compound } from '../../schema/compounds.ts';
import { list } from '../../util/group.ts';
import { cmp, compareZh } from '../../util/compare.ts';
import { fundSummary } from '../compound/fund.ts';
import { shareBasisPoints } from '../format.ts';
import { perSite } from '../../util/memo.ts';

export interface FundWarningRow {
  compound: Compound;
  balance: number;
  firstDeposit: number;
  /** 30% of the first deposit (fen): the line the balance fell below. */
  threshold: number;
  /** Balance as a share of the first deposit, basis points (rounded; sorting uses the exact ratio). */
  ratioBp: number;
  lastDate: string | undefined;
}

/** balance_a / first_a against balance_b / first_b, exactly (first deposits are positive). */
function byRatio(a: FundWarningRow, b: FundWarningRow): number {
  const l = BigInt(a.balance) * BigInt(b.firstDeposit);
  const r = BigInt(b.balance) * BigInt(a.firstDeposit);
  return l < r ? -1 : l > r ? 1 : 0;
}

export interface FundWarnings {
  /** Compounds below the line, lowest ratio first (ties by name). */
  rows: FundWarningRow[];
  /** Compounds whose ledger has a first deposit at all: the list's denominator. */
  checked: number;
}

/**
 * The 30% rule over every compound with a ledger; made once per site, for both the page and its
 * CSV (each summed every compound's ledger). Callers read it and never change it.
 */
export function fundWarnings(site: SiteData): FundWarnings {
  return warnings(site, 'fund');
}

const warnings = perSite((site: SiteData, _: 'fund'): FundWarnings => {
  const rows: FundWarningRow[] = [];
  let checked = 0;
  for (const compound of site.rows.compounds) {
    const entries = list(site.fundLedgerByCompound, compound.id);
    if (entries.length === 0) continue;
    const f = fundSummary(entries);
    if (f.firstDeposit > 0) checked++;
    if (!f.belowThreshold) continue;
    rows.push({
      compound,
      balance: f.balance,
      firstDeposit: f.firstDeposit,
      threshold: f.threshold,
      ratioBp: shareBasisPoints(f.balance, f.firstDeposit) ?? 0,
      lastDate: f.lastDate,
    });
  }
  rows.sort(
    (a, b) => byRatio(a, b) || compareZh(a.compound.name, b.compound.name) || cmp(a.compound.id, b.compound.id),
  );
  return { rows, checked };
});
