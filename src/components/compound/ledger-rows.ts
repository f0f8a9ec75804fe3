/**
 * The body rows of a compound's fund ledger (FundLedgerTable.astro), written as a string: a
 * ledger is often hundreds of rows, and drawn as template rows with a CorrectedMark component
 * each they were the largest part of a compound page's render time. Same bytes as the template
 * they replace (tests/unit/components/fund-ledger-table.test.ts holds them to it). A city's
 * million rows made escaping most of their time, so per row only what can need it is escaped: a
 * date is one of a few thousand days and a direction or category one of a closed list, each
 * escaped once per build; an id (lower-case letters, digits and hyphens: schema/columns.ts
 * `parseId`) and an amount as formatYuan writes it (digits, ",", ".", "-", "¥") never need it (tests/unit/components/ledger-rows.test.ts holds the rows to the escaping of each cell).
 */
import type { SiteData } from '../../lib/model/types.ts';
import type { LedgerLine } from '../../lib/views/compound/fund.ts';
import { formatDate, formatYuan } from '../../lib/views/format.ts';
import { sourceHref } from '../../lib/views/urls.ts';
import { correctedMarkHtml } from '../common/corrected-mark.ts';
import { escapeAttr, escapeText } from '../common/html.ts';

const escapedOnce = new Map<string, string>();

/** `escapeText(text)` of a text of a closed set, remembered. */
function closedText(text: string): string {
  let html = escapedOnce.get(text);
  if (html === undefined) escapedOnce.set(text, (html = escapeText(text)));
  return html;
}

const dates = new Map<string, string>();

/** `escapeText(formatDate(iso))`, remembered. */
function dateHtml(iso: string): string {
  let html = dates.get(iso);
  if (html === undefined) dates.set(iso, (html = escapeText(formatDate(iso))));
  return html;
}

function description(e: LedgerLine['entry']): string {
  let html = escapeText(e.description);
  if (e.late_reason) html += `<span class="muted">(补记:${escapeText(e.late_reason)})</span>`;
  if (e.reverses) {
    const reason = e.reason ? escapeText(`:${e.reason}`) : '';
    html += `<span class="muted">(冲正 <a href="${escapeAttr(`#ledger-${e.reverses}`)}">${escapeText(e.reverses)}</a>${reason})</span>`;
  }
  return html;
}

function approval(e: LedgerLine['entry']): string {
  if (e.approval !== undefined) return escapeText(e.approval);
  return e.direction === '支出' && e.category !== '冲正' ? '<span class="alert-inline">未注明表决依据</span>' : '';
}

const sourceCells: string[] = [];

/** The source column's cell, by the source's number on the page (remembered: a page has a few). */
function sourceCell(n: number | undefined): string {
  if (n === undefined) return '<td>—</td>';
  return (sourceCells[n] ??= `<td><a href="${escapeAttr(sourceHref(n))}">[${n}]</a></td>`);
}

/** Every line as a <tr>; `oneSource` leaves out the source column (cited once above the table). */
export function ledgerRowsHtml(
  site: SiteData,
  lines: readonly LedgerLine[],
  sourceNumbers: ReadonlyMap<string, number>,
  oneSource: boolean,
): string {
  let html = '';
  for (const l of lines) {
    const e = l.entry;
    const out = e.direction === '支出';
    const reversal = e.category === '冲正';
    const classes = out ? (reversal ? ' class="out reversal"' : ' class="out"') : reversal ? ' class="reversal"' : '';
    const mismatch =
      l.statedMismatch && e.balance !== undefined
        ? `<span class="alert-inline">(账面记为 ${formatYuan(e.balance)},与累计不符)</span>`
        : '';
    html +=
      `<tr id="ledger-${e.id}"${classes}><td>${dateHtml(e.date)}</td><td>${closedText(e.direction)}</td>` +
      `<td>${closedText(e.category)}</td><td>${description(e)}</td>` +
      `<td>${formatYuan(l.signed)}${correctedMarkHtml(site, 'fund_ledger', e.id, 'amount')}</td>` +
      `<td>${formatYuan(l.balance)}${mismatch}</td><td>${approval(e)}</td>` +
      (oneSource ? '</tr>' : `${sourceCell(sourceNumbers.get(e.source_id))}</tr>`);
  }
  return html;
}
