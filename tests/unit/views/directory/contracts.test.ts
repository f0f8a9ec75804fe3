import { describe, expect, it } from 'vitest';
import {
  contractState,
  currentContractByCompound,
  firmService,
} from '../../../../src/lib/views/directory/contracts.ts';
import { contract } from './rows.ts';

const asOf = '2026-11-01';

describe('contracts on the as-of date', () => {
  it('classifies by start and end, blanks meaning unknown start and open end', () => {
    expect(contractState(contract('x', 'a', 'f', { start: '2020-01-01' }), asOf)).toBe('current');
    expect(contractState(contract('x', 'a', 'f', { end: '2026-11-01' }), asOf)).toBe('current');
    expect(contractState(contract('x', 'a', 'f', { end: '2026-10-31' }), asOf)).toBe('past');
    expect(contractState(contract('x', 'a', 'f', { start: '2026-11-02' }), asOf)).toBe('upcoming');
  });

  it('a later contract supersedes an older one left open-ended', () => {
    const rows = [
      contract('old', 'a', 'f1', { start: '2010-01-01' }),
      contract('new', 'a', 'f2', { start: '2020-01-01' }),
    ];
    expect(currentContractByCompound(rows, asOf).get('a')?.id).toBe('new');
    const f1 = firmService(rows, 'f1', asOf);
    expect(f1.current).toEqual([]);
    expect(f1.past.map((c) => c.id)).toEqual(['old']);
  });

  it("lists a firm's compounds now, before (newest first) and upcoming", () => {
    const rows = [
      contract('a1', 'a', 'f', { start: '2010-01-01', end: '2015-12-31' }),
      contract('b1', 'b', 'f', { start: '2016-01-01', end: '2019-12-31' }),
      contract('c1', 'c', 'f', { start: '2020-01-01' }),
      contract('d1', 'd', 'f', { start: '2027-01-01' }),
      contract('e1', 'e', 'other', { start: '2020-01-01' }),
    ];
    const s = firmService(rows, 'f', asOf);
    expect(s.current.map((c) => c.id)).toEqual(['c1']);
    expect(s.past.map((c) => c.id)).toEqual(['b1', 'a1']);
    expect(s.upcoming.map((c) => c.id)).toEqual(['d1']);
  });
});
