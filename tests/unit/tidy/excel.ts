/**
 * What Excel's "CSV UTF-8" makes of a standard data file: a BOM, CRLF line ends, dates
 * shown as 2010/6/18 and money without its trailing zeros (1650000 for 1650000.00,
 * 386000.5 for 386000.50). Quoting as Excel does it: only where a cell needs it.
 */
import { parseCsvText } from '../../../scripts/staff/import/csv-text.ts';
import { tableColumns } from '../../../src/lib/schema/column-info.ts';
import type { TableName } from '../../../src/lib/schema/tables.ts';

export const quote = (c: string) => (/[",\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c);

function display(kind: string, cell: string): string {
  if (kind === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(cell)) {
    const [y, m, d] = cell.split('-');
    return `${y}/${Number(m)}/${Number(d)}`;
  }
  if ((kind === 'money' || kind === 'decimal') && /^-?\d+\.\d+$/.test(cell)) return cell.replace(/\.?0+$/, '');
  return cell;
}

export function excelResave(table: TableName, text: string): Uint8Array {
  const kinds = new Map(tableColumns(table).map((c) => [c.name, c.kind as string]));
  const [head, ...rows] = parseCsvText(text).rows;
  const header = head!.cells;
  const lines = [header, ...rows.map((r) => r.cells.map((c, i) => display(kinds.get(header[i]!) ?? 'text', c)))];
  return new TextEncoder().encode(`\uFEFF${lines.map((l) => l.map(quote).join(',')).join('\r\n')}\r\n`);
}
