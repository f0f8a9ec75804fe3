import { tableTitle } from '../../schema/labels.ts';
import { columnsOf, TABLE_NAMES, TABLES, type TableName } from '../../schema/tables.ts';
import { issue } from '../../messages/catalogue.ts';
import type { DataIssue } from '../../messages/issue.ts';
import type { Rule } from '../types.ts';
import { idsOf, rowsOf, type IdIndex } from './util.ts';

const isTable = (name: string): name is TableName => name in TABLES;

/** Every `references` column (see columnsOf) must name an existing row of its table. */
export const references: Rule = ({ tables, at }) => {
  const issues: DataIssue[] = [];
  const ids = new Map<TableName, IdIndex>();
  const idsIn = (t: TableName) => {
    let s = ids.get(t);
    if (!s) ids.set(t, (s = idsOf(tables, t)));
    return s;
  };
  for (const name of TABLE_NAMES) {
    const refCols = columnsOf(name).filter((c) => c.meta.references !== undefined);
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
  }
  return issues;
};
