/**
 * Bytes of one CSV table → raw located rows, with every file, header and row
 * problem reported as a DataIssue. Typing the cells is `type-rows.ts`'s job.
 *
 * papaparse runs with `header: true` and without dynamicTyping (which would eat
 * leading zeros and turn credit codes into floats); blank lines are kept so they
 * can be reported, and each row's physical line is computed from the parser's
 * cursor because a quoted cell may span several lines.
 */
import { Buffer, isUtf8 } from 'node:buffer';
import Papa from 'papaparse';
import { issue } from '../messages/catalogue.ts';
import type { DataIssue } from '../messages/issue.ts';

export interface RawRow {
  /** 1-based physical line of the row's first character. */
  line: number;
  /** Cells by column name; only columns present in the header. */
  cells: Record<string, string>;
  /** Misaligned (missing or extra cells, broken quotes): reported here, not typed. */
  broken?: true;
}

export interface RawTable {
  /** Header as written in the file. */
  header: string[];
  /** In file order; empty when a row sink (`parseCsv`'s `rowsTo`) took them. */
  rows: RawRow[];
  issues: DataIssue[];
  /** The file could not be read as a table at all (encoding, empty): its ids are unknown. */
  unreadable?: true;
}

const BOM = 0xfeff;

/**
 * Decode strictly: a GBK file from Excel must be caught, never shown as mojibake. A BOM is
 * kept (it is reported). isUtf8 refuses what a fatal TextDecoder refuses (lone surrogates,
 * overlongs) and, with Buffer's decoder, reads a city's 150 MB ledger several times faster.
 */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  if (!isUtf8(bytes)) return undefined;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

/** The header row's cells as written. */
function parseHeader(text: string): string[] {
  return Papa.parse<string[]>(text, { header: false, delimiter: ',', newline: '\n', preview: 1 }).data[0] ?? [];
}

/**
 * Parse one table. `file` is the project-relative path used in issues;
 * `columns` are the table schema's column names with their Chinese titles (and
 * whether each is required, so a missing required column is never told "或留空").
 */
