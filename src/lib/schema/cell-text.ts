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

/** Why a cell's text changed in cleanup, in the words of the report; undefined when nothing of this kind changed. */
export function explainCleanup(before: string): string | undefined {
  const why: string[] = [];
  if (new RegExp(ZERO_WIDTH.source).test(before)) why.push('去掉了看不见的零宽字符');
  if (/\u00A0/.test(before)) why.push('不换行空格(从网页或 Word 复制来的)按普通空格处理');
  if (/\u3000/.test(before)) why.push('全角空格按普通空格处理');
  if (before !== before.trim() || /^[\u00A0\u3000]|[\u00A0\u3000]$/.test(before)) why.push('去掉了首尾空格');
  if (/[\uFF01-\uFF5E]/.test(before)) why.push('全角字母、数字或符号改为半角');
  return why.length ? why.join(';') : undefined;
}
