/**
 * Fee standards in force on the as-of date, and the cross-compound comparison
 * residents and journalists ask for: what each compound pays against how much
 * of it is collected.
 */
import type { Compound } from '../../schema/compounds.ts';
import type { FeeCollection, FeeStandard } from '../../schema/fees.ts';
import { latestCollectionByCompound } from './collection.ts';
import { shareBasisPoints } from '../format.ts';
import { compareZh } from '../../util/compare.ts';

/**
 * The standard in force per compound for one category and unit: the row with the
 * latest effective_from not after asOf (a later row is announced, not yet applied).
 */
function currentStandards(
  standards: readonly FeeStandard[],
  asOf: string,
  category: FeeStandard['category'],
  unit: FeeStandard['unit'],
): Map<string, FeeStandard> {
  const out = new Map<string, FeeStandard>();
  for (const s of standards) {
    if (s.category !== category || s.unit !== unit || s.effective_from > asOf) continue;
    const seen = out.get(s.compound_id);
    if (
      seen === undefined ||
      s.effective_from > seen.effective_from ||
      (s.effective_from === seen.effective_from && s.id > seen.id)
    ) {
      out.set(s.compound_id, s);
    }
  }
  return out;
}

/** The current residential rate (住宅, 元/平方米/月) of each compound that has one. */
export function currentResidentialRates(standards: readonly FeeStandard[], asOf: string): Map<string, FeeStandard> {
  return currentStandards(standards, asOf, '住宅', '元/平方米/月');
}

export interface FeeComparisonRow {
  compound: Compound;
  standard: FeeStandard | undefined;
  collection: FeeCollection | undefined;
  /** Latest collection rate in basis points. */
  rateBp: number | undefined;
}

/**
 * One row per compound that has a current residential rate or a collection
 * figure, highest rate first (ties by name). Compounds with neither are left out:
 * the table compares figures, it does not list gaps.
 */
export function feeComparison(
  compounds: readonly Compound[],
  standards: readonly FeeStandard[],
  collection: readonly FeeCollection[],
  asOf: string,
): FeeComparisonRow[] {
  const rates = currentResidentialRates(standards, asOf);
  const latest = latestCollectionByCompound(collection);
  return compounds
    .map((compound): FeeComparisonRow => {
      const col = latest.get(compound.id);
      return {
        compound,
        standard: rates.get(compound.id),
        collection: col,
        rateBp: col ? shareBasisPoints(col.collected, col.billed) : undefined,
      };
    })
    .filter((r) => r.standard !== undefined || r.collection !== undefined)
    .sort((a, b) => (b.standard?.rate ?? -1) - (a.standard?.rate ?? -1) || compareZh(a.compound.name, b.compound.name));
}