export function parseCsv(
  bytes: Uint8Array,
  file: string,
  columns: readonly { name: string; title: string; required?: boolean }[],
  rowsTo?: (header: string[]) => (row: RawRow) => void,
): RawTable {
  const issues: DataIssue[] = [];
  const allowed = columns.map((c) => c.name).join(',');
  // For a header that is wrong, each name with the label staff know it by.
  const labelled = columns.map((c) => `${c.name}(${c.title})`).join('、');
  const byTitle = new Map(columns.map((c) => [c.title, c.name]));
  const byLower = new Map(columns.map((c) => [c.name.toLowerCase(), c.name]));
  const whole = (column = 1, columnName = '-') => ({ file, line: 1, column, columnName });

  const decoded = decodeUtf8(bytes);
  if (decoded === undefined) {
    return { header: [], rows: [], issues: [issue('encoding', whole(), { file })], unreadable: true };
  }
  let text = decoded;
  if (text.charCodeAt(0) === BOM) {
    issues.push(issue('bom', whole(), { file }));
    text = text.slice(1);
  }
  // One line break per physical line: CRLF and lone CR (old Mac Excel) become LF,
  // so line numbers match what an editor shows.
  text = text.replace(/\r\n?/g, '\n');
  if (text.trim() === '') {
    issues.push(issue('file-empty', whole(), { allowed }));
    return { header: [], rows: [], issues, unreadable: true };
  }

  // Rows are read as arrays and matched to the header by position here: papaparse's header
  // mode renames duplicate headers (name_1) with an English warning into the staff's output
  // (duplicates are reported below with their columns anyway), and at city scale its per-cell
  // header and typing hooks cost seconds.
  const header = parseHeader(text);

  // ── header ────────────────────────────────────────────────────────────────
  const known = new Set(columns.map((c) => c.name));
  const firstPosition = new Map<string, number>();
  const usable = new Map<number, string>(); // cell position (0-based) → schema column
  header.forEach((name, i) => {
    const position = i + 1;
    const field = i;
    if (name.trim() === '') {
      issues.push(issue('header-blank', whole(position, '-'), { position, allowed: labelled }));
      return;
    }
    const first = firstPosition.get(name);
    if (first !== undefined) {
      issues.push(issue('header-duplicate', whole(position, name), { column: name, first }));
      return;
    }
    firstPosition.set(name, position);
    if (!known.has(name)) {
      const titled = byTitle.get(name.trim());
      const cased = byLower.get(name.trim().toLowerCase());
      const guess = titled
        ? `(这是「${name.trim()}」列的中文名,数据文件的表头要写列名 ${titled})`
        : cased
          ? `(应写成 ${cased})`
          : '';
      issues.push(issue('header-unknown', whole(position, name), { column: name, guess, allowed: labelled }));
      return;
    }
    usable.set(field, name);
  });
  for (const c of columns) {
    if (!firstPosition.has(c.name)) {
      // A required column's cells must all be filled: its fix never says "or leave blank".
      const rows = c.required === false ? '没有内容的行留空' : '每一行都要填写';
      issues.push(issue('header-missing', whole(header.length + 1, c.name), { column: c.name, title: c.title, rows }));
    }
  }

  // ── rows ──────────────────────────────────────────────────────────────────
  // Each row is handled as the parser yields it (no second copy of a million rows), and rows
  // come in file order, so its line is the last row's plus the line breaks in between.
  const positions = [...usable];
  const rows: RawRow[] = [];
  // With a sink, each row goes to it as read (type-rows.ts rowTyper) and none is kept here.
  const take = rowsTo?.(header) ?? ((r: RawRow) => void rows.push(r));
  let lineNo = 1;
  let counted = 0;
  const lineOf = (offset: number): number => {
    for (let i = text.indexOf('\n', counted); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) lineNo++;
    counted = Math.max(counted, offset);
    return lineNo;
  };
  const row = (start: number, data: string[], errors: Papa.ParseError[]) => {
    const line = lineOf(start);
    const blank = data.every((v) => v.trim() === '');
    // The newline that ends the last line yields one empty "row" past the end: not a blank row.
    if (blank && start >= text.length) return;
    if (blank) {
      issues.push(issue('blank-row', { file, line, column: 1, columnName: '-' }));
      return;
    }
    const found = data.length;
    // The cell with the bad quote is the last one parsed: everything after it was swallowed.
    const quotedAt = () => {
      const n = Math.min(found, header.length);
      return { file, line, column: Math.max(1, n), columnName: header[n - 1] ?? '-' };
    };
    const codes = errors.length === 0 ? undefined : new Set(errors.map((e) => e.code));
    if (codes?.has('InvalidQuotes')) {
      // A stray quote usually leaves the rest of the file unterminated too: one report is enough.
      issues.push(issue('quote-invalid', quotedAt()));
    } else if (codes?.has('MissingQuotes')) {
      issues.push(issue('quote', quotedAt()));
    }
    const quoteBroken = codes !== undefined && (codes.has('InvalidQuotes') || codes.has('MissingQuotes'));
    if (!quoteBroken && found < header.length) {
      issues.push(
        issue(
          'cells-missing',
          { file, line, column: found + 1, columnName: header[found] ?? '-' },
          { found, expected: header.length },
        ),
      );
    } else if (!quoteBroken && found > header.length) {
      issues.push(
        issue(
          'cells-extra',
          { file, line, column: header.length + 1, columnName: '-' },
          { found, extra: found - header.length },
        ),
      );
    }
    const cells: Record<string, string> = {};
    for (const [position, name] of positions) {
      const v = data[position];
      if (typeof v === 'string') cells[name] = v;
    }
    // A misaligned row would only produce misleading cell errors; it is kept, untyped,
    // so that its id still counts for references and duplicates.
    const broken = errors.length > 0 || found !== header.length;
    take(broken ? { line, cells, broken: true } : { line, cells });
  };
  let cursor = 0;
  let first = true; // the first row read is the header itself
  Papa.parse<string[]>(text, {
    header: false,
    dynamicTyping: false,
    skipEmptyLines: false,
    delimiter: ',',
    newline: '\n',
    step(result) {
      if (first) first = false;
      else row(cursor, result.data, result.errors);
      cursor = result.meta.cursor;
    },
  });
  return { header, rows, issues };
}
