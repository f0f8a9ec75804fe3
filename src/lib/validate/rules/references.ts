import { tableTitle } from '../../schema/labels.ts';
import { columnsOf, TABLES, type TableName } from '../../schema/tables.ts';
import { issue } from '../../messages/catalogue.ts';
import type { DataIssue } from '../../messages/issue.ts';
import type { Rule } from '../types.ts';
import { idsOf, rowsOf, type IdIndex } from './util.ts';

const isTable = (name: string): name is TableName => name in TABLES;

/**
 * Every `references` column (see columnsOf) of one table must name an existing row of its
 * target table: per table, so a changed table re-reads only itself and its targets.
 */
export const referencesIn =
  (name: TableName): Rule =>
  ({ tables, at }) => {
    const issues: DataIssue[] = [];
    const ids = new Map<TableName, IdIndex>();
    const idsIn = (t: TableName) => {
      let s = ids.get(t);
      if (!s) ids.set(t, (s = idsOf(tables, t)));
      return s;
    };
    const refCols = columnsOf(name).filter((c) => c.meta.references !== undefined);
    if (refCols.length === 0) return issues; // its rows are not read: the cached check need not load them
    for (const row of rowsOf(tables, name)) {
      for (const col of refCols) {
        const target = col.meta.references ?? '';
        const value = row.data[col.name];
        if (typeof value !== 'string' || !isTable(target) || tables[target].unreadable) continue;
        if (!idsIn(target).has(value))
          issues.push(
            issue('ref', at(name, row.line, col.name), { id: value, target, targetTitle: tableTitle(target) }),
          );
      }
    }
    return issues;
  };
