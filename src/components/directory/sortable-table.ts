/**
 * Progressive enhancement for SortableTable: turns opted-in header cells into
 * buttons and re-orders tbody rows. The server-rendered order is the no-JS order.
 */

type SortType = 'text' | 'number';

function cellValue(row: HTMLTableRowElement, index: number): string {
  const cell = row.cells[index];
  if (!cell) return '';
  return cell.dataset.sort ?? cell.textContent?.trim() ?? '';
}

function compareValues(a: string, b: string, type: SortType): number {
  // Blank values go last whatever the direction, like 未公布 in the no-JS table.
  if (a === '' || b === '') return a === b ? 0 : a === '' ? 1 : -1;
  if (type === 'number') return Number(a) - Number(b);
  return a.localeCompare(b, 'zh-CN');
}

function sortBy(table: HTMLTableElement, th: HTMLTableCellElement, index: number, type: SortType): void {
  const body = table.tBodies[0];
  if (!body) return;
  const ascending = th.getAttribute('aria-sort') !== 'ascending';
  for (const other of table.querySelectorAll('thead th')) other.removeAttribute('aria-sort');
  th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
  const rows = [...body.rows].map((row, original) => ({ row, original, value: cellValue(row, index) }));
  rows.sort((x, y) => {
    const blankLast = x.value === '' || y.value === '';
    const c = compareValues(x.value, y.value, type);
    const directed = blankLast ? c : ascending ? c : -c;
    return directed || x.original - y.original;
  });
  body.append(...rows.map((r) => r.row));
}

export function enhanceSortableTables(root: ParentNode): void {
  for (const table of root.querySelectorAll<HTMLTableElement>('table[data-sortable]')) {
    if (table.dataset.sortReady) continue;
    table.dataset.sortReady = '1';
    table.querySelector<HTMLElement>('.sort-hint')?.removeAttribute('hidden');
    const headers = table.tHead?.rows[0]?.cells;
    if (!headers) continue;
    [...headers].forEach((th, index) => {
      const type = th.dataset.sortType as SortType | undefined;
      if (type !== 'text' && type !== 'number') return;
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'sort-button';
      button.append(...th.childNodes);
      th.append(button);
      button.addEventListener('click', () => sortBy(table, th, index, type));
    });
  }
}
