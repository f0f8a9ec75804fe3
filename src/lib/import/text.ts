/**
 * Character-level cleanup of what spreadsheets and Chinese input methods leave in
 * cells: zero-width characters, non-breaking and ideographic spaces, full-width
 * digits and ASCII punctuation.
 */

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
const ODD_SPACES = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;

/** Remove invisible characters, turn odd spaces into plain ones, trim the ends. */
export function cleanSpaces(raw: string): string {
  return raw.replace(ZERO_WIDTH, '').replace(ODD_SPACES, ' ').trim();
}

/** Full-width ASCII (U+FF01–FF5E) to half-width; also the ideographic full stop between digits. */
export function toHalfWidth(raw: string): string {
  return raw
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/(\d)。(?=\d)/g, '$1.');
}

/** Excel's rendering of a number too long for a float ("9.13101E+17"): the digits are gone for good. */
export function isScientific(raw: string): boolean {
  return /^[-+]?\d+(?:\.\d+)?[eE][+-]?\d+$/.test(raw);
}

/**
 * In running Chinese text only full-width digits and Latin letters become
 * half-width (GB/T 15835 prefers Arabic numerals in half width); full-width
 * punctuation (,:()) is correct Chinese typography and stays.
 */
export function alnumToHalfWidth(raw: string): string {
  return raw.replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (ch) =>
    String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
}
