/**
 * CSV for download: UTF-8 with BOM (so Excel on Chinese Windows picks the right
 * encoding instead of GBK), CRLF line ends, RFC 4180 quoting, formula-safe cells.
 */
import { neutraliseFormulaCell } from './formula.ts';

export const BOM = '\uFEFF';

function quote(cell: string): string {
  return /[",\r\n]|^\s|\s$/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** One cell as written to the file: formula-safe, quoted when it must be. */
export function csvCell(cell: string): string {
  // Most cells of a compound's CSV are blank (each row fills only its own table's columns): no regex for them.
  return cell === '' ? cell : quote(neutraliseFormulaCell(cell));
}

/** One CSV line (no line end). */
export function csvLine(cells: readonly string[]): string {
  let line = cells.length > 0 ? csvCell(cells[0]!) : '';
  for (let i = 1; i < cells.length; i++) line += `,${csvCell(cells[i]!)}`;
  return line;
}

/** A whole download: BOM, header, rows, every line ended by CRLF. */
export function toDownloadCsv(header: readonly string[], rows: Iterable<readonly string[]>): string {
  function* lines() {
    for (const r of rows) yield csvLine(r);
  }
  return [...csvLinePieces(csvLine(header), lines())].join('');
}

/** Lines per piece: a whole table's text (at city scale a million ledger lines) is never held at once. */
const PIECE_LINES = 4096;

/** A download in pieces from its lines already written (`csvLine`), each line made as its piece is. */
export function* csvLinePieces(header: string | undefined, body: Iterable<string>): Generator<string> {
  // Each line appended to its piece as it comes: an array of the piece's lines joined at the end
  // was a third more CPU for a city's ledger, and the array itself garbage (bench/README.md, h15b).
  // No header: the rest of a table whose first rows' pieces were made already (city-downloads.ts).
  let piece = header === undefined ? '' : `${BOM}${header}\r\n`;
  let lines = header === undefined ? 0 : 1;
  for (const line of body) {
    piece += `${line}\r\n`;
    if (++lines === PIECE_LINES) {
      yield piece;
      piece = '';
      lines = 0;
    }
  }
  if (lines > 0) yield piece;
}
