import { columnsOf, type TableName } from '../../schema/tables.ts';
import { issue } from '../../messages/catalogue.ts';
import type { DataIssue } from '../../messages/issue.ts';
import type { Rule } from '../types.ts';
import { rowsOf } from './util.ts';

/**
 * A date or year after the data's as-of date is a typo unless the column allows the
 * future (deadlines, term and contract ends): years built, years assessed and years
 * of accounts are past facts. Judged against dataset.json, never the clock.
 */
export const futureDatesIn =
  (name: TableName): Rule =>
  ({ tables, meta, at }) => {
    const issues: DataIssue[] = [];
    const cols = columnsOf(name).filter(
      (c) => (c.meta.kind === 'date' || c.meta.kind === 'partial-date') && !c.meta.allowFuture,
    );
    const years = columnsOf(name).filter((c) => c.meta.kind === 'year' && !c.meta.allowFuture);
    const lastYear = Number(meta.as_of.slice(0, 4));
    for (const row of rowsOf(tables, name)) {
      for (const col of years) {
        const v = row.data[col.name];
        if (typeof v === 'number' && v > lastYear) {
          issues.push(issue('future-year', at(name, row.line, col.name), { value: v, asOf: meta.as_of }));
        }
      }
      for (const col of cols) {
        const v = row.data[col.name];
        if (typeof v === 'string' && v > meta.as_of) {
          issues.push(issue('future-date', at(name, row.line, col.name), { value: v, asOf: meta.as_of }));
        }
      }
    }
    return issues;
  };
