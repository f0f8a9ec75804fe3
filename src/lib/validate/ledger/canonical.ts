/**
 * The canonical form of a maintenance-fund ledger entry, the input of the hash
 * chain. It is defined on the published CSV, not on this code, so anyone can
 * recompute it from the downloaded file (docs/ledger-hash.md):
 *
 * - the cells of CANONICAL_COLUMNS, in that order, joined with "\n" (LF);
 * - money (amount, balance) as yuan with exactly two decimals, no separators ("386000.00");
 * - a blank cell as the empty string; every other cell exactly as published;
 * - when late_reason (补记原因) is not blank, it follows as a 13th cell; entries without
 *   it keep the 12-cell form, so heads published before the column existed stay valid;
 * - encoded as UTF-8.
 */
import { fenToPlain } from '../../util/money.ts';
import type { FundEntry } from '../../schema/fund.ts';
import { cmp } from '../../util/compare.ts';

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

/** Marks a late entry (补记); part of the canonical form only when given. */
const LATE_COLUMN = 'late_reason' as const satisfies keyof FundEntry;
/** Every published cell of an entry, as the append-only check compares them. */
export const COMPARED_COLUMNS = [...CANONICAL_COLUMNS, LATE_COLUMN] as const;

/** One cell of an entry in canonical text. */
export function canonicalCell(entry: FundEntry, column: CanonicalColumn): string {
  const v = entry[column];
  if (v === undefined) return '';
  if (column === 'amount' || column === 'balance') return fenToPlain(v as number);
  return String(v);
}

const blank = (v: string | undefined) => v ?? '';

/**
 * The cells of CANONICAL_COLUMNS in that order, written out: the chain hashes a city's million
 * entries, and a list of cells read by column name and joined cost more than the SHA-256 itself
 * (tests/unit/ledger/hash-chain.test.ts holds it to canonicalCell, column by column).
 */
export function canonicalEntry(e: FundEntry): string {
  const text =
    `${e.id}\n${e.compound_id}\n${e.date}\n${e.direction}\n${e.category}\n${fenToPlain(e.amount)}\n` +
    `${e.balance === undefined ? '' : fenToPlain(e.balance)}\n${blank(e.description)}\n${blank(e.approval)}\n` +
    `${blank(e.reverses)}\n${blank(e.reason)}\n${blank(e.source_id)}`;
  return e.late_reason ? `${text}\n${e.late_reason}` : text;
}

/**
 * Ledger order: by date, then by id (both compared as plain strings). It does not
 * depend on the order of rows in the file, so the hash can be recomputed from any
 * faithful copy of the CSV, however a spreadsheet or an export sorted it. The
 * compound page's running balance (src/lib/views/compound/fund.ts) uses the same order.
 */
export function compareLedgerOrder(a: { date: string; id: string }, b: { date: string; id: string }): number {
  return cmp(a.date, b.date) || cmp(a.id, b.id);
}

export function ledgerOrder<T extends { date: string; id: string }>(entries: readonly T[]): T[] {
  return [...entries].sort(compareLedgerOrder);
}
