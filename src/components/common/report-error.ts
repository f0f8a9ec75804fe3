/**
 * "报告错误": the publisher's correction channel (data/dataset.json), opened with where the
 * reader is and the data version already written in (views/urls.ts reportErrorHref). A plain
 * link, so it works without JavaScript and the page itself sends nothing anywhere. Written as a
 * string (`set:html`), not a component: a compound page has one per section, a dozen or more, and
 * each component instance cost the renderer far more than the link's bytes (html.ts).
 */
import type { DatasetMeta } from '../../lib/dataset/types.ts';
import { formatDataVersion } from '../../lib/views/format.ts';
import { reportErrorHref } from '../../lib/views/urls.ts';
import { escapeAttr, escapeText } from './html.ts';

export interface ReportError {
  meta: DatasetMeta;
  /** Where, in words (小区名 · 栏目名); also the link's accessible name after 报告错误. */
  where: string;
  /** Absolute URL of the page, with the section's fragment. */
  url: string;
  compound?: string | undefined;
  section?: string | undefined;
  /** Subject, URL and version only: for a section's link when the page's first link asks the questions. */
  brief?: boolean | undefined;
  class?: string | undefined;
}

export function reportErrorHtml({
  meta,
  where,
  url,
  compound,
  section,
  brief,
  class: className = 'report-error',
}: ReportError): string {
  const href = reportErrorHref(meta, { where, url, version: formatDataVersion(meta), compound, section, brief });
  // Not indexed: the same words on every section of every page, which no searcher looks for and
  // which only add to the postings a first query loads.
  return (
    `<a class="${escapeAttr(className)}" href="${escapeAttr(href)}" data-pagefind-ignore>` +
    `报告错误<span class="visually-hidden">:${escapeText(where)}</span></a>`
  );
}
