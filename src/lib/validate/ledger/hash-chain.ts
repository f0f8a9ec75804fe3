/**
 * Per-compound hash chain over the maintenance-fund ledger: each entry's hash is
 * sha256(previous hash + "\n" + canonical entry), the first entry's previous hash
 * is GENESIS. The head (last hash) is printed on the compound page; changing,
 * removing or reordering any past entry changes it.
 */
import { hash } from 'node:crypto';
import type { FundEntry } from '../../schema/fund.ts';
import { canonicalEntry, ledgerOrder } from './canonical.ts';
import { cmp } from '../../util/compare.ts';
import { groupBy } from '../../util/group.ts';

/** The "previous hash" of a compound's first entry: 64 zeros. */
export const GENESIS = '0'.repeat(64);

export interface ChainLink {
  id: string;
  /** Lower-case hex sha256. */
  hash: string;
}

// One-shot hashing: a city's ledgers are millions of links, and a Hash object per link cost more
// than the digest itself.
function linkHash(previous: string, entry: FundEntry): string {
  return hash('sha256', `${previous}\n${canonicalEntry(entry)}`, 'hex');
}

/** The chain of one compound's entries (any order in; ledger order out). */
export function ledgerHashChain(entries: readonly FundEntry[]): ChainLink[] {
  let previous = GENESIS;
  return ledgerOrder(entries).map((e) => {
    previous = linkHash(previous, e);
    return { id: e.id, hash: previous };
  });
}

/**
 * Head hash of one compound's ledger; undefined when the compound has no entries. Pass only
 * that compound's entries.
 */
export function ledgerHeadHash(entries: readonly FundEntry[]): string | undefined {
  return orderedLedgerHead(ledgerOrder(entries));
}

/**
 * Head hash of one compound's entries already in ledger order (the compound page's running
 * ledger, views/compound/fund.ts): every compound page hashes its whole ledger, and sorting it
 * again and keeping a link per entry only added to the hashing.
 */
export function orderedLedgerHead(ordered: readonly FundEntry[]): string | undefined {
  if (ordered.length === 0) return undefined;
  let previous = GENESIS;
  for (const e of ordered) previous = linkHash(previous, e);
  return previous;
}

/** Head hash of every compound in a whole ledger, keyed by compound id (keys sorted). */
export function ledgerHeadHashes(entries: readonly FundEntry[]): Record<string, string> {
  const byCompound = groupBy(entries, (e) => e.compound_id);
  const out: Record<string, string> = {};
  for (const id of [...byCompound.keys()].sort(cmp)) out[id] = ledgerHeadHash(byCompound.get(id) ?? []) as string;
  return out;
}
