/**
 * Fee collection (收缴) totals from integer fen. A rate is kept as the exact pair
 * (collected, billed) and turned into a share only for display (formatShare).
 */
import type { FeeCollection } from '../../schema/fees.ts';

export interface CollectionTotal {
  year: number;
  billedFen: number;
  collectedFen: number;
  /** Compounds with a row for that year. */
  compounds: number;
}

/** Sum billed and collected per year across the given rows, newest year first. */
export function collectionByYear(rows: readonly FeeCollection[]): CollectionTotal[] {
  const byYear = new Map<number, CollectionTotal>();
  for (const r of rows) {
    const t = byYear.get(r.year) ?? { year: r.year, billedFen: 0, collectedFen: 0, compounds: 0 };
    t.billedFen += r.billed;
    t.collectedFen += r.collected;
    t.compounds += 1;
    byYear.set(r.year, t);
  }
  return [...byYear.values()].sort((a, b) => b.year - a.year);
}

/** The latest year's row of each compound. */
export function latestCollectionByCompound(rows: readonly FeeCollection[]): Map<string, FeeCollection> {
  const out = new Map<string, FeeCollection>();
  for (const r of rows) {
    const seen = out.get(r.compound_id);
    if (seen === undefined || r.year > seen.year) out.set(r.compound_id, r);
  }
  return out;
}
