/**
 * A chart is drawn from its own data table: the table is the one copy of the numbers on the
 * page (the no-JS and screen-reader version too), so the chart cannot show anything the table
 * does not. The figure names the chart's kind, unit and how many of the table's value columns
 * are series (data-chart-*); the script reads the cells back with parseCellNumber. Server and
 * client both import this file, so the two sides cannot drift.
 */
export type ChartKind = 'bar' | 'stacked-bar' | 'step';

/** Base units of a series: fen and basis points stay integers until the table prints them. */
export type ValueKind = 'fen' | 'bp' | 'count';

export interface ChartSpec {
  kind: ChartKind;
  /** Axis title, e.g. "元" or "%". */
  unit: string;
  labels: string[];
  /** Values in display units (yuan, percent, count), as the table prints them. */
  datasets: { label: string; data: (number | null)[] }[];
}

/** What a chart's table looks like to the script: header cells and body rows, as text. */
export interface ChartTableText {
  /** Header cells after the label column. */
  headers: string[];
  rows: { label: string; cells: string[] }[];
}

export const CHART_KINDS: readonly ChartKind[] = ['bar', 'stacked-bar', 'step'];

/** The number a cell prints: "¥1,234.50", "-¥386,000.00", "92.0%", "1,387"; "—" (or anything else) is no value. */
export function parseCellNumber(text: string): number | null {
  const plain = text.replace(/[¥,%\s]/g, '');
  if (!/^-?\d+(?:\.\d+)?$/.test(plain)) return null;
  return Number(plain);
}

/** The chart of a table: its first `seriesCount` value columns are the series, the rest are for reading only. */
export function specFromTable(kind: ChartKind, unit: string, table: ChartTableText, seriesCount: number): ChartSpec {
  const count = Math.min(seriesCount, table.headers.length);
  return {
    kind,
    unit,
    labels: table.rows.map((r) => r.label),
    datasets: table.headers.slice(0, count).map((label, i) => ({
      label,
      data: table.rows.map((r) => parseCellNumber(r.cells[i] ?? '')),
    })),
  };
}
