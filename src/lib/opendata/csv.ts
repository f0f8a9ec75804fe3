/**
 * CSV for download: UTF-8 with BOM (so Excel on Chinese Windows picks the right
 * encoding instead of GBK), CRLF line ends, RFC 4180 quoting, formula-safe cells.
 */
import { neutraliseFormulaCell } from './formula.ts';

const BOM = '\uFEFF';

function quote(cell: string): string {
  return /[",\r\n]|^\s|\s$/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** One CSV line (no line end). */
function csvLine(cells: readonly string[]): string {
  return cells.map((c) => quote(neutraliseFormulaCell(c))).join(',');
}

/** A whole download: BOM, header, rows, every line ended by CRLF. */
export function toDownloadCsv(header: readonly string[], rows: Iterable<readonly string[]>): string {
  return [...downloadCsvPieces(header, rows)].join('');
}

/** Lines per piece: a whole table's text (at city scale a million ledger lines) is never held at once. */
const PIECE_LINES = 4096;

/** The same download in pieces of whole lines, the rows' cells made only as each piece is written. */
export function* downloadCsvPieces(header: readonly string[], rows: Iterable<readonly string[]>): Generator<string> {
  let lines = [BOM + csvLine(header)];
  for (const r of rows) {
    lines.push(csvLine(r));
    if (lines.length === PIECE_LINES) {
      yield lines.join('\r\n') + '\r\n';
      lines = [];
    }
  }
  if (lines.length > 0) yield lines.join('\r\n') + '\r\n';
}
