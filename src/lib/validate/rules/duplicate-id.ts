import { TABLE_NAMES } from '../../schema/tables.ts';
import { issue } from '../catalogue.ts';
import type { DataIssue, Rule } from '../types.ts';

/** Ids are the URLs and the references: each must be unique within its table. */
export const duplicateIds: Rule = ({ tables, at }) => {
  const issues: DataIssue[] = [];
  for (const name of TABLE_NAMES) {
    const t = tables[name];
    if (!t) continue;
    const rows = [
      ...t.rows.map((r) => ({ line: r.line, id: (r.data as { id?: unknown }).id })),
      ...(t.rejected ?? []).map((r) => ({ line: r.line, id: r.raw.id })),
    ].sort((a, b) => a.line - b.line);
    const first = new Map<string, number>();
    for (const { line, id } of rows) {
      if (typeof id !== 'string' || id === '') continue;
      const firstLine = first.get(id);
      if (firstLine === undefined) first.set(id, line);
      else issues.push(issue('duplicate-id', at(name, line, 'id'), { id, firstLine }));
    }
  }
  return issues;
};
