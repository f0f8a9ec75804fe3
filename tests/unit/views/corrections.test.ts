import { describe, expect, it } from 'vitest';
import { cellKey } from '../../../src/lib/model/build.ts';
import type { SiteData } from '../../../src/lib/model/types.ts';
import type { Row } from '../../../src/lib/schema/tables.ts';
import { cellCorrection } from '../../../src/lib/views/corrections.ts';

const correction = (id: string, table: string, row_id: string, column: string, corrected_on: string) =>
  ({ id, table, row_id, column, corrected_on, old_value: '1', new_value: '2', reason: '错' }) as Row<'corrections'>;

describe('cellCorrection', () => {
  // Several corrections of one cell (the latest wins, by date then id), cells of one row in other
  // columns, the same row id in another table, and rows never corrected.
  const rows = [
    correction('c1', 'fund_ledger', 'l-1', 'amount', '2024-01-01'),
    correction('c3', 'fund_ledger', 'l-1', 'amount', '2024-03-01'),
    correction('c2', 'fund_ledger', 'l-1', 'amount', '2024-03-01'),
    correction('c4', 'fund_ledger', 'l-2', 'date', '2024-02-01'),
    correction('c5', 'fee_collection', 'l-3', 'amount', '2024-02-01'),
  ];
  const byCell = new Map<string, Row<'corrections'>[]>();
  for (const r of rows)
    byCell.set(cellKey(r.table, r.row_id, r.column), [...(byCell.get(cellKey(r.table, r.row_id, r.column)) ?? []), r]);
  const site = { correctionsByCell: byCell } as unknown as SiteData;

  it("finds each cell's latest correction and none for a cell never corrected", () => {
    expect(cellCorrection(site, 'fund_ledger', 'l-1', 'amount')?.id).toBe('c3');
    expect(cellCorrection(site, 'fund_ledger', 'l-2', 'date')?.id).toBe('c4');
    expect(cellCorrection(site, 'fee_collection', 'l-3', 'amount')?.id).toBe('c5');
    for (const table of ['fund_ledger', 'fee_collection', 'contracts'] as const) {
      for (const row of ['l-1', 'l-2', 'l-3', 'l-4']) {
        for (const column of ['amount', 'date', 'id']) {
          const cell = byCell.get(cellKey(table, row, column));
          if (!cell) expect(cellCorrection(site, table, row, column), `${table} ${row} ${column}`).toBeUndefined();
          else expect(cell).toContain(cellCorrection(site, table, row, column));
        }
      }
    }
  });
});
