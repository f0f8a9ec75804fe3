/**
 * The import pipeline: grid of staff cells → rows in the data standard, with a
 * record of every change and of everything that could not be mapped.
 */
import type { TableName } from '../schema/tables.ts';
import { tableColumns } from '../opendata/columns.ts';
import { detectHeader, mapHeader } from './headers.ts';
import { normaliseCell, type Normalised } from './normalise.ts';
import { cleanSpaces } from './text.ts';
import type { Grid } from './read.ts';

export interface CellChange {
  /** 1-based row in the source sheet or file, as staff see it in Excel. */
  sourceRow: number;
  column: string;
  before: string;
  after: string;
  note?: string;
}

export interface Unmappable {
  sourceRow: number;
  column: string;
  value: string;
  reason: string;
}

export interface ImportResult {
  table: TableName;
  source: string;
  /** 1-based row of the header in the source. */
  headerRow: number;
  /** Standard column names, in standard order. */
  header: string[];
  rows: string[][];
  /** Source row of each output row. */
  sourceRows: number[];
  mapped: { label: string; column: string }[];
  unmappedHeaders: string[];
  duplicateHeaders: string[];
  missingColumns: string[];
  changes: CellChange[];
  unmappable: Unmappable[];
  blankRowsSkipped: number;
}

export function normaliseGrid(grid: Grid, table?: TableName): ImportResult | { error: string } {
  const found = detectHeader(grid.rows, table);
  if ('error' in found) return found;
  const labels = grid.rows[found.row]!;
  const mapping = mapHeader(found.table, labels);
  const cols = tableColumns(found.table);
  const header = cols.map((c) => c.name);
  const result: ImportResult = {
    table: found.table,
    source: grid.source,
    headerRow: found.row + 1,
    header,
    rows: [],
    sourceRows: [],
    mapped: labels.flatMap((label, i) => (mapping.columns[i] ? [{ label, column: mapping.columns[i] }] : [])),
    unmappedHeaders: mapping.unmapped,
    duplicateHeaders: mapping.duplicates,
    missingColumns: header.filter((h) => !mapping.columns.includes(h)),
    changes: [],
    unmappable: [],
    blankRowsSkipped: 0,
  };
  for (let r = found.row + 1; r < grid.rows.length; r++) {
    const src = grid.rows[r]!;
    const sourceRow = r + 1;
    if (src.every((c) => c.trim() === '')) {
      result.blankRowsSkipped++;
      continue;
    }
    const out = header.map(() => '');
    mapping.columns.forEach((name, i) => {
      if (!name) return;
      const col = cols.find((c) => c.name === name)!;
      const before = src[i] ?? '';
      let after = before;
      if (before !== '') {
        const n: Normalised = cleanSpaces(before) === '' ? { ok: true, value: '' } : normaliseCell(before, col.kind);
        if (n.ok) {
          after = n.value;
          if (after !== before) {
            result.changes.push({ sourceRow, column: name, before, after, ...(n.note ? { note: n.note } : {}) });
          }
        } else {
          result.unmappable.push({ sourceRow, column: name, value: before, reason: n.reason });
        }
      }
      out[header.indexOf(name)] = after;
    });
    result.rows.push(out);
    result.sourceRows.push(sourceRow);
  }
  return result;
}

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** The data files' own format: UTF-8 without BOM, LF line ends, quoting only where needed. */
export function toStandardCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [header, ...rows].map((r) => r.map(quote).join(',')).join('\n') + '\n';
}
