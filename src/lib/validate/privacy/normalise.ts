/**
 * Fold the disguises a number takes in Chinese Excel files and web copy
 * (full-width digits, zero-width characters, non-breaking and ideographic
 * spaces) so the detectors see plain ASCII, while keeping a map back to the
 * original offsets so every finding is located in the text as written.
 */

/** Characters that render as nothing and split a number without anyone seeing it. */
const INVISIBLE = new Set(['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad']);
/** Characters that render as a space. */
const SPACES = new Set(['\u00a0', '\u2007', '\u202f', '\u3000']);
/** Full-width punctuation that appears inside phone numbers, cards and e-mail addresses. */
const PUNCT: Record<string, string> = { '－': '-', '—': '-', '‐': '-', '＋': '+', '＠': '@', '．': '.', '＿': '_' };

/**
 * Exactly the characters fold() changes or drops: text without any is its own fold, which
 * spares the privacy guard a copy of every Chinese cell (tests/unit/privacy/detect.test.ts
 * checks the set against fold() over the whole BMP).
 */
export const FOLD_CHANGES = /[\u00a0\u00ad\u2007\u200b-\u200d\u2010\u2014\u202f\u2060\u3000\ufeff\uff01-\uff5e]/;

export interface Folded {
  /** The folded text. */
  text: string;
  /** offsets[i] is the offset in the original text of folded character i; one extra entry for the end. */
  offsets: number[];
}

export function fold(original: string): Folded {
  let text = '';
  const offsets: number[] = [];
  for (let i = 0; i < original.length; i++) {
    const ch = original[i] as string;
    if (INVISIBLE.has(ch)) continue;
    const code = ch.charCodeAt(0);
    let out = ch;
    // U+FF01..U+FF5E are the full-width forms of ASCII U+0021..U+007E.
    if (code >= 0xff01 && code <= 0xff5e) out = String.fromCharCode(code - 0xfee0);
    else if (SPACES.has(ch)) out = ' ';
    else if (PUNCT[ch] !== undefined) out = PUNCT[ch];
    text += out;
    offsets.push(i);
  }
  offsets.push(original.length);
  return { text, offsets };
}
