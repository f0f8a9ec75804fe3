/** Fee standards now and over time, and the collection rate by year. Money stays integer fen. */
import type { Row } from '../../schema/tables.ts';
import { FEE_CATEGORIES } from '../../schema/enums.ts';
import { shareBasisPoints } from '../format.ts';
import { cmp } from '../../util/compare.ts';

type FeeStandard = Row<'fee_standards'>;
type FeeCollection = Row<'fee_collection'>;

export interface CategoryFees {
  category: FeeStandard['category'];
  /** The standard in force on as_of: the latest effective_from on or before it. */
  current: FeeStandard | undefined;
  /** Every standard of the category, oldest first (the steps of the step chart). */
  history: FeeStandard[];
}

/** One entry per category that has any standard, in the vocabulary's order. */
export function feesByCategory(standards: readonly FeeStandard[], asOf: string): CategoryFees[] {
  const out: CategoryFees[] = [];
  for (const category of FEE_CATEGORIES) {
    const history = standards
      .filter((s) => s.category === category)
      .sort((a, b) => cmp(a.effective_from, b.effective_from) || cmp(a.id, b.id));
    if (history.length === 0) continue;
    const current = history.filter((s) => s.effective_from <= asOf).at(-1);
    out.push({ category, current, history });
  }
  return out;
}

export interface StepSeries {
  /** Change dates (ISO), ascending, plus as_of as the last point so the last step has width. */
  dates: string[];
  /** Per category: the rate in fen in force on each date, null before its first standard. */
  series: { category: string; unit: string; values: (number | null)[] }[];
}

/** The fee history as aligned step series for a chart. */
export function feeSteps(categories: readonly CategoryFees[], asOf: string): StepSeries {
  const set = new Set<string>();
  for (const c of categories) for (const s of c.history) if (s.effective_from <= asOf) set.add(s.effective_from);
  if (set.size > 0) set.add(asOf);
  const dates = [...set].sort(cmp);
  const series = categories.map((c) => {
    const values = dates.map((d) => c.history.filter((s) => s.effective_from <= d).at(-1)?.rate ?? null);
    return { category: c.category, unit: c.history[0]?.unit ?? '', values };
  });
  return { dates, series };
}

export interface CollectionRate {
  year: number;
  billed: number;
  collected: number;
  /** collected / billed in basis points; undefined when nothing was billed. */
  rateBp: number | undefined;
  source_id: string;
}

/** 收缴率 by year, oldest first. */
export function collectionRates(rows: readonly FeeCollection[]): CollectionRate[] {
  return [...rows]
    .sort((a, b) => a.year - b.year || cmp(a.id, b.id))
    .map((r) => ({
      year: r.year,
      billed: r.billed,
      collected: r.collected,
      rateBp: shareBasisPoints(r.collected, r.billed),
      source_id: r.source_id,
    }));
}
