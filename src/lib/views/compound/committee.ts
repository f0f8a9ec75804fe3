/**
 * The owners' committee a resident should see now, and its past terms.
 * "Now" is the data's as-of date, never the clock.
 */
import type { Row } from '../../schema/tables.ts';
import { cmp } from '../../util/compare.ts';

type Committee = Row<'committees'>;
type Member = Row<'committee_members'>;

export interface CommitteeView {
  /** The newest term that has started (or whose start is unknown). */
  latest: Committee | undefined;
  /** current: in term on as_of; expired: its term_end is before as_of (换届 overdue); none: no term at all. */
  status: 'current' | 'expired' | 'none';
  /** Every other term, newest first. */
  past: Committee[];
}

function termOrder(a: Committee, b: Committee): number {
  return cmp(a.term_start, b.term_start) || cmp(a.term_number, b.term_number) || cmp(a.id, b.id);
}

export function committeeView(terms: readonly Committee[], asOf: string): CommitteeView {
  const sorted = [...terms].sort(termOrder);
  // A term that starts after as_of has not begun; it cannot be "now".
  const started = sorted.filter((t) => t.term_start === undefined || t.term_start <= asOf);
  const latest = started.at(-1);
  const past = sorted.filter((t) => t !== latest).reverse();
  if (!latest) return { latest: undefined, status: 'none', past };
  const expired = latest.term_end !== undefined && latest.term_end < asOf;
  return { latest, status: expired ? 'expired' : 'current', past };
}

export interface Share {
  /** Members for whom the answer is 是. */
  yes: number;
  /** Members for whom the source says 是 or 否. */
  known: number;
  /** All members of the term. */
  total: number;
}

export interface MemberShares {
  party: Share;
  crossAppointed: Share;
}

function shareOf(members: readonly Member[], pick: (m: Member) => boolean | undefined): Share {
  let yes = 0;
  let known = 0;
  for (const m of members) {
    const v = pick(m);
    if (v !== undefined) known++;
    if (v === true) yes++;
  }
  return { yes, known, total: members.length };
}

/** Party-member and cross-appointed (两委交叉任职) shares of one term's members. */
export function memberShares(members: readonly Member[]): MemberShares {
  return {
    party: shareOf(members, (m) => m.party_member),
    crossAppointed: shareOf(members, (m) => m.cross_appointed),
  };
}
