/**
 * Detectors for personal data of private people in free text: mainland mobile
 * numbers, resident ID numbers, bank card numbers, e-mail addresses, and room
 * numbers next to a person. Pure and synchronous; every finding carries the
 * offsets of the value in the text as written, so callers can locate it. The
 * wording of each finding is in src/lib/validate/catalogue.ts (kinds privacy-*).
 */
import { fold, FOLD_CHANGES } from './normalise.ts';
import { isLuhnValid, isValidResidentId, looksLikeOldResidentId } from './checksums.ts';

export type PrivacyKind =
  | 'privacy-mobile'
  | 'privacy-id'
  | 'privacy-id-old'
  | 'privacy-bank-card'
  | 'privacy-long-digits'
  | 'privacy-email'
  | 'privacy-room';

export interface PrivacyFinding {
  kind: PrivacyKind;
  /** Offset of the first character of the value in the original text. */
  start: number;
  /** Offset just after the value in the original text. */
  end: number;
  /** The value exactly as written (what privacy_allow.csv must quote). */
  value: string;
}

export interface DetectOptions {
  /** Names of people known from the data (committee members, honoured people). */
  personNames?: readonly string[];
  /** The text belongs to a person (e.g. a cell in a row that names someone): any room number counts. */
  aboutPerson?: boolean;
}

/** Keep the first 3 and last 2 visible characters so staff can find it without the log repeating it. */
export function mask(value: string): string {
  const chars = [...value];
  if (chars.length <= 5) return '*'.repeat(chars.length);
  return chars.slice(0, 3).join('') + '*'.repeat(chars.length - 5) + chars.slice(-2).join('');
}

interface Candidate {
  kind: PrivacyKind;
  start: number; // folded offsets
  end: number;
}

const MOBILE_RE = /(?<![\d+])(?:\+?86[ -]?)?1[3-9]\d(?:[ -]?\d){8}(?![\d])/g;
const ID18_RE = /(?<![\dA-Za-z])\d{6}[ -]?\d{8}[ -]?\d{3}[\dXx](?![\dA-Za-z])/g;
const ID15_RE = /(?<![\dA-Za-z])\d{15}(?![\dA-Za-z])/g;
const CARD_RE = /(?<![\d])(?:\d{16,19}|\d{4}(?:[ -]\d{4}){3}(?:[ -]?\d{1,3})?|\d{6}[ -]\d{10,13})(?![\d])/g;
const EMAIL_RE = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
/**
 * Rooms: "3号楼502室", "5幢2单元301", "12栋1203", "502室", "5-2-302", "5-302".
 * A building number alone ("1号楼电梯更新") is not a room and not personal.
 */
const ROOM_RE =
  /(?<![\d-])(?:\d{1,3} ?(?:号楼|号|幢|栋|座) ?(?:\d{1,2} ?单元 ?)?\d{3,4} ?(?:室|号)?|\d{3,4} ?室|\d{1,3}-\d{1,2}-\d{3,4}|\d{1,3}-\d{3,4})(?![\d-])/g;
/** Words and honorifics that say a private person is being talked about. */
const PERSON_HINT_RE =
  /[王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁沈姚卢姜崔钟谭陆汪范金廖贾夏韦方邹孟熊秦邱尹薛闫段雷侯史陶黎贺顾毛郝龚邵钱严武戴莫孔汤][\p{Script=Han}]{0,2}(?:先生|女士|阿姨|大爷|大妈|老伯|伯伯|师傅|奶奶|爷爷|阿婆|老师|家)|业主|居民|住户|租户|独居|老人/u;
const NEAR = 20;

function digitsOf(s: string): string {
  return s.replace(/[^\dXx]/g, '');
}

function collect(text: string): Candidate[] {
  const out: Candidate[] = [];
  const taken: [number, number][] = [];
  const free = (s: number, e: number) => taken.every(([a, b]) => e <= a || s >= b);
  const add = (kind: PrivacyKind, s: number, e: number) => {
    if (!free(s, e)) return;
    taken.push([s, e]);
    out.push({ kind, start: s, end: e });
  };
  // Cheap exact gates before the regexes (most cells are short ids, dates and words):
  // a phone has 11 digits, an ID 15 or 18, a card 16+; an e-mail needs an @.
  let digits = 0;
  for (let i = 0; i < text.length && digits < 11; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
  }
  if (digits >= 11) collectNumbers(text, add);
  if (text.includes('@')) for (const m of text.matchAll(EMAIL_RE)) add('privacy-email', m.index, m.index + m[0].length);
  return out;
}

function collectNumbers(text: string, add: (kind: PrivacyKind, s: number, e: number) => void): void {
  // Most specific first: a valid ID is not also reported as a card or a long digit string.
  for (const m of text.matchAll(ID18_RE)) {
    if (isValidResidentId(digitsOf(m[0]))) add('privacy-id', m.index, m.index + m[0].length);
  }
  for (const m of text.matchAll(MOBILE_RE)) add('privacy-mobile', m.index, m.index + m[0].length);
  for (const m of text.matchAll(CARD_RE)) {
    const digits = digitsOf(m[0]);
    add(isLuhnValid(digits) ? 'privacy-bank-card' : 'privacy-long-digits', m.index, m.index + m[0].length);
  }
  for (const m of text.matchAll(ID15_RE)) {
    if (looksLikeOldResidentId(m[0])) add('privacy-id-old', m.index, m.index + m[0].length);
  }
}

function personNear(text: string, start: number, end: number, opts: DetectOptions): boolean {
  if (opts.aboutPerson) return true;
  // Stay on the same line: a person two paragraphs away is not "next to" the room.
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const nl = text.indexOf('\n', end);
  const lineEnd = nl < 0 ? text.length : nl;
  const window = text.slice(Math.max(lineStart, start - NEAR), Math.min(lineEnd, end + NEAR));
  if (PERSON_HINT_RE.test(window)) return true;
  return (opts.personNames ?? []).some((n) => n.length >= 2 && window.includes(n));
}

/**
 * Fast paths for the millions of cells a city-scale check scans (scripts/bench.ts
 * profile: this guard was half of a 15,000-compound check). Both are exact: every
 * pattern needs a digit or an @ (full-width forms fold to those), and fold() leaves
 * printable ASCII unchanged.
 */
const MAY_HOLD_PERSONAL_DATA = /[0-9\uff10-\uff19@\uff20]/;
const FOLD_IS_IDENTITY = /^[\t\n\r\x20-\x7e]*$/;

/** Every piece of personal data in `original`, in order of position. */
export function findPersonalData(original: string, opts: DetectOptions = {}): PrivacyFinding[] {
  if (!MAY_HOLD_PERSONAL_DATA.test(original)) return [];
  const folded = FOLD_IS_IDENTITY.test(original) || !FOLD_CHANGES.test(original) ? undefined : fold(original);
  const text = folded ? folded.text : original;
  const offsets = folded?.offsets;
  const found: Candidate[] = collect(text);
  for (const m of text.matchAll(ROOM_RE)) {
    const s = m.index;
    const e = s + m[0].length;
    if (found.some((c) => !(e <= c.start || s >= c.end))) continue;
    if (personNear(text, s, e, opts)) found.push({ kind: 'privacy-room', start: s, end: e });
  }
  found.sort((a, b) => a.start - b.start || a.end - b.end);
  return found.map((c) => {
    const start = offsets ? (offsets[c.start] as number) : c.start;
    const end = offsets ? (offsets[c.end - 1] as number) + 1 : c.end;
    return { kind: c.kind, start, end, value: original.slice(start, end) };
  });
}
