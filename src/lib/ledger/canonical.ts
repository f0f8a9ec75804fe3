/**
 * The canonical form of a maintenance-fund ledger entry, the input of the hash
 * chain. It is defined on the published CSV, not on this code, so anyone can
 * recompute it from the downloaded file (docs/ledger-hash.md):
 *
 * - the cells of CANONICAL_COLUMNS, in that order, joined with "\n" (LF);
 * - money (amount, balance) as yuan with exactly two decimals, no separators ("386000.00");
 * - a blank cell as the empty string; every other cell exactly as published;
 * - encoded as UTF-8.
 */
import { fenToPlain } from '../money.ts';
import type { FundEntry } from '../schema/fund.ts';

export const CANONICAL_COLUMNS = [
  'id',
  'compound_id',
  'date',
  'direction',
  'category',
  'amount',
  'balance',
  'description',
  'approval',
  'reverses',
  'reason',
  'source_id',
] as const satisfies readonly (keyof FundEntry)[];

export type CanonicalColumn = (typeof CANONICAL_COLUMNS)[number];

/** One cell of an entry in canonical text. */
export function canonicalCell(entry: FundEntry, column: CanonicalColumn): string {
  const v = entry[column];
  if (v === undefined) return '';
  if (column === 'amount' || column === 'balance') return fenToPlain(v as number);
  return String(v);
}

export function canonicalEntry(entry: FundEntry): string {
  return CANONICAL_COLUMNS.map((c) => canonicalCell(entry, c)).join('\n');
}

/**
 * Ledger order: by date, and within a date in the order the rows stand in the
 * file (the order the bank statement lists them). Array.prototype.sort is stable.
 */
export function ledgerOrder<T extends { date: string }>(entries: readonly T[]): T[] {
  return [...entries].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
