import { describe, expect, it } from 'vitest';
import { committeeView, memberShares } from '../../../../src/lib/views/compound/committee.ts';
import { member, term } from './rows.ts';

describe('committeeView', () => {
  const t4 = term({ id: 't4', term_number: 4, term_start: '2016-06-01', term_end: '2021-05-31' });
  const t5 = term({ id: 't5', term_number: 5, term_start: '2021-06-01', term_end: '2026-05-31' });
  const t6 = term({ id: 't6', term_number: 6, term_start: '2026-06-01', term_end: '2031-05-31' });

  it('picks the term in force on as_of and lists the rest newest first', () => {
    const v = committeeView([t4, t5, t6], '2024-01-01');
    expect(v.latest?.id).toBe('t5');
    expect(v.status).toBe('current');
    expect(v.past.map((t) => t.id)).toEqual(['t6', 't4']);
  });

  it('says expired when the newest term ended before as_of', () => {
    const v = committeeView([t4, t5], '2026-11-01');
    expect(v.latest?.id).toBe('t5');
    expect(v.status).toBe('expired');
  });

  it('treats a term with unknown dates as the current one', () => {
    const v = committeeView([term({ id: 'x' })], '2026-11-01');
    expect(v.status).toBe('current');
    expect(v.latest?.id).toBe('x');
  });

  it('says none without terms', () => {
    expect(committeeView([], '2026-11-01')).toEqual({ latest: undefined, status: 'none', past: [] });
  });
});

describe('memberShares', () => {
  it('counts yes among known answers and the total', () => {
    const s = memberShares([
      member({ id: 'a', party_member: true, cross_appointed: true }),
      member({ id: 'b', party_member: true, cross_appointed: false }),
      member({ id: 'c', party_member: false }),
    ]);
    expect(s.party).toEqual({ yes: 2, known: 3, total: 3 });
    expect(s.crossAppointed).toEqual({ yes: 1, known: 2, total: 3 });
  });
});
