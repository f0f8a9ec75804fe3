/**
 * The figures a street or district office reports, computed from the rows of the
 * compounds in the data. They cover only the compounds the portal lists, which is
 * often far fewer than the area has; pages must say so next to them.
 */
import type { Compound } from '../../schema/compounds.ts';
import type { Committee } from '../../schema/committees.ts';
import type { Contract } from '../../schema/contracts.ts';
import type { FeeCollection, FeeStandard } from '../../schema/fees.ts';
import type { FundEntry } from '../../schema/fund.ts';
import type { Figure } from '../../schema/figures.ts';
import { MANAGEMENT_MODES } from '../../schema/enums.ts';
import { currentContractByCompound } from './contracts.ts';
import { committeeView, type CommitteeView } from '../compound/committee.ts';
import { currentResidentialRates } from './fees.ts';
import { collectionByYear, type CollectionTotal } from './collection.ts';
import { cmp } from '../../util/compare.ts';
import { byId, groupBy } from '../../util/group.ts';

/** The four modes that cover a compound without a professional firm (seed 004). */
export const COVERAGE_MODES = ['片区大物业', '延伸式', '自治式', '订单式'] as const;

export interface AreaInput {
  compounds: readonly Compound[];
  committees: readonly Committee[];
  contracts: readonly Contract[];
  feeStandards: readonly FeeStandard[];
  feeCollection: readonly FeeCollection[];
  fundLedger: readonly FundEntry[];
  asOf: string;
}

export interface ModeCount {
  mode: string;
  count: number;
}

export interface AreaFigures {
  compounds: number;
  demoCompounds: number;
  /** Compounds with a committee in term on the as-of date, by kind; expired: the latest term ended (换届 overdue). */
  committees: { total: number; ywh: number; wgh: number; expired: number };
  /** Distinct firms with a current contract in the area. */
  firms: number;
  /** Compounds per management mode, in the standard's order; 未填写 last. */
  modes: ModeCount[];
  coverage: {
    /** Managed by a professional firm (专业物业). */
    professional: number;
    /** Without a professional firm but covered by one of the four modes. */
    covered: number;
    /** 失管: no one manages them. */
    uncovered: number;
    /** Mode not recorded. */
    unknown: number;
  };
  /** Mean of the current residential rates (元/平方米/月), per compound, rounded to whole fen. */
  residentialFee: { meanFen: number; minFen: number; maxFen: number; compounds: number } | undefined;
  /** Collection totals per year, newest first. */
  collection: CollectionTotal[];
  fund: { inflowFen: number; outflowFen: number; balanceFen: number; compounds: number } | undefined;
}

/**
 * The committee view of each compound (latest started term and whether it is in
 * term), grouped once and judged by views/compound/committee.ts so these tables say what the
 * compound page says.
 */
export function committeeViewByCompound(committees: readonly Committee[], asOf: string): Map<string, CommitteeView> {
  const byCompound = groupBy(committees, (t) => t.compound_id);
  return new Map([...byCompound].map(([id, terms]) => [id, committeeView(terms, asOf)]));
}

/**
 * Maintenance-fund totals. A 冲正 row cancels the row it reverses, so it is
 * subtracted from that row's direction rather than counted as new money; the
 * balance is simply money in minus money out.
 */
export function fundTotals(entries: readonly FundEntry[]): {
  inflowFen: number;
  outflowFen: number;
  balanceFen: number;
} {
  // Only reversed entries are looked up: a map of a district's whole ledger (a sixteenth of the
  // city) per area page cost more per page the larger the city.
  const reversedIds = new Set<string>();
  for (const e of entries) if (e.category === '冲正' && e.reverses !== undefined) reversedIds.add(e.reverses);
  const entryById = byId(reversedIds.size === 0 ? [] : entries.filter((e) => reversedIds.has(e.id)));
  let inflowFen = 0;
  let outflowFen = 0;
  let balanceFen = 0;
  for (const e of entries) {
    balanceFen += e.direction === '收入' ? e.amount : -e.amount;
    const reversed = e.category === '冲正' && e.reverses !== undefined ? entryById.get(e.reverses) : undefined;
    if (reversed) {
      if (reversed.direction === '收入') inflowFen -= e.amount;
      else outflowFen -= e.amount;
    } else if (e.direction === '收入') inflowFen += e.amount;
    else outflowFen += e.amount;
  }
  return { inflowFen, outflowFen, balanceFen };
}

export function areaFigures(input: AreaInput): AreaFigures {
  const ids = new Set(input.compounds.map((c) => c.id));
  const inArea = <T extends { compound_id: string }>(rows: readonly T[]): T[] =>
    rows.filter((r) => ids.has(r.compound_id));

  const views = [...committeeViewByCompound(inArea(input.committees), input.asOf).values()];
  const inTerm = views.filter((v) => v.status === 'current').map((v) => v.latest);
  const contracts = currentContractByCompound(inArea(input.contracts), input.asOf);

  const modeCounts = new Map<string, number>();
  for (const c of input.compounds) {
    const mode = c.management_mode ?? '未填写';
    modeCounts.set(mode, (modeCounts.get(mode) ?? 0) + 1);
  }
  const modes = [...MANAGEMENT_MODES, '未填写']
    .filter((m) => modeCounts.has(m))
    .map((mode) => ({ mode, count: modeCounts.get(mode) ?? 0 }));
  const count = (pred: (m: string | undefined) => boolean) =>
    input.compounds.filter((c) => pred(c.management_mode)).length;

  const rates = [...currentResidentialRates(inArea(input.feeStandards), input.asOf).values()].map((s) => s.rate);
  const ledger = inArea(input.fundLedger);

  return {
    compounds: input.compounds.length,
    demoCompounds: input.compounds.filter((c) => c.demo).length,
    committees: {
      total: inTerm.length,
      ywh: inTerm.filter((t) => t?.kind === '业委会').length,
      wgh: inTerm.filter((t) => t?.kind === '物管会').length,
      expired: views.filter((v) => v.status === 'expired').length,
    },
    firms: new Set([...contracts.values()].map((c) => c.firm_id)).size,
    modes,
    coverage: {
      professional: count((m) => m === '专业物业'),
      covered: count((m) => (COVERAGE_MODES as readonly (string | undefined)[]).includes(m)),
      uncovered: count((m) => m === '失管'),
      unknown: count((m) => m === undefined),
    },
    residentialFee:
      rates.length === 0
        ? undefined
        : {
            meanFen: Math.round(rates.reduce((s, r) => s + r, 0) / rates.length),
            minFen: Math.min(...rates),
            maxFen: Math.max(...rates),
            compounds: rates.length,
          },
    collection: collectionByYear(inArea(input.feeCollection)),
    fund:
      ledger.length === 0
        ? undefined
        : { ...fundTotals(ledger), compounds: new Set(ledger.map((e) => e.compound_id)).size },
  };
}

const COMPOUND_COUNT_METRIC = /^(住宅|居住)?小区(总)?数(量)?$/;

/**
 * The compound count the office itself reported (figures.csv), newest first, so a
 * page can say "the article reports 66; the portal lists 9".
 */
export function reportedCompoundCount(figures: readonly Figure[]): Figure | undefined {
  return [...figures]
    .filter((f) => COMPOUND_COUNT_METRIC.test(f.metric))
    .sort((a, b) => cmp(b.as_of, a.as_of) || cmp(a.id, b.id))[0];
}
