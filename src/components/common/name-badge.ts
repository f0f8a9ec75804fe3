/**
 * A compound's or firm's name as HTML (NameBadge.astro prints it; a table written as a string
 * uses it directly): a rankings page names a firm or compound on each of thousands of rows, and a
 * component instance per row cost the renderer far more than the text it wrote (html.ts).
 */
import { escapeAttr, escapeText } from './html.ts';

/** The 演示 badge after a fictional compound's or firm's name, as DemoBadge.astro prints it. */
export const DEMO_BADGE_HTML = '<span class="badge badge--demo" title="虚构的演示数据">演示</span>';

/** The name, linked when it has a page, and the 演示 badge when it is fictional. */
export function nameBadgeHtml(name: string, href: string | undefined, demo: boolean | undefined): string {
  const text = escapeText(name);
  return (href ? `<a href="${escapeAttr(href)}">${text}</a>` : text) + (demo ? DEMO_BADGE_HTML : '');
}
