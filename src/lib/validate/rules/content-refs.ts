import { tableTitle } from '../../schema/labels.ts';
import { TABLES, type TableName } from '../../schema/tables.ts';
import { issue } from '../../messages/catalogue.ts';
import { CONTENT_COLLECTIONS, referencedCollection } from '../../schema/content.ts';
import type { DataIssue } from '../../messages/issue.ts';
import type { Rule } from '../types.ts';
import { idsOf, type IdIndex } from './util.ts';

/** MDX front matter references (compound, source, district…) must name existing CSV rows. */
export const contentReferences: Rule = ({ tables, content }) => {
  const issues: DataIssue[] = [];
  // One id set per referenced table, built once: rebuilding it for every entry made this
  // rule O(entries × rows) — 38 s of a 15,000-compound check (scripts/bench.ts profile).
  const idSets = new Map<TableName, IdIndex>();
  const idsFor = (t: TableName) => {
    let ids = idSets.get(t);
    if (!ids) idSets.set(t, (ids = idsOf(tables, t)));
    return ids;
  };
  for (const entry of content) {
    const shape = CONTENT_COLLECTIONS[entry.collection].shape as Record<
      string,
      Parameters<typeof referencedCollection>[0]
    >;
    for (const [key, fieldSchema] of Object.entries(shape)) {
      const target = referencedCollection(fieldSchema);
      if (target === undefined || !(target in TABLES) || tables[target as TableName].unreadable) continue;
      const known = idsFor(target as TableName);
      const raw = entry.data[key];
      const values = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
      for (const v of values) {
        if (typeof v === 'string' && !known.has(v)) {
          issues.push(
            issue(
              'ref',
              { file: entry.file, line: entry.keyLines[key] ?? 1, column: 1, columnName: key },
              { id: v, target, targetTitle: tableTitle(target) },
            ),
          );
        }
      }
    }
  }
  return issues;
};
