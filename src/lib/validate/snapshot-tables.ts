/**
 * A validated snapshot's tables by column (snapshot.ts). V8's serialiser writes every row object
 * with all its key names and every string cell again, so a city's 2.4 million rows cost the
 * snapshot job seconds to write and every shard seconds to read, and then to compact
 * (dataset/compact.ts: a string read back is its own copy, equal texts are not shared). By
 * column, a string column is its distinct texts once and one number per row: the shard reads it
 * back with equal cells sharing one string, as compaction would leave them, and nothing to compact.
 *
 * Exact: each row keeps its own keys in their order (a row's list of keys is its shape), a
 * present key whose value is undefined stays present, and any other value (number, boolean,
 * whatever a column holds) is kept as V8 writes it (tests/unit/validate/snapshot.test.ts).
 */
import type { LocatedRow, ParsedTable, ParsedTables } from '../dataset/types.ts';

/** One key's values, in row order, for the rows whose shape has it. */
type Column = { strings: string[]; codes: Int32Array } | { values: unknown[] };

export interface PackedTable {
  /** The table's own fields in their order, its rows' place marked by the key `rows` with no value. */
  fields: [string, unknown][];
  lines: Float64Array;
  /** The distinct key lists of the rows' data, and the columns they are in. */
  shapes: { keys: string[]; columns: number[] }[];
  shapeOf: Uint32Array;
  columns: Column[];
}

const UNDEFINED = -1;

/** How many of a column's first cells tell whether its texts repeat enough for a list of distinct ones. */
export const SAMPLE = 1024;

function column(values: unknown[]): Column {
  if (!values.every((v) => v === undefined || typeof v === 'string')) return { values };
  // Mostly distinct texts (ids, notes) are written as they are: hashing each for a list would cost more than it saves.
  const sample = values.slice(0, SAMPLE);
  if (new Set(sample).size * 2 > sample.length) return { values };
  const index = new Map<string, number>();
  const strings: string[] = [];
  const codes = new Int32Array(values.length);
  let last: unknown;
  let lastCode = UNDEFINED;
  values.forEach((v, i) => {
    // Rows come grouped (a compound's ledger, a date's entries): the previous cell's text is the likeliest.
    if (v !== last) {
      last = v;
      if (v === undefined) lastCode = UNDEFINED;
      else {
        let code = index.get(v as string);
        if (code === undefined) index.set(v as string, (code = strings.push(v as string) - 1));
        lastCode = code;
      }
    }
    codes[i] = lastCode;
  });
  return { strings, codes };
}

const sameKeys = (a: string[], b: string[]) => a.length === b.length && a.every((k, i) => k === b[i]);

export function packTable(table: ParsedTable<unknown>): PackedTable {
  const { rows } = table;
  const lines = new Float64Array(rows.length);
  const shapeOf = new Uint32Array(rows.length);
  const shapes: PackedTable['shapes'] = [];
  const byKeys = new Map<string, number>();
  const columnOf = new Map<string, number>();
  const cells: unknown[][] = [];
  let last: PackedTable['shapes'][number] | undefined;
  let lastIndex = 0;
  rows.forEach((row, r) => {
    lines[r] = row.line;
    const data = row.data as Record<string, unknown>;
    const keys = Object.keys(data);
    if (!last || !sameKeys(keys, last.keys)) {
      const id = JSON.stringify(keys);
      let index = byKeys.get(id);
      if (index === undefined) {
        const columns = keys.map((k) => {
          let c = columnOf.get(k);
          if (c === undefined) columnOf.set(k, (c = cells.push([]) - 1));
          return c;
        });
        byKeys.set(id, (index = shapes.push({ keys, columns }) - 1));
      }
      last = shapes[index] as PackedTable['shapes'][number];
      lastIndex = index;
    }
    shapeOf[r] = lastIndex;
    for (let i = 0; i < keys.length; i++) (cells[last.columns[i] as number] as unknown[]).push(data[keys[i] as string]);
  });
  const fields = Object.entries(table).map(([k, v]): [string, unknown] => [k, k === 'rows' ? undefined : v]);
  return { fields, lines, shapes, shapeOf, columns: cells.map(column) };
}

export function unpackTable(packed: PackedTable): ParsedTable<unknown> {
  const { lines, shapes, shapeOf, columns } = packed;
  const next = new Array<number>(columns.length).fill(0);
  const rows: LocatedRow<unknown>[] = [];
  for (let r = 0; r < lines.length; r++) {
    const { keys, columns: own } = shapes[shapeOf[r] as number] as PackedTable['shapes'][number];
    const data: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      const c = own[i] as number;
      const col = columns[c] as Column;
      const at = (next[c] as number)++;
      if ('values' in col) data[keys[i] as string] = col.values[at];
      else {
        const code = col.codes[at] as number;
        data[keys[i] as string] = code === UNDEFINED ? undefined : col.strings[code];
      }
    }
    rows.push({ data, line: lines[r] as number });
  }
  return Object.fromEntries(
    packed.fields.map(([k, v]) => [k, k === 'rows' ? rows : v]),
  ) as unknown as ParsedTable<unknown>;
}

export const packTables = (tables: ParsedTables): Record<string, PackedTable> =>
  Object.fromEntries(Object.entries(tables).map(([name, t]) => [name, packTable(t as ParsedTable<unknown>)]));

export const unpackTables = (packed: Record<string, PackedTable>): ParsedTables =>
  Object.fromEntries(Object.entries(packed).map(([name, t]) => [name, unpackTable(t)])) as unknown as ParsedTables;
