/**
 * Append-only check of the maintenance-fund ledger: compared with the ledger as
 * published at a base commit, every existing row (by id) must still be there
 * with identical values (typed values, not text: see `comparable`). Corrections are new 冲正 rows, never edits.
 */
import { valueText } from '../../schema/values.ts';
import type { RawRow } from '../../dataset/read-csv.ts';
import { COMPARED_COLUMNS } from './canonical.ts';
import { cmp } from '../../util/compare.ts';

export interface LedgerChange {
  kind: 'edited' | 'deleted';
  id: string;
  /** Edited: the row's line in the current file. Deleted: its line in the base version. */
  line: number;
  /** Edited: the changed column; deleted: '-'. */
  column: string;
  /** Edited: the value at the base commit (canonical); deleted: ''. */
  before: string;
  /** Edited: the value now (canonical); deleted: ''. */
  after: string;
}

/**
 * Cells compared as typed values, the way the change history compares them: an Excel
 * re-save that shows `2010/6/18` for `2010-06-18` or `1650000` for `1650000.00` edited
 * nothing, and must not send staff to add reversal rows for it.
 */
function comparable(column: string, raw: string | undefined): string {
  return valueText('fund_ledger', column, raw ?? '');
}

export function compareLedgers(base: readonly RawRow[], current: readonly RawRow[]): LedgerChange[] {
  const now = new Map<string, RawRow>();
  for (const r of current) {
    const id = r.cells.id ?? '';
    if (id !== '' && !now.has(id)) now.set(id, r);
  }
  const changes: LedgerChange[] = [];
  const seen = new Set<string>();
  for (const old of base) {
    const id = old.cells.id ?? '';
    if (id === '' || seen.has(id)) continue;
    seen.add(id);
    const row = now.get(id);
    if (!row) {
      changes.push({ kind: 'deleted', id, line: old.line, column: '-', before: '', after: '' });
      continue;
    }
    for (const column of COMPARED_COLUMNS) {
      const before = comparable(column, old.cells[column]);
      const after = comparable(column, row.cells[column]);
      if (before !== after) changes.push({ kind: 'edited', id, line: row.line, column, before, after });
    }
  }
  return changes.sort((a, b) => a.line - b.line || cmp(a.column, b.column));
}
