/**
 * Who serves a compound, and whom a firm serves, judged on the data's as-of date.
 */
import type { Contract } from '../../schema/contracts.ts';
import { compareIds, cmp } from '../../util/compare.ts';
import { firmView } from '../compound/firm.ts';
import { groupBy } from '../../util/group.ts';

export type ContractState = 'current' | 'past' | 'upcoming';

/** A contract is current from its start (blank: unknown, assumed begun) through its end (blank: open-ended). */
export function contractState(c: Contract, asOf: string): ContractState {
  if (c.start !== undefined && c.start > asOf) return 'upcoming';
  if (c.end !== undefined && c.end < asOf) return 'past';
  return 'current';
}

function byStart(a: Contract, b: Contract): number {
  return cmp(a.start ?? '', b.start ?? '') || compareIds(a.id, b.id);
}

/**
 * The contract serving each compound now, judged per compound by views/compound/firm.ts so
 * these lists agree with the compound page (a later start supersedes an older
 * contract left open-ended).
 */
export function currentContractByCompound(contracts: readonly Contract[], asOf: string): Map<string, Contract> {
  const byCompound = groupBy(contracts, (c) => c.compound_id);
  const current = new Map<string, Contract>();
  for (const [id, list] of byCompound) {
    const now = firmView(list, asOf).current;
    if (now) current.set(id, now);
  }
  return current;
}

export interface FirmService {
  /** Contracts serving a compound now. */
  current: Contract[];
  /** Contracts that ended, or were superseded by a later firm. */
  past: Contract[];
  /** Signed but not yet begun. */
  upcoming: Contract[];
}

/** The compounds a firm serves now, served before and will serve, from contracts.csv. */
export function firmService(contracts: readonly Contract[], firmId: string, asOf: string): FirmService {
  const currentByCompound = currentContractByCompound(contracts, asOf);
  const out: FirmService = { current: [], past: [], upcoming: [] };
  for (const c of [...contracts].sort(byStart)) {
    if (c.firm_id !== firmId) continue;
    const state = contractState(c, asOf);
    if (state === 'current' && currentByCompound.get(c.compound_id) !== c) out.past.push(c);
    else out[state].push(c);
  }
  out.past.reverse(); // most recent first
  return out;
}
