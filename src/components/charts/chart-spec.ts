/**
 * The data a chart carries from the build to the browser, as JSON in a
 * <script type="application/json"> next to its canvas (no inline executable script).
 * Server and client both import this file, so the two sides cannot drift.
 */
export type ChartKind = 'bar' | 'stacked-bar' | 'step';

/** Base units of a series: fen and basis points stay integers until displayed. */
export type ValueKind = 'fen' | 'bp' | 'count';

export interface ChartSpec {
  kind: ChartKind;
  /** Axis title, e.g. "元" or "%". */
  unit: string;
  labels: string[];
  /** Values already converted to display units (yuan, percent). */
  datasets: { label: string; data: (number | null)[] }[];
}

/** Display units for the chart axis (the table prints the exact text). */
export function toDisplay(kind: ValueKind, v: number | null): number | null {
  if (v === null) return null;
  if (kind === 'fen') return v / 100;
  if (kind === 'bp') return v / 100;
  return v;
}

/** JSON safe to embed in HTML: "<" cannot close the script element. */
export function specToJson(spec: ChartSpec): string {
  return JSON.stringify(spec).replace(/</g, '\\u003c');
}
