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
import type { LocatedRow, ParsedTable } from '../dataset/types.ts';
import { emptyRow } from '../dataset/type-rows.ts';

/** One key's values, in row order, for the rows whose shape has it. */
type Column = { strings: string[]; codes: Int32Array } | { values: unknown[] };

/** Rows by column: each row's line, its data's list of keys (its shape) and its cells by key. */
export interface PackedRows {
  lines: Float64Array;
  /** The distinct key lists of the rows' data, and the columns they are in. */
  shapes: { keys: string[]; columns: number[] }[];
  shapeOf: Uint32Array;
  columns: Column[];
}

export interface PackedTable extends PackedRows {
  /** The table's own fields in their order, its rows' place marked by the key `rows` with no value. */
  fields: [string, unknown][];
}

const UNDEFINED = -1;

/** How many of a column's first cells tell whether its texts repeat enough for a list of distinct ones. */
export const SAMPLE = 1024;

const texts = (values: readonly unknown[]) => values.every((v) => v === undefined || typeof v === 'string');

/** Mostly distinct texts (ids, notes) are written as they are: hashing each for a list would cost more than it saves. */
const repeats = (sample: readonly unknown[]) => new Set(sample).size * 2 <= sample.length;

function column(values: unknown[]): Column {
  if (!texts(values) || !repeats(values.slice(0, SAMPLE))) return { values };
  const strings: string[] = [];
  return { strings, codes: encode(values, new Map(), strings, new Int32Array(values.length), 0) };
}

/** Each value's code in `index` (new texts added to it and to `strings`), written into `codes` from `at`. */
function encode(
  values: readonly unknown[],
  index: Map<string, number>,
  strings: string[],
  codes: Int32Array,
  at: number,
) {
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
    codes[at + i] = lastCode;
  });
  return codes;
}

/**
 * An integer as V8 reads it back (a small integer, not a boxed one): a chunk the worker packed
 * was read back so on this thread, one packed here was not, and V8 writes a list holding any
 * boxed number as a list of doubles.
 */
const canonical = (v: unknown) => (typeof v === 'number' && v === (v | 0) && !Object.is(v, -0) ? v | 0 : v);

/**
 * A list made by pushing, which stays packed: V8 writes a holey one (as `map` makes in some of its
 * tiers and not in others) with each index, and the file would depend on how warm the code was.
 */
function listOf<T, U>(items: readonly T[], f: (item: T, i: number) => U): U[] {
  const out: U[] = [];
  for (let i = 0; i < items.length; i++) out.push(f(items[i] as T, i));
  return out;
}

/**
 * A column's list, made to hold any value from the start: V8 writes a list of numbers that held a
 * fraction once as doubles throughout, and one that did not as integers, so the same cells could
 * be written two ways depending on the parts' order and thread. So each number is written as it
 * is, and `canonical` makes that the same.
 */
function cellList(): unknown[] {
  const list: unknown[] = [undefined];
  list.pop();
  return list;
}

const sameKeys = (a: string[], b: string[]) => a.length === b.length && a.every((k, i) => k === b[i]);

/** Rows by column (a table's, or a ledger chunk's as it is typed: ledger-pack.ts). */
export function packRows(rows: readonly LocatedRow<unknown>[]): PackedRows {
  const lines = new Float64Array(rows.length);
  const shapeOf = new Uint32Array(rows.length);
  const shapes: PackedRows['shapes'] = [];
  const byKeys = new Map<string, number>();
  const columnOf = new Map<string, number>();
  const cells: unknown[][] = [];
  let last: PackedRows['shapes'][number] | undefined;
  let lastIndex = 0;
  rows.forEach((row, r) => {
    lines[r] = row.line;
    const data = row.data as Record<string, unknown>;
    const keys = Object.keys(data);
    if (!last || !sameKeys(keys, last.keys)) {
      const id = JSON.stringify(keys);
      let index = byKeys.get(id);
      if (index === undefined) {
        const columns = listOf(keys, (k) => {
          let c = columnOf.get(k);
          if (c === undefined) columnOf.set(k, (c = cells.push(cellList()) - 1));
          return c;
        });
        byKeys.set(id, (index = shapes.push({ keys: listOf(keys, (k) => k), columns }) - 1));
      }
      last = shapes[index] as PackedRows['shapes'][number];
      lastIndex = index;
    }
    shapeOf[r] = lastIndex;
    // Numbers canonical: a file from the same rows is the same bytes (V8 boxes an integer or not by the code that made it).
    for (let i = 0; i < keys.length; i++)
      (cells[last.columns[i] as number] as unknown[]).push(canonical(data[keys[i] as string]));
  });
  return { lines, shapes, shapeOf, columns: listOf(cells, column) };
}

export function packTable(table: ParsedTable<unknown>): PackedTable {
  const fields = listOf(Object.entries(table), ([k, v]): [string, unknown] => [k, k === 'rows' ? undefined : v]);
  return { fields, ...packRows(table.rows) };
}

/**
 * A column's cells appended to `into`, one push at a time, each number canonical: an array grown
 * so stays packed and V8 writes it the same whichever thread packed each part. One that V8 read
 * back (the worker's) is holey, and so are its copies by spread, flatMap or Array.from: V8 writes
 * those with each index.
 */
