/**
 * A page section's frame written as a string (html.ts): its heading and "本栏更新于" line. The
 * compound page frames a dozen sections, and the frame as a component of its own (Section.astro)
 * was one more instance and slot for the renderer each time; Section.astro writes the same bytes
 * with it for the other pages.
 */
import { formatDate } from '../../lib/views/format.ts';
import { attribute, escapeText } from './html.ts';

export interface SectionFrame {
  id: string;
  title: string;
  /** ISO date the section last changed (from views/compound/updated.ts); omitted when unknown. */
  updated?: string | undefined;
  class?: string | undefined;
}

/** As Astro's `class:list` (clsx) joins them. */
const classList = (className: string | undefined) => (className ? `page-section ${className}` : 'page-section');

/** From `<section>` to the "本栏更新于" line; the content and `</section>` follow. */
export function sectionOpenHtml({ id, title, updated, class: className }: SectionFrame): string {
  const dated = updated
    ? `<p class="section-updated" data-pagefind-ignore>本栏更新于 <time${attribute('datetime', updated)}>${escapeText(formatDate(updated))}</time></p>`
    : '';
  return (
    `<section${attribute('id', id)}${attribute('class', classList(className))}${attribute('aria-labelledby', `${id}-h`)}>` +
    `<h2${attribute('id', `${id}-h`)}>${escapeText(title)}</h2>${dated}`
  );
}

/** The statement a section without content shows instead of it. */
export const sectionEmptyHtml = (empty: string) => `<p class="empty">${escapeText(empty)}</p>`;
