/**
 * What the fund ledger's chunk steps read besides the chunk (ledger-chunks.ts LOCAL_STEPS), as
 * data one thread can send another: the check's worker (chunk-worker.ts) checks chunks with it
 * while the main thread (cached.ts) reads the other tables. The worker's context records what
 * the rules read exactly as the main thread's lazy tables do (a table's rows, header or rejected
 * rows: `table:<name>`; its ids or whether it was readable: `ids:<name>`; `meta`; the person
 * names: both their tables), so a chunk's cache entry is the one the main thread would write.
 * A rule that reads anything not sent throws `UNAVAILABLE`: that chunk is checked on the main thread.
 */
import { columnsOf, TABLE_NAMES, type TableName } from '../schema/tables.ts';
import type { DatasetMeta, ParsedTable, ParsedTables } from '../dataset/types.ts';
import { locator } from './index.ts';
import { idIndex, idsInFileOrder, provideIds } from './rules/util.ts';
import type { RuleContext } from './types.ts';
import { lazyTable } from './lazy-table.ts';

/** The tables a chunk's steps read whole: the ledger's reference targets, the allowances and the allocations. */
export const CONTEXT_TABLES: TableName[] = [
  ...new Set([
    ...columnsOf('fund_ledger').flatMap((c) => {
      const target = c.meta.references as TableName | undefined;
      return target && target !== 'fund_ledger' ? [target] : [];
    }),
    'privacy_allow' as const,
    'fund_allocations' as const,
  ]),
];

export interface ChunkContextData {
  root: string;
  meta: DatasetMeta;
  personNames: string[];
  /** Each table's file (as issues name it). */
  files: Record<TableName, string>;
  /** The CONTEXT_TABLES, typed (and on the worker, the table it typed itself: table-on-worker.ts). */
  tables: Partial<Record<TableName, ParsedTable<unknown>>>;
}

/** Thrown when a chunk's rule reads what was not sent. */
const UNAVAILABLE = Symbol('not sent to the worker');

/** The rules' context for one chunk (none: the ledger not sent, for a table's steps), recording what they read into `touched`. */
export function chunkContextFrom(
  data: ChunkContextData,
  touched: Set<string>,
): (chunk?: ParsedTable<unknown>) => RuleContext {
  const table = (name: TableName): ParsedTable<unknown> => {
    const sent = data.tables[name];
    const get = () => {
      touched.add(`table:${name}`);
      if (!sent) throw UNAVAILABLE;
      return sent;
    };
    const view = lazyTable(name, data.files[name], get, () => {
      touched.add(`ids:${name}`);
      if (!sent) throw UNAVAILABLE;
      return sent.unreadable;
    });
    let ids: ReturnType<typeof idIndex> | undefined;
    provideIds(view, () => {
      touched.add(`ids:${name}`);
      if (!sent) throw UNAVAILABLE;
      return (ids ??= idIndex(idsInFileOrder(sent as never)));
    });
    return view;
  };
  const tables = Object.fromEntries(
    TABLE_NAMES.filter((n) => n !== 'fund_ledger').map((n) => [n, table(n)]),
  ) as unknown as ParsedTables;
  return (chunk) => {
    const withChunk = { ...tables, fund_ledger: chunk ?? table('fund_ledger') } as ParsedTables;
    return {
      root: data.root,
      get meta() {
        touched.add('meta');
        return data.meta;
      },
      tables: withChunk,
      get content(): never {
        touched.add('content');
        throw UNAVAILABLE;
      },
      at: locator(withChunk),
      personNames: () => {
        touched.add('table:committee_members');
        touched.add('table:honours');
        return data.personNames;
      },
    };
  };
}
