/**
 * Raw string cells → typed rows through the table's zod schema. Every zod issue
 * becomes a located DataIssue; `params.kind` and `params.fix` come from the
 * column parsers (src/lib/schema/columns.ts), which word them via the catalogue.
 */
import type { z } from 'astro/zod';
import { TABLES, type Row, type TableName } from '../schema/tables.ts';
import { cellParser, type CellParse, type IssueParams } from '../schema/columns.ts';
import { valueText } from '../schema/values.ts';
import { describe, issue } from '../messages/catalogue.ts';
import type { DataIssue } from '../messages/issue.ts';
import type { ParsedTable } from './types.ts';
import type { RawRow, RawTable } from './read-csv.ts';

function paramsOf(i: z.core.$ZodIssue): IssueParams | undefined {
  const p = (i as { params?: Partial<IssueParams> }).params;
  return p && typeof p.fix === 'string' && typeof p.kind === 'string' ? { fix: p.fix, kind: p.kind } : undefined;
}

/**
 * Cell problems that are only Excel's way of showing a value (2010/6/18, 1650000 for a
 * balance, TRUE): when the importer's reading gives a value the column accepts, the cell is
 * in display form, and `npm run tidy` rewrites it without changing the value.
 */
const DISPLAY_KINDS = new Set(['date', 'partial-date', 'money', 'type', 'percent', 'enum']);

/** One column's cells in display form: how many, and the first of them (its line, text and canonical form). */
export interface DisplayForms {
  column: string;
  count: number;
  line: number;
  value: string;
  canonical: string;
}

/** Cell outputs worth remembering: shared between rows, so never an array or object a reader could change. */
type Scalar = string | number | boolean | undefined;
const isScalar = (v: unknown): v is Scalar => v === undefined || (typeof v !== 'object' && typeof v !== 'function');
/**
 * A column stops being remembered once it holds this many texts and they were looked up less
 * often than that (ids, amounts). Large, because the check is made at insert time: a city's
 * dates fill a thousand entries before they start repeating, and a small bound gave them up.
 */
const REMEMBER = 1 << 16;

/**
 * A table's columns whose texts did not repeat in a part typed before (ledger chunks, a thousand
 * rows each, are typed one typer each): ids and amounts. Never reaching REMEMBER texts in a
 * chunk, they were looked up and added to a map for every row of every chunk. Only which columns,
 * never a value: what a cell types to is always computed or remembered within one typer.
 */
const NOT_REPEATING = new Map<string, Set<string>>();
/** At the end of a typer, a column whose map holds this many texts of which fewer than 1 in 32 repeated. */
const NOT_REPEATING_SIZE = 256;

/** Stands for a cell typed to undefined in `seen`, so a hit is one lookup, not a get and a has. */
const NONE = Symbol('undefined');

interface ColumnCells {
  key: string;
  parser: z.ZodType;
  /** The column's own transform, called without zod (cellParser); undefined: zod's safeParse. */
  parse: CellParse | undefined;
  /** What a blank cell gives (NONE: undefined), once known: blanks are most of some columns. */
  blank: Scalar | typeof NONE | null;
  /** Cell text → typed value; dropped for columns whose values barely repeat (ids, amounts). */
  seen: Map<string, Scalar | typeof NONE> | undefined;
  hits: number;
  /**
   * The last text typed or found and its value: a table's rows come grouped (by compound, then
   * date), so a cell often repeats the row above, and comparing with it is cheaper than hashing a
   * fresh string for the map.
   */
  lastText: string | undefined;
  lastValue: Scalar;
}

/**
 * A row with the given keys, each null, for rows to be copies of. An object built key by key holds
 * only its first four properties in itself and the rest in a second array; a copy of an object
 * JSON.parse made holds them all in itself. A build keeps a city's 2.3 million rows until it
 * exits, and every full collection marks them: one object a row fewer and 16–24 bytes less.
 */
export const emptyRow = (keys: readonly string[]): Record<string, unknown> =>
  JSON.parse(JSON.stringify(Object.fromEntries(keys.map((k) => [k, null])))) as Record<string, unknown>;

/** Stands for a cell its column refused. */
const REFUSED = Symbol('refused');

