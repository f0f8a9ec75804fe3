/**
 * A compound's street as HTML, linked to the street's page (StreetName.astro prints it; tables of
 * a row per compound use it directly, as name-badge.ts says why).
 */
import type { SiteData } from '../../lib/model/types.ts';
import { streetHref } from '../../lib/views/urls.ts';
import { escapeAttr, escapeText } from '../common/html.ts';

/** The street's link, or `fallback` (as text) when the compound names none the data knows. */
export function streetNameHtml(site: SiteData, streetId: string | undefined, fallback = '—'): string {
  const street = streetId ? site.streetById.get(streetId) : undefined;
  return street
    ? `<a href="${escapeAttr(streetHref(street.id))}">${escapeText(street.name)}</a>`
    : escapeText(fallback);
}
