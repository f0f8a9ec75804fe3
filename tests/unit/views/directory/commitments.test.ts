import { describe, expect, it } from 'vitest';
import { commitmentVerdict } from '../../../../src/lib/views/directory/commitments.ts';
import { commitment } from './rows.ts';

const asOf = '2026-11-01';

describe('commitmentVerdict: met means met by the deadline', () => {
  it('met on or before the deadline', () => {
    expect(commitmentVerdict(commitment('a', { status: '已完成', met_on: '2025-12-31' }), asOf).kind).toBe('met');
    expect(commitmentVerdict(commitment('a', { status: '已完成', met_on: '2025-11-20' }), asOf).label).toBe('按期完成');
  });

  it('finished after the deadline is late, not met', () => {
    const v = commitmentVerdict(commitment('a', { status: '已完成', met_on: '2026-01-01' }), asOf);
    expect(v.kind).toBe('late');
    expect(v.detail).toContain('2026年1月1日');
  });

  it('done without a date cannot be judged on time', () => {
    expect(commitmentVerdict(commitment('a', { status: '已完成' }), asOf).kind).toBe('unknown');
  });

  it('ongoing before the deadline, overdue after it (judged on as_of, not the clock)', () => {
    const c = commitment('a', { status: '进行中', deadline: '2026-12-31' });
    expect(commitmentVerdict(c, asOf).kind).toBe('ongoing');
    expect(commitmentVerdict(c, '2027-01-01').kind).toBe('overdue');
  });

  it('未完成 and 未公布结果 are reported as such', () => {
    expect(commitmentVerdict(commitment('a', { status: '未完成' }), asOf).kind).toBe('unmet');
    expect(commitmentVerdict(commitment('a', { status: '未公布结果' }), asOf).label).toBe('未公布结果');
  });
});
