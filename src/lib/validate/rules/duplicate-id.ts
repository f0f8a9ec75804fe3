import type { TableName } from '../../schema/tables.ts';
import { issue } from '../../messages/catalogue.ts';
import type { DataIssue } from '../../messages/issue.ts';
import type { Rule } from '../types.ts';
import { hasRepeats, idsInFileOrder } from './util.ts';

/**
 * Ids are the URLs and the references: each must be unique within its table. One rule per
 * table, so the cached check (validate/cached.ts) re-runs it only for a table that changed.
 */
export const duplicateIdsIn =
  (name: TableName): Rule =>
  ({ tables, at }) => {
    const issues: DataIssue[] = [];
    const t = tables[name];
    if (!t) return issues;
    // No sort of the whole table: at city scale a table has a million rows and almost never a
    // duplicate. Rejected rows count too; "first" is the lowest line.
    const occurrences = (visit: (line: number, id: unknown) => void) => {
      for (const r of t.rows) visit(r.line, (r.data as { id?: unknown }).id);
      for (const r of t.rejected ?? []) visit(r.line, r.raw.id);
    };
    // Almost never a repeat: answered from the ids' hashes, not a set of them (util.ts hasRepeats).
    if (!hasRepeats(idsInFileOrder(t))) return issues;
    const first = new Map<string, number>();
    occurrences((line, id) => {
      if (typeof id !== 'string' || id === '') return;
      const seen = first.get(id);
      if (seen === undefined || line < seen) first.set(id, line);
    });
    const repeats: { line: number; id: string }[] = [];
    occurrences((line, id) => {
      if (typeof id === 'string' && id !== '' && first.get(id) !== line) repeats.push({ line, id });
    });
    repeats.sort((a, b) => a.line - b.line);
    for (const { line, id } of repeats) {
      issues.push(issue('duplicate-id', at(name, line, 'id'), { id, firstLine: first.get(id) as number }));
    }
    return issues;
  };
