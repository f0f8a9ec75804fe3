/**
 * The figure cells of one evaluation row (score, rank of n, and optionally satisfaction), each
 * marked 已更正 when corrected: the same cells on the compound page and every ranking table.
 * One string (common/html.ts): a ranking page has a row per compound of its district.
 */
import type { Evaluation } from '../../lib/schema/evaluations.ts';
import type { SiteData } from '../../lib/model/types.ts';
import { formatDecimal, formatPercent } from '../../lib/views/format.ts';
import { correctedMarkHtml } from '../common/corrected-mark.ts';
import { escapeText } from '../common/html.ts';

export function evaluationFiguresHtml(site: SiteData, e: Evaluation, showSatisfaction = true): string {
  const cell = (text: string, column: string | readonly string[]) =>
    `<td class="num">${escapeText(text)}${correctedMarkHtml(site, 'evaluations', e.id, column)}</td>`;
  return (
    cell(e.score === undefined ? '—' : formatDecimal(e.score), 'score') +
    cell(e.rank === undefined ? '—' : `${e.rank}${e.rank_of ? ` / ${e.rank_of}` : ''}`, ['rank', 'rank_of']) +
    (showSatisfaction ? cell(e.satisfaction === undefined ? '—' : formatPercent(e.satisfaction), 'satisfaction') : '')
  );
}
