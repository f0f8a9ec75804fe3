/**
 * compactRows (src/lib/dataset/compact.ts): the rows keep their values, and the text of the
 * file they were cut from is no longer kept alive by them.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { tableFromBytes } from '../../../src/lib/dataset/load.ts';
import { compactRows } from '../../../src/lib/dataset/compact.ts';
import type { ParsedTables } from '../../../src/lib/dataset/types.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const external = () => {
  gc();
  gc();
  return process.memoryUsage().external;
};

/** A ledger of `n` rows with long ids and descriptions, some shared and some unique. */
function ledger(n: number): Uint8Array {
  const lines = [
    'id,compound_id,date,direction,category,amount,balance,description,approval,reverses,reason,source_id,late_reason',
  ];
  for (let i = 1; i <= n; i++) {
    const id = `c-compact-test-${String(i).padStart(6, '0')}`;
    const text = i % 2 ? '专项维修资金年度利息结算入账' : `第${i}笔:屋面防水工程维修费用支出说明`;
    lines.push(`${id},c-compact-test,2020-01-01,收入,利息,1.00,${i}.00,${text},,,,src-compact,`);
  }
  return new TextEncoder().encode(`${lines.join('\n')}\n`);
}

describe('compactRows', () => {
  it('keeps every value and lets the decoded file text go', () => {
    const before = external();
    const { table, issues } = tableFromBytes('fund_ledger', 'data/fund_ledger.csv', ledger(12_000));
    expect(issues).toEqual([]);
    const tables = { fund_ledger: table } as unknown as ParsedTables;
    const values = JSON.stringify(table.rows);
    // The decoded text (two-byte: over 2 MiB) lives outside the heap while rows hold slices of it.
    const held = external() - before;
    expect(held).toBeGreaterThan(2 * 2 ** 20);
    compactRows(tables);
    expect(JSON.stringify(table.rows)).toBe(values);
    expect(external() - before).toBeLessThan(held / 4);
  });
});
