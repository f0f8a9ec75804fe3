/** A small demo ledger for the ledger tests. */
import type { FundEntry } from '../../../src/lib/schema/fund.ts';

export function entry(over: Partial<FundEntry> & Pick<FundEntry, 'id' | 'date'>): FundEntry {
  return {
    compound_id: 'demo-lanting',
    direction: '收入',
    category: '首期归集',
    amount: 100_000_00,
    balance: undefined,
    description: '首期归集',
    approval: undefined,
    reverses: undefined,
    reason: undefined,
    source_id: 'demo',
    late_reason: undefined,
    ...over,
  };
}

export const LEDGER: FundEntry[] = [
  entry({ id: 'demo-lanting-0001', date: '2019-03-01', amount: 1_200_000_00, balance: 1_200_000_00 }),
  entry({ id: 'demo-lanting-0002', date: '2019-12-31', category: '利息', amount: 18_000_50, description: '年度利息' }),
  entry({
    id: 'demo-lanting-0003',
    date: '2021-05-10',
    direction: '支出',
    category: '电梯',
    amount: 386_000_00,
    description: '1号楼电梯更新',
    approval: '2021年第一次业主大会表决通过',
  }),
  entry({
    id: 'demo-lanting-0004',
    date: '2021-05-10',
    direction: '支出',
    category: '屋面',
    amount: 52_300_00,
    description: '3号楼屋面防水',
    approval: '2021年第一次业主大会表决通过',
  }),
  entry({
    id: 'demo-lanting-0005',
    date: '2021-06-02',
    direction: '收入',
    category: '冲正',
    amount: 52_300_00,
    description: '冲正 0004',
    reverses: 'demo-lanting-0004',
    reason: '重复入账',
  }),
  entry({ id: 'demo-other-0001', compound_id: 'demo-other', date: '2020-01-01', amount: 10_00 }),
];