/** The context a direct call of a column's transform gets: it notes a refusal, and zod's parse of the row words it. */
const refusal = {
  refused: false,
  addIssue() {
    this.refused = true;
  },
};

/** One cell through its column's parser: the typed value, or REFUSED. */
function typeCell(c: ColumnCells, text: string | undefined): unknown {
  if (c.parse === undefined) {
    const result = c.parser.safeParse(text);
    return result.success ? result.data : REFUSED;
  }
  refusal.refused = false;
  const value = c.parse(text, refusal as unknown as Parameters<CellParse>[1]);
  return refusal.refused ? REFUSED : value;
}

/**
 * Types a row one cell at a time through each column's own parser, remembering what each
 * cell text gave: at city scale most cells repeat (compound ids, dates, directions,
 * categories, sources), and zod's per-row object parse was the largest cost of the check.
 * Exact because the column parsers are pure functions of the cell text and the table schemas
 * have no cross-column refinement (tests/unit/dataset/type-rows.test.ts compares every fixture
 * row with zod's own parse of the whole row). A row with any cell its column refuses goes
 * through zod's row parse, which alone words the problems.
 */
class CellTyper {
  private readonly columns: ColumnCells[];
  /** Every column's key in schema order (emptyRow), each row a copy of it. */
  private readonly template: Record<string, Scalar>;
  private readonly table: string;
  constructor(table: string, shape: Record<string, z.ZodType>) {
    this.table = table;
    const given = NOT_REPEATING.get(table);
    this.columns = Object.entries(shape).map(([key, parser]) => ({
      key,
      parser,
      parse: cellParser(parser),
      blank: null,
      seen: given?.has(key) ? undefined : new Map(),
      hits: 0,
      lastText: undefined,
      lastValue: undefined,
    }));
    this.template = emptyRow(this.columns.map((c) => c.key)) as Record<string, Scalar>;
  }

  /** The typed row, or undefined when a cell is refused (zod's row parse reports it). A blank cell is not given. */
  type(cells: Record<string, string>): Record<string, Scalar> | undefined {
    const out = { ...this.template };
    for (const c of this.columns) {
      const text = cells[c.key];
      if (text === '' || text === undefined) {
        // A blank cell is "not given": the column parsers treat undefined as blank.
        if (c.blank === null) {
          const value = typeCell(c, undefined);
          if (value === REFUSED || !isScalar(value)) return undefined;
          c.blank = value === undefined ? NONE : value;
        }
        out[c.key] = c.blank === NONE ? undefined : c.blank;
        continue;
      }
      // Counted as the map's hit it stands for: when to stop remembering is decided as before.
      if (text === c.lastText) {
        c.hits += 1;
        out[c.key] = c.lastValue;
        continue;
      }
      const known = c.seen?.get(text);
      if (known !== undefined) {
        c.hits += 1;
        const found = known === NONE ? undefined : known;
        out[c.key] = found;
        c.lastText = text;
        c.lastValue = found;
        continue;
      }
      const value = typeCell(c, text);
      if (value === REFUSED || !isScalar(value)) return undefined;
      out[c.key] = value;
      c.lastText = text;
      c.lastValue = value;
      if (!c.seen) continue;
      c.seen.set(text, value === undefined ? NONE : value);
      if (c.seen.size >= REMEMBER && c.hits < c.seen.size) this.giveUp(c);
    }
    return out;
  }

  private giveUp(c: ColumnCells): void {
    c.seen = undefined;
    let given = NOT_REPEATING.get(this.table);
    if (!given) NOT_REPEATING.set(this.table, (given = new Set()));
    given.add(c.key);
  }

  /** Called once the table's rows are typed: the next typer of the table skips the maps that did not pay. */
  finish(): void {
    for (const c of this.columns)
      if (c.seen && c.seen.size >= NOT_REPEATING_SIZE && c.hits * 32 < c.seen.size) this.giveUp(c);
  }
}

/**
 * Whether cell-by-cell typing gives what zod's row parse gives: the table schema checks
 * nothing across columns (a refinement added to it later switches this off, never gets
 * skipped), and every row's input holds every schema column, so zod's output is exactly one
 * key per schema column in schema order (its object parser keeps a present key even when undefined).
 */
