import { describe, expect, it } from 'vitest';
import { ledgerRowsHtml } from '../../../src/components/compound/ledger-rows.ts';
import { correctedMarkHtml } from '../../../src/components/common/corrected-mark.ts';
import { escapeAttr, escapeText } from '../../../src/components/common/html.ts';
import { cellKey } from '../../../src/lib/model/build.ts';
import type { SiteData } from '../../../src/lib/model/types.ts';
import type { Row } from '../../../src/lib/schema/tables.ts';
import { LEDGER_CATEGORIES, LEDGER_DIRECTIONS } from '../../../src/lib/schema/enums.ts';
import { runningLedger, type LedgerLine } from '../../../src/lib/views/compound/fund.ts';
import { formatDate, formatYuan } from '../../../src/lib/views/format.ts';
import { sourceHref } from '../../../src/lib/views/urls.ts';

/** The rows as they were written before escaping was left to the cells that can need it: every cell escaped. */
function everyCellEscaped(
  site: SiteData,
  lines: readonly LedgerLine[],
  sourceNumbers: ReadonlyMap<string, number>,
  oneSource: boolean,
): string {
  const td = (html: string) => `<td>${html}</td>`;
  let html = '';
  for (const l of lines) {
    const e = l.entry;
    let text = escapeText(e.description);
    if (e.late_reason) text += `<span class="muted">(补记:${escapeText(e.late_reason)})</span>`;
    if (e.reverses) {
      const reason = e.reason ? escapeText(`:${e.reason}`) : '';
      text += `<span class="muted">(冲正 <a href="${escapeAttr(`#ledger-${e.reverses}`)}">${escapeText(e.reverses)}</a>${reason})</span>`;
    }
    const approval =
      e.approval !== undefined
        ? escapeText(e.approval)
        : e.direction === '支出' && e.category !== '冲正'
          ? '<span class="alert-inline">未注明表决依据</span>'
          : '';
    const n = sourceNumbers.get(e.source_id);
    const classes = [e.direction === '支出' && 'out', e.category === '冲正' && 'reversal'].filter(Boolean).join(' ');
    const mismatch =
      l.statedMismatch && e.balance !== undefined
        ? `<span class="alert-inline">(账面记为 ${escapeText(formatYuan(e.balance))},与累计不符)</span>`
        : '';
    html +=
      `<tr id="${escapeAttr(`ledger-${e.id}`)}"${classes ? ` class="${classes}"` : ''}>` +
      td(escapeText(formatDate(e.date))) +
      td(escapeText(e.direction)) +
      td(escapeText(e.category)) +
      td(text) +
      td(escapeText(formatYuan(l.signed)) + correctedMarkHtml(site, 'fund_ledger', e.id, 'amount')) +
      td(escapeText(formatYuan(l.balance)) + mismatch) +
      td(approval) +
      (oneSource ? '' : td(n === undefined ? '—' : `<a href="${escapeAttr(sourceHref(n))}">[${n}]</a>`)) +
      '</tr>';
  }
  return html;
}

// Texts with every character HTML escapes, and without.
const TEXTS = ['维修', 'A&B', '<b>屋面</b>', `"引号" 与 '单引号'`, '&amp; 已转义', ''];

/**
 * A deterministic ledger of `n` rows over every direction and category, amounts of every size and
 * sign of balance; ids as the check lets them through (lower-case letters, digits, hyphens).
 */
function ledger(n: number, seed: number): Row<'fund_ledger'>[] {
  let x = seed;
  const next = (k: number) => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x % k;
  };
  return Array.from({ length: n }, (_, i) => {
    const text = (k: number) => TEXTS[next(TEXTS.length + k) % TEXTS.length]!;
    return {
      id: `l-${i}`,
      compound_id: 'demo-x',
      date: `${2000 + next(25)}-${String(1 + next(12)).padStart(2, '0')}-${String(1 + next(28)).padStart(2, '0')}`,
      direction: LEDGER_DIRECTIONS[next(2)]!,
      category: LEDGER_CATEGORIES[next(LEDGER_CATEGORIES.length)]!,
      amount: [1, 99, 100000, 123456789012, next(10 ** 9)][next(5)]!,
      balance: next(4) === 0 ? next(10 ** 8) - 5 * 10 ** 7 : undefined,
      description: text(0) || '摘要',
      approval: next(2) ? text(0) : undefined,
      reverses: next(5) === 0 ? `l-${next(n)}` : undefined,
      reason: next(3) === 0 ? text(1) : undefined,
      source_id: ['s1', 's2', 's-unnumbered'][next(3)]!,
      late_reason: next(6) === 0 ? text(1) : undefined,
    };
  });
}

describe('ledgerRowsHtml', () => {
  it('writes the bytes of every cell escaped, over generated ledgers with corrections', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const lines = runningLedger(ledger(400, seed));
      // Corrections of some rows' amounts (and one of another column, which marks nothing here).
      const correctionsByCell = new Map<string, Row<'corrections'>[]>();
      for (const l of lines.filter((_, i) => i % 17 === 0)) {
        const c = {
          id: `c-${l.entry.id}`,
          table: 'fund_ledger',
          row_id: l.entry.id,
          corrected_on: '2024-01-01',
          old_value: '1&2',
          reason: '录入"错误"',
        } as Row<'corrections'>;
        correctionsByCell.set(cellKey('fund_ledger', l.entry.id, l.entry.id.endsWith('0') ? 'date' : 'amount'), [c]);
      }
      const site = { correctionsByCell } as unknown as SiteData;
      const numbers = new Map([
        ['s1', 1],
        ['s2', 12],
      ]);
      for (const oneSource of [false, true]) {
        const ours = ledgerRowsHtml(site, lines, numbers, oneSource);
        expect(ours).toContain('已更正');
        expect(ours).toBe(everyCellEscaped(site, lines, numbers, oneSource));
      }
    }
  });
});
