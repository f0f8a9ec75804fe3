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
export function toDownloadCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  let out = BOM + csvLine(header) + '\r\n';
  for (const r of rows) out += csvLine(r) + '\r\n';
  return out;
}
