/**
 * Which shown values were corrected after publication. Every page that prints a
 * cell asks here, so a corrected figure carries the same "已更正" mark on the firm,
 * ranking, district and compound pages and in the journalists' lists.
 */
import { cellKey } from '../model/build.ts';
import type { SiteData } from '../model/types.ts';
import type { Row } from '../schema/tables.ts';
import { list } from '../util/group.ts';
import { cmp } from '../util/compare.ts';
import { perSite } from '../util/memo.ts';

/**
 * The ids of the rows of each table with any corrected cell. Most rows have none, and a compound
 * page asks for each of its hundreds of ledger rows: a key made per cell cost more than the
 * answer. Computed once per site.
 */
const correctedRows = perSite((site: SiteData, _: 'rows') => {
  const byTable = new Map<string, Set<string>>();
  for (const corrections of site.correctionsByCell.values())
    for (const c of corrections) {
      let ids = byTable.get(c.table);
      if (!ids) byTable.set(c.table, (ids = new Set()));
      ids.add(c.row_id);
    }
  return byTable;
});

/** The latest correction of one cell, if it was ever corrected. */
export function cellCorrection(
  site: SiteData,
  table: Row<'corrections'>['table'],
  rowId: string,
  column: string,
): Row<'corrections'> | undefined {
  if (!correctedRows(site, 'rows').get(table)?.has(rowId)) return undefined;
  let latest: Row<'corrections'> | undefined;
  for (const c of list(site.correctionsByCell, cellKey(table, rowId, column))) {
    if (
      !latest ||
      cmp(c.corrected_on, latest.corrected_on) > 0 ||
      (c.corrected_on === latest.corrected_on && cmp(c.id, latest.id) > 0)
    )
      latest = c;
  }
  return latest;
}

/** How a correction reads next to the value: what it was and why it changed. */
export function correctionNote(c: Row<'corrections'>): string {
  const old = c.old_value === undefined || c.old_value === '' ? '空' : c.old_value;
  return `原为 ${old};${c.reason}`;
}
