/**
 * The "已更正" mark as HTML: CorrectedMark.astro prints it, and so does a table written as a
 * string (html.ts), so the mark reads the same wherever a corrected value appears.
 */
import type { SiteData } from '../../lib/model/types.ts';
import type { Row } from '../../lib/schema/tables.ts';
import { cellCorrection, correctionNote } from '../../lib/views/corrections.ts';
import { correctionHref } from '../../lib/views/urls.ts';
import { escapeAttr } from './html.ts';

/** A space and the link to the correction of any of the columns, or nothing for a value never corrected. */
export function correctedMarkHtml(
  site: SiteData,
  table: Row<'corrections'>['table'],
  rowId: string,
  column: string | readonly string[],
): string {
  const columns = typeof column === 'string' ? [column] : column;
  const correction = columns.map((c) => cellCorrection(site, table, rowId, c)).find((c) => c !== undefined);
  if (!correction) return '';
  return (
    ` <a class="corrected" href="${escapeAttr(correctionHref(correction.id))}"` +
    ` title="${escapeAttr(correctionNote(correction))}" data-correction="${escapeAttr(correction.id)}">已更正</a>`
  );
}
