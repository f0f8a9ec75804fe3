/** Minimal typed rows for derive tests: only the fields a test cares about are given. */
import type { Row } from '../../../../src/lib/schema/tables.ts';

export function entry(
  p: Partial<Row<'fund_ledger'>> & Pick<Row<'fund_ledger'>, 'id' | 'date' | 'direction' | 'category' | 'amount'>,
): Row<'fund_ledger'> {
  return {
    compound_id: 'demo-x',
    balance: undefined,
    description: '摘要',
    approval: undefined,
    reverses: undefined,
    reason: undefined,
    source_id: 'demo',
    late_reason: undefined,
    ...p,
  };
}

export function term(p: Partial<Row<'committees'>> & Pick<Row<'committees'>, 'id'>): Row<'committees'> {
  return {
    compound_id: 'demo-x',
    kind: '业委会',
    term_number: undefined,
    term_start: undefined,
    term_end: undefined,
    elected_on: undefined,
    source_id: 'demo',
    ...p,
  };
}

export function member(
  p: Partial<Row<'committee_members'>> & Pick<Row<'committee_members'>, 'id'>,
): Row<'committee_members'> {
  return {
    committee_id: 't1',
    name: '某某',
    role: '委员',
    party_member: undefined,
    cross_appointed: undefined,
    source_id: 'demo',
    ...p,
  };
}

export function contract(p: Partial<Row<'contracts'>> & Pick<Row<'contracts'>, 'id'>): Row<'contracts'> {
  return {
    compound_id: 'demo-x',
    firm_id: 'demo-firm',
    start: undefined,
    end: undefined,
    services: ['保安'],
    approval: undefined,
    source_id: 'demo',
    ...p,
  };
}

export function fee(
  p: Partial<Row<'fee_standards'>> & Pick<Row<'fee_standards'>, 'id' | 'rate' | 'effective_from'>,
): Row<'fee_standards'> {
  return {
    compound_id: 'demo-x',
    category: '住宅',
    unit: '元/平方米/月',
    pricing: '市场调节价',
    services: undefined,
    announced_on: undefined,
    approval: undefined,
    source_id: 'demo',
    ...p,
  };
}

export function revenue(
  p: Partial<Row<'public_revenue'>> &
    Pick<Row<'public_revenue'>, 'id' | 'year' | 'quarter' | 'income' | 'spending' | 'to_fund'>,
): Row<'public_revenue'> {
  return { compound_id: 'demo-x', revenue_source: '停车', source_id: 'demo', ...p };
}
