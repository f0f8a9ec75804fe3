/**
 * Formula-injection guard for CSV opened in a spreadsheet (OWASP "CSV injection").
 *
 * A cell starting with = + - @ tab or CR is run as a formula by Excel/WPS, so the
 * download prefixes it with an apostrophe. Plain numbers ("-12.50") carry no
 * formula and are left alone, so negative amounts stay numbers in Excel. Cells
 * that already start with apostrophes before such a character get one more, which
 * makes `restoreFormulaCell` an exact inverse: the download re-imports losslessly.
 */

const TRIGGER = /^'*[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[-+]?\d+(?:\.\d+)?$/;

export function neutraliseFormulaCell(cell: string): string {
  if (PLAIN_NUMBER.test(cell)) return cell;
  return TRIGGER.test(cell) ? `'${cell}` : cell;
}

/** Undo `neutraliseFormulaCell` (importer path). */
export function restoreFormulaCell(cell: string): string {
  return /^'+[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}
