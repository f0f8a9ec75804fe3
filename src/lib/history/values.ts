/**
 * What the history cache key needs to know about how cells are compared
 * (the comparison itself is `schema/values.ts`, shared with the ledger rule).
 */
import { TABLE_NAMES } from '../schema/tables.ts';
import { tableColumns } from '../schema/column-info.ts';

/**
 * Everything the comparison depends on besides this code: the columns and their
 * kinds. Part of the history cache key, so a schema change re-reads history.
 */
export function schemaFingerprint(): string {
  return JSON.stringify(TABLE_NAMES.map((t) => [t, tableColumns(t).map((c) => [c.name, c.kind, c.meta.format])]));
}