function typesByCell(schema: z.ZodObject, header: readonly string[]): boolean {
  const def = schema._zod.def;
  if ((def.checks ?? []).length > 0 || def.catchall !== undefined) return false;
  const present = new Set(header);
  return Object.keys(def.shape).every((k) => present.has(k));
}

/**
 * Types a table's rows one at a time as they are read (read-csv.ts `parseCsv`'s row sink), so a
 * city's raw rows are never all held at once: held, a million raw rows lived long enough to be
 * copied by the young generation's collections and promoted, and their cells with them.
 */
export function rowTyper<T extends TableName>(name: T, file: string, header: string[], unreadable?: true) {
  const schema = TABLES[name].schema as unknown as z.ZodType<Row<T>>;
  const position = new Map(header.map((h, i) => [h, i + 1] as const));
  const issues: DataIssue[] = [];
  const table: ParsedTable<Row<T>> = { name, file, header, rows: [], rejected: [] };
  // A whole table re-saved by Excel is one problem with one command per column, not one per cell.
  const display = new Map<string, DisplayForms>();
  if (unreadable) table.unreadable = true;
  const shape = TABLES[name].schema.shape as Record<string, z.ZodType>;
  const cells = typesByCell(TABLES[name].schema, header) ? new CellTyper(name, shape) : undefined;
  const add = (row: RawRow): void => {
    if (row.broken) {
      table.rejected?.push({ line: row.line, raw: row.cells });
      return;
    }
    const fast = cells?.type(row.cells);
    if (fast) {
      table.rows.push({ data: fast as Row<T>, line: row.line });
      return;
    }
    // A blank cell is "not given": the column parsers treat undefined as blank.
    const input: Record<string, string | undefined> = {};
    for (const k in row.cells) {
      const v = row.cells[k];
      input[k] = v === '' ? undefined : v;
    }
    const result = schema.safeParse(input);
    if (result.success) {
      table.rows.push({ data: result.data, line: row.line });
      return;
    }
    table.rejected?.push({ line: row.line, raw: row.cells });
    for (const zi of result.error.issues) {
      const col = typeof zi.path[0] === 'string' ? zi.path[0] : '-';
      // A column missing from the header is already reported once, not once per row.
      if (col !== '-' && !position.has(col)) continue;
      const p = paramsOf(zi);
      const cell = row.cells[col] ?? '';
      if (p && DISPLAY_KINDS.has(p.kind)) {
        const canonical = valueText(name, col, cell);
        if (canonical !== cell && canonical !== '') {
          const d = display.get(col);
          if (d) d.count += 1;
          else display.set(col, { column: col, count: 1, line: row.line, value: cell, canonical });
          continue;
        }
      }
      const text = p
        ? { kind: p.kind, message: zi.message, fix: p.fix }
        : describe('type', { value: String(row.cells[col] ?? ''), expected: '有效的值', how: zi.message });
      issues.push({ file, line: row.line, column: position.get(col) ?? 1, columnName: col, ...text });
    }
  };
  const done = (): { table: ParsedTable<Row<T>>; issues: DataIssue[]; display: DisplayForms[] } => {
    cells?.finish();
    const forms = [...display.values()];
    issues.push(...displayIssues(file, header, forms));
    return { table, issues, display: forms };
  };
  return { add, done };
}

export function typeRows<T extends TableName>(name: T, file: string, raw: RawTable) {
  const typer = rowTyper(name, file, raw.header, raw.unreadable);
  for (const row of raw.rows) typer.add(row);
  return typer.done();
}

/** The one issue per column of cells in display form (the cached check merges a table's chunks' forms first). */
export function displayIssues(file: string, header: readonly string[], forms: readonly DisplayForms[]): DataIssue[] {
  return forms.map((d) => {
    // The last position of a repeated header name, as the row typing's own map of positions.
    const column = header.lastIndexOf(d.column) + 1 || 1;
    const at = { file, line: d.line, column, columnName: d.column };
    return issue('excel-display', at, { count: d.count, value: d.value, canonical: d.canonical, file });
  });
}
