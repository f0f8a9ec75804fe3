/** Which firm serves a compound now, and which served it before. */
import type { Row } from '../../schema/tables.ts';
import { cmp } from '../../util/compare.ts';

type Contract = Row<'contracts'>;

export interface FirmView {
  /** The contract in force on as_of (started, not ended). */
  current: Contract | undefined;
  /** Contracts that ended before as_of, newest first. */
  past: Contract[];
  /** Contracts that start after as_of (a firm already chosen, not yet serving). */
  upcoming: Contract[];
}

export function firmView(contracts: readonly Contract[], asOf: string): FirmView {
  const sorted = [...contracts].sort((a, b) => cmp(a.start, b.start) || cmp(a.id, b.id));
  const upcoming = sorted.filter((c) => c.start !== undefined && c.start > asOf);
  const inForce = sorted.filter(
    (c) => (c.start === undefined || c.start <= asOf) && (c.end === undefined || c.end >= asOf),
  );
  const current = inForce.at(-1);
  const past = sorted.filter((c) => c !== current && !upcoming.includes(c)).reverse();
  return { current, past, upcoming };
}