function cellsOf(col: Column, into: unknown[], upTo = Infinity): unknown[] {
  const n = Math.min('values' in col ? col.values.length : col.codes.length, upTo);
  for (let i = 0; i < n; i++)
    if ('values' in col) into.push(canonical(col.values[i]));
    else {
      const code = col.codes[i] as number;
      into.push(code === UNDEFINED ? undefined : col.strings[code]);
    }
  return into;
}

/**
 * Parts of rows packed one by one (a ledger's chunks, each on the thread that typed it) as one:
 * what packRows gives for all their rows in turn, each part's lines moved by its `shift` — the
 * same shapes and columns in the same order, each column's kind decided on its first SAMPLE
 * cells, its distinct texts in the order they first come — and written by V8 in the same bytes
 * whichever parts were sent between threads.
 */
export function joinRows(parts: readonly { rows: PackedRows; shift: number }[]): PackedRows {
  const total = parts.reduce((n, p) => n + p.rows.lines.length, 0);
  const lines = new Float64Array(total);
  const shapeOf = new Uint32Array(total);
  const shapes: PackedRows['shapes'] = [];
  const byKeys = new Map<string, number>();
  const columnOf = new Map<string, number>();
  // Each joined column's pieces, in part order: a part's own column.
  const pieces: Column[][] = [];
  let at = 0;
  for (const { rows, shift } of parts) {
    const local = rows.shapes.map(({ keys }) => {
      const id = JSON.stringify(keys);
      let index = byKeys.get(id);
      if (index === undefined) {
        const columns = listOf(keys, (k) => {
          let c = columnOf.get(k);
          if (c === undefined) columnOf.set(k, (c = pieces.push([]) - 1));
          return c;
        });
        byKeys.set(id, (index = shapes.push({ keys: listOf(keys, (k) => k), columns }) - 1));
      }
      return index;
    });
    // A part's columns are made as its shapes first come, so its column c holds the joined column of the same key.
    const joinedColumn = new Map<number, number>();
    rows.shapes.forEach(({ columns }, s) =>
      columns.forEach((c, i) =>
        joinedColumn.set(c, (shapes[local[s] as number] as PackedRows['shapes'][number]).columns[i] as number),
      ),
    );
    rows.columns.forEach((col, c) => (pieces[joinedColumn.get(c) as number] as Column[]).push(col));
    for (let r = 0; r < rows.lines.length; r++) {
      lines[at + r] = (rows.lines[r] as number) + shift;
      shapeOf[at + r] = local[rows.shapeOf[r] as number] as number;
    }
    at += rows.lines.length;
  }
  return { lines, shapes, shapeOf, columns: listOf(pieces, joinColumn) };
}

function joinColumn(pieces: Column[]): Column {
  const sample: unknown[] = [];
  for (const p of pieces) {
    if (sample.length >= SAMPLE) break;
    cellsOf(p, sample, SAMPLE - sample.length);
  }
  const allTexts = pieces.every((p) => 'strings' in p || texts(p.values));
  if (!allTexts || !repeats(sample)) {
    const values = cellList();
    for (const p of pieces) cellsOf(p, values);
    return { values };
  }
  const index = new Map<string, number>();
  const strings: string[] = [];
  const codes = new Int32Array(pieces.reduce((n, p) => n + ('codes' in p ? p.codes.length : p.values.length), 0));
  let at = 0;
  for (const p of pieces) {
    if ('values' in p) encode(p.values, index, strings, codes, at);
    else {
      // Its texts in the order they first come in it, so new ones get their codes in the order they first come overall.
      const to = encode(p.strings, index, strings, new Int32Array(p.strings.length), 0);
      p.codes.forEach((code, i) => (codes[at + i] = code === UNDEFINED ? UNDEFINED : (to[code] as number)));
    }
    at += 'values' in p ? p.values.length : p.codes.length;
  }
  return { strings, codes };
}

/** Rows read back as the typer makes them: each a copy of its shape's empty row (emptyRow), integers small. */
export function unpackRows(packed: PackedRows): LocatedRow<unknown>[] {
  const { lines, shapes, shapeOf, columns } = packed;
  const next = new Array<number>(columns.length).fill(0);
  const rows: LocatedRow<unknown>[] = [];
  const empty = shapes.map(({ keys }) => emptyRow(keys));
  for (let r = 0; r < lines.length; r++) {
    const { keys, columns: own } = shapes[shapeOf[r] as number] as PackedRows['shapes'][number];
    const data: Record<string, unknown> = { ...empty[shapeOf[r] as number] };
    for (let i = 0; i < keys.length; i++) {
      const c = own[i] as number;
      const col = columns[c] as Column;
      const at = (next[c] as number)++;
      if ('values' in col) data[keys[i] as string] = canonical(col.values[at]);
      else {
        const code = col.codes[at] as number;
        data[keys[i] as string] = code === UNDEFINED ? undefined : col.strings[code];
      }
    }
    rows.push({ data, line: canonical(lines[r]) as number });
  }
  return rows;
}

export function unpackTable(packed: PackedTable): ParsedTable<unknown> {
  const rows = unpackRows(packed);
  return Object.fromEntries(
    packed.fields.map(([k, v]) => [k, k === 'rows' ? rows : v]),
  ) as unknown as ParsedTable<unknown>;
}
