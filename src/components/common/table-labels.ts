/**
 * On a phone a wide table is shown as one block per row (global.css, "stacked rows"), each
 * cell preceded by its column's name. CSS can only show a name the cell carries, so every body
 * cell gets its column header's text as data-label, taken from the table's own <thead>: the
 * header is written once, in the component that draws the table, and never copied by hand.
 */

const HEADER = /<thead\b[^>]*>([\s\S]*?)<\/thead>/;
const CELL_OR_ROW = /<tr\b[^>]*>|<(td|th)\b([^>]*)>/g;

/** A header cell's name as a data-label gives it: the text of its HTML, spaces collapsed. */
export const headerName = (html: string) =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

const escapeAttr = (s: string) => s.replace(/&(?!\w+;|#\d+;)/g, '&amp;').replace(/"/g, '&quot;');

const span = (attrs: string) => Number(/\bcolspan="?(\d+)/.exec(attrs)?.[1] ?? 1);

/** The column names of the header row (its last, if several); a spanning header repeats. */
function namesOfHeader(thead: string): string[] {
  const rows = thead.split(/<tr\b[^>]*>/).slice(1);
  const last = rows.at(-1) ?? '';
  const names: string[] = [];
  for (const m of last.matchAll(/<th\b([^>]*)>([\s\S]*?)<\/th>/g)) {
    const name = headerName(m[2] ?? '');
    for (let i = 0; i < span(m[1] ?? ''); i++) names.push(name);
  }
  return names;
}

/** The column names of a table's HTML (none without a header). */
export function columnNames(html: string): string[] {
  const head = HEADER.exec(html);
  return head ? namesOfHeader(head[1] ?? '') : [];
}

/**
 * The table body HTML with data-label on every non-empty body and footer cell that sits under
 * one named column; `labelled` is false when the table has no header to take names from (it then keeps
 * its columns on a phone and scrolls in its frame).
 */
export function labelCells(html: string): { html: string; labelled: boolean } {
  const head = HEADER.exec(html);
  if (!head) return { html, labelled: false };
  const names = namesOfHeader(head[1] ?? '');
  if (names.every((n) => n === '')) return { html, labelled: false };
  const cut = head.index + head[0].length;
  return { html: html.slice(0, cut) + labelBody(names, html.slice(cut)), labelled: true };
}

/** The rows after a table's header, each cell under one column of `names` labelled with its name. */
export function labelBody(names: readonly string[], body: string): string {
  let column = 0;
  return body.replace(CELL_OR_ROW, (tag: string, cell: string | undefined, attrs = '', at: number) => {
    if (!cell) {
      column = 0;
      return tag;
    }
    const width = span(attrs);
    const name = width === 1 ? names[column] : undefined;
    column += width;
    // An empty cell (no value: shown as "—" by the stylesheet) is left out of a phone's row block.
    const empty = body.startsWith(`</${cell}>`, at + tag.length);
    if (!name || empty || /\sdata-label=/.test(attrs)) return tag;
    return `<${cell} data-label="${escapeAttr(name)}"${attrs}>`;
  });
}
