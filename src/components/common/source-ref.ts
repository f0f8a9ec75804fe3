/**
 * An inline citation "来源 [n]" pointing at the page's source list, as HTML (`set:html`, on the
 * cell or paragraph that holds it where it is alone there). Numbers keep a table cell short on a
 * phone; the list at the foot gives each source's title, publisher, date and document number for
 * whoever wants to check it. A string, not a component: a compound page cites its sources a dozen
 * times or more, and each component instance cost the renderer far more than the bytes it wrote
 * (html.ts).
 */
import { sourceHref } from '../../lib/views/urls.ts';
import { escapeAttr } from './html.ts';

/** `ids` in any order (duplicates dropped); `numbers` is the page's numbering (numberSources). Nothing when none is numbered. */
export function sourceRefHtml(ids: readonly (string | undefined)[], numbers: ReadonlyMap<string, number>): string {
  const nums = [...new Set(ids.flatMap((id) => (id && numbers.has(id) ? [numbers.get(id)!] : [])))].sort(
    (a, b) => a - b,
  );
  if (nums.length === 0) return '';
  let html = '<span class="source-ref" data-pagefind-ignore>来源';
  for (const n of nums) html += `<a href="${escapeAttr(sourceHref(n))}" aria-label="来源 ${n}">[${n}]</a>`;
  return `${html}</span>`;
}
