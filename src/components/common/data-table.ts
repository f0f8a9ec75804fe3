/**
 * DataTable's frame written as a string (html.ts): the focusable region named by the caption,
 * the table and its classes. The compound page draws a dozen tables, and as a component each
 * one rendered its rows to HTML only to have its header read back out of that HTML with
 * regular expressions (table-labels.ts). A table whose component holds its header as data calls
 * `tableHtml` instead: the header is written from the same titles that are checked, so for a
 * table named by /table-labels.css a header other than the registered titles still stops the
 * build (views/table-columns.ts), and no cell's text is parsed. DataTable.astro, for tables
 * drawn as templates, reads the header back as before and writes the same frame.
 */
import { columnClasses, cssLabelClass, type CssLabelledTable } from '../../lib/views/table-columns.ts';
import { attribute, escapeText } from './html.ts';
import { columnNames, headerName, labelBody, labelCells } from './table-labels.ts';

export interface TableFrame {
  caption: string;
  /** The region's name when shorter than the caption (a caption may add a date or a count). */
  label?: string | undefined;
  /** Class of the table itself, for tables styled apart (the fund ledger). */
  class?: string | undefined;
  /** The table's columns are named for phones by /table-labels.css; cells carry no data-label. */
  columns?: CssLabelledTable | undefined;
}

/** A column of the header row: its title, and whether it holds figures (right-aligned). */
export interface HeaderCell {
  title: string;
  num?: boolean;
}

/** The classes of a table: its own, then those naming a registered table's columns. */
function tableClasses(className: string | undefined, columns: CssLabelledTable | undefined, titles: readonly string[]) {
  const classes = className ? [className] : [];
  if (columns) classes.push('css-labels', cssLabelClass(columns), ...columnClasses(columns, titles));
  return classes.join(' ');
}

function frameHtml(t: TableFrame, classes: string, stacked: boolean, inner: string): string {
  const wrap = stacked ? 'table-wrap table-wrap--stack' : 'table-wrap';
  return (
    `<div class="${wrap}" tabindex="0" role="region"${attribute('aria-label', t.label ?? t.caption)}>` +
    `<table${classes ? attribute('class', classes) : ''}><caption>${escapeText(t.caption)}</caption>${inner}</table></div>`
  );
}

/**
 * A table whose rows (`<tbody>…</tbody>`, and a `<tfoot>` if any) are already a string: the
 * header is written here from `header`. Without `columns` each body cell is labelled with its
 * column's title for a phone, as DataTable does.
 */
export function tableHtml(t: TableFrame, header: readonly HeaderCell[], rows: string): string {
  const titles = header.map((h) => h.title);
  const thead = `<thead><tr>${header.map((h) => `<th scope="col"${h.num ? ' class="num"' : ''}>${escapeText(h.title)}</th>`).join('')}</tr></thead>`;
  if (t.columns) return frameHtml(t, tableClasses(t.class, t.columns, titles), true, thead + rows);
  const names = titles.map((title) => headerName(escapeText(title)));
  const stacked = names.some((n) => n !== '');
  return frameHtml(t, tableClasses(t.class, undefined, []), stacked, thead + (stacked ? labelBody(names, rows) : rows));
}

/** A table drawn as a template (DataTable's slot): its header is read back from the HTML. */
export function slotTableHtml(t: TableFrame, slot: string): string {
  if (t.columns) return frameHtml(t, tableClasses(t.class, t.columns, columnNames(slot)), true, slot);
  const { html, labelled } = labelCells(slot);
  return frameHtml(t, tableClasses(t.class, undefined, []), labelled, html);
}
