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
    // Columns whose target table was read: an unreadable one's rows are unknown, so nothing is missing from it.
    const refCols = columnsOf(name).flatMap((c) => {
      const target = c.meta.references ?? '';
      return isTable(target) && !tables[target].unreadable
        ? [{ name: c.name, target, found: undefined as string | undefined }]
        : [];
    });
    if (refCols.length === 0) return issues; // its rows are not read: the cached check need not load them
    for (const row of rowsOf(tables, name)) {
      for (const col of refCols) {
        const { name: column, target } = col;
        const value = row.data[column];
        // Rows come grouped by compound: the row above's reference, found, needs no second search.
        if (typeof value !== 'string' || value === col.found) continue;
        if (idsIn(target).has(value)) col.found = value;
        else
          issues.push(issue('ref', at(name, row.line, column), { id: value, target, targetTitle: tableTitle(target) }));
      }
    }
    return issues;
  };
