/**
 * Fold the disguises a number or an address takes in Chinese Excel files, web
 * copy and deliberate evasion (full-width forms, zero-width characters, every
 * space, dash, dot and slash, `。`/`(at)`/`[at]` in e-mail addresses) so the
 * detectors see plain ASCII with one separator character per kind, while keeping
 * a map back to the original offsets so every finding is located in the text as
 * written.
 */

/** Characters that render as nothing and split a number without anyone seeing it. */
const INVISIBLE = new Set(['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u200e', '\u200f']);

/** One ASCII stand-in per character that is used as a separator or as an e-mail's @ and dot. */
const SINGLE: Record<string, string> = {};
for (const ch of '\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000')
  SINGLE[ch] = ' ';
for (const ch of '\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe58\ufe63\u30fc\u2e3a\u2e3b\u301c\uff5e')
  SINGLE[ch] = '-';
for (const ch of '\u3002\uff61\u00b7\u2022\u2024\u2027\u30fb\uff65\u2219') SINGLE[ch] = '.';
for (const ch of '\u2044\u2215\u29f8') SINGLE[ch] = '/';
SINGLE['\ufe6b'] = '@';

/** Spelled-out forms of @ and the dot in e-mail addresses (after full-width folding; case-insensitive). */
const SPELLED = /^[([{<]\s*(at|dot)\s*[)\]}>]/i;
const OPENERS = new Set(['(', '[', '{', '<']);

/**
 * Exactly the characters fold() changes or drops, one by one: text without any is its own
 * fold unless it spells out (at)/(dot), which spares the privacy guard a copy of every
 * Chinese cell (tests/unit/privacy/detect.test.ts checks the set against fold() over the BMP).
 */
export const FOLD_CHANGES = new RegExp(
  `[\\uff01-\\uff5e${[...INVISIBLE, ...Object.keys(SINGLE)]
    .filter((c) => !(c >= '\uff01' && c <= '\uff5e'))
    .map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .join('')}]`,
);
/** Text that may spell out an @ or a dot: only then is the sequence pass needed. */
const MAY_SPELL = /[([{<（［｛＜]\s*(?:at|dot|ａｔ|ｄｏｔ)/i;

export interface Folded {
  /** The folded text. */
  text: string;
  /** offsets[i] is the offset in the original text of folded character i; one extra entry for the end. */
  offsets: number[];
  /** ends[i] is the offset just after the original character(s) folded into character i. */
  ends: number[];
}

function foldChar(ch: string): string {
  const code = ch.charCodeAt(0);
  // U+FF01..U+FF5E are the full-width forms of ASCII U+0021..U+007E.
  if (code >= 0xff01 && code <= 0xff5e && ch !== '\uff5e') return String.fromCharCode(code - 0xfee0);
  return SINGLE[ch] ?? ch;
}

/** Whether fold() would return the text unchanged (the guard's fast path). */
export function foldIsIdentity(original: string): boolean {
  return !FOLD_CHANGES.test(original) && !MAY_SPELL.test(original);
}

/** What fold()'s one-to-one case tests: the characters it changes (all of them), drops, or reads as a spelled-out @. */
const FOLD_CHANGES_ALL = new RegExp(FOLD_CHANGES.source, 'g');
const INVISIBLE_ANY = new RegExp(`[${[...INVISIBLE].join('')}]`);
const SPELLED_ANYWHERE = /[([{<]\s*(?:at|dot)\s*[)\]}>]/i;

/**
 * fold()'s text when no character is dropped and nothing is spelled out: every character folds
 * to one, so offsets are the identity and one native replace does pass 1 (Chinese ledger text
 * with full-width brackets and commas is the common case at city scale). Undefined otherwise.
 */
export function foldedOneToOne(original: string): string | undefined {
  if (INVISIBLE_ANY.test(original)) return undefined;
  const text = original.replace(FOLD_CHANGES_ALL, foldChar);
  // Looser than pass 2's own test (any length of space): a match only means taking the long way.
  return SPELLED_ANYWHERE.test(text) ? undefined : text;
}

function foldOneToOne(original: string): Folded | undefined {
  const text = foldedOneToOne(original);
  if (text === undefined) return undefined;
  const offsets = new Array<number>(text.length + 1);
  const ends = new Array<number>(text.length);
  for (let i = 0; i < text.length; i++) {
    offsets[i] = i;
    ends[i] = i + 1;
  }
  offsets[text.length] = text.length;
  return { text, offsets, ends };
}

export function fold(original: string): Folded {
  const quick = foldOneToOne(original);
  if (quick) return quick;
  // Pass 1: character by character.
  let chars = '';
  const starts: number[] = [];
  for (let i = 0; i < original.length; i++) {
    const ch = original[i] as string;
    if (INVISIBLE.has(ch)) continue;
    chars += foldChar(ch);
    starts.push(i);
  }
  const endOf = (k: number) => (starts[k] as number) + 1;
  // Pass 2: "(at)", "[dot]" and the like become one character mapped to the whole spelling.
  let text = '';
  const offsets: number[] = [];
  const ends: number[] = [];
  for (let k = 0; k < chars.length; k++) {
    const m = OPENERS.has(chars[k] as string) ? SPELLED.exec(chars.slice(k, k + 9)) : null;
    if (m) {
      text += (m[1] as string).toLowerCase() === 'at' ? '@' : '.';
      offsets.push(starts[k] as number);
      k += m[0].length - 1;
      ends.push(endOf(k));
      continue;
    }
    text += chars[k];
    offsets.push(starts[k] as number);
    ends.push(endOf(k));
  }
  offsets.push(original.length);
  return { text, offsets, ends };
}
