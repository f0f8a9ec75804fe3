/**
 * Fee standards in force on the as-of date, and the cross-compound comparison
 * residents and journalists ask for: what each compound pays against how much
 * of it is collected.
 */
import type { Compound } from '../../schema/compounds.ts';
import type { FeeCollection, FeeStandard } from '../../schema/fees.ts';
import type { SiteData } from '../../model/types.ts';
import { latestCollectionByCompound } from './collection.ts';
import { currentContractByCompound } from './contracts.ts';
import { shareBasisPoints } from '../format.ts';
import { compareZh } from '../../util/compare.ts';
import { groupBy } from '../../util/group.ts';

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

/** How the residential rate spreads across a group of compounds (a district, a firm's). */
export interface FeeSpread {
  /** Compounds with a current residential rate. */
  rated: number;
  /** Lowest, median and highest rate, fen per m² per month. */
  min: number;
  median: number;
  max: number;
  /** Compounds with a collection figure, and their latest years' collected/billed as one share. */
  collected: number;
  collectionBp: number | undefined;
}

/**
 * The spread of each group's rates, for groups with a rate or a collection figure.
 * The median of an even count is the mean of the middle two, rounded half up to whole fen.
 */
export function feeSpreads(
  rows: readonly FeeComparisonRow[],
  key: (r: FeeComparisonRow) => string | undefined,
): Map<string, FeeSpread> {
  const out = new Map<string, FeeSpread>();
  for (const [k, group] of groupBy(rows, key)) {
    const rates = group.flatMap((r) => (r.standard ? [r.standard.rate] : [])).sort((a, b) => a - b);
    const cols = group.flatMap((r) => (r.collection ? [r.collection] : []));
    const mid = rates.length >> 1;
    out.set(k, {
      rated: rates.length,
      min: rates[0] ?? 0,
      max: rates.at(-1) ?? 0,
      median:
        rates.length === 0
          ? 0
          : rates.length % 2 === 1
            ? rates[mid]!
            : Math.floor((rates[mid - 1]! + rates[mid]! + 1) / 2),
      collected: cols.length,
      collectionBp: shareBasisPoints(
        cols.reduce((n, c) => n + c.collected, 0),
        cols.reduce((n, c) => n + c.billed, 0),
      ),
    });
  }
  return out;
}

export interface SiteFees {
  /** Every compound with a current rate or a collection figure, real before demo, each part highest rate first. */
  rows: FeeComparisonRow[];
  /** The firm managing each compound on the as-of date. */
  firmOf: Map<string, string>;
}

/** The site-wide comparison behind /data/fees/ and its CSV. */
export function siteFees(site: SiteData): SiteFees {
  const rows = feeComparison(site.rows.compounds, site.rows.fee_standards, site.rows.fee_collection, site.meta.as_of);
  const firmOf = new Map(
    [...currentContractByCompound(site.rows.contracts, site.meta.as_of)].map(([compound, c]) => [compound, c.firm_id]),
  );
  return { rows: [...rows.filter((r) => !r.compound.demo), ...rows.filter((r) => r.compound.demo)], firmOf };
}
