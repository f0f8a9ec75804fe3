/**
 * HTML written as a string, for the few tables with hundreds of rows (a compound's fund
 * ledger): each expression and component in an Astro template costs the renderer far more than
 * the text it writes, and such rows were a large part of a compound page's render time. Escaped exactly
 * as Astro escapes an expression's text and an attribute's value, so a page's bytes do not
 * depend on which of the two drew them (tests/unit/components/html.test.ts; the tables that use it
 * were compared with the templates they replaced on a 1,000-compound build: no byte differed).
 */

const TEXT = /[&<>'"]/g;
const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  "'": '&#39;',
  '"': '&quot;',
};

/** Text as Astro prints `{value}` between tags. */
export const escapeText = (s: string): string => s.replace(TEXT, (c) => ENTITIES[c]!);

/** A non-empty value as Astro prints `name={value}` inside a tag (only & and " are escaped; Astro writes an empty one as a bare name). */
export const escapeAttr = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/** ` name="value"` as Astro prints `name={value}` for a string value, the bare name when it is empty. */
export const attribute = (name: string, value: string): string =>
  value === '' ? ` ${name}` : ` ${name}="${escapeAttr(value)}"`;
