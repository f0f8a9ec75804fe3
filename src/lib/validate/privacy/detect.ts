/**
 * Detectors for personal data of private people in free text: mainland mobile
 * numbers, resident ID numbers, bank card numbers, e-mail addresses and room
 * addresses, found after fold() (normalise.ts) and however the digits are grouped
 * (numbers.ts). Pure and synchronous; every finding carries the
 * offsets of the value in the text as written, so callers can locate it. The
 * wording of each finding is in src/lib/messages/catalogue.ts (kinds privacy-*).
 */
import { fold, foldedOneToOne, foldIsIdentity } from './normalise.ts';
import { findNumbers } from './numbers.ts';

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

const EMAIL_RE = /[A-Za-z0-9._%+-]+ ?@ ?[A-Za-z0-9-]+(?: ?\. ?[A-Za-z0-9-]+)*(?: ?\. ?)[A-Za-z]{2,}/g;
/**
 * Room addresses, refused wherever they stand: "3号楼2单元501室", "5幢301", "B座1203",
 * "2单元501", "502室". A building alone ("1号楼电梯更新") names no household.
 */
const ROOM_RE =
  /(?<![\dA-Za-z-])(?:(?:\d{1,3}|[A-Za-z]) {0,2}(?:号楼|号|幢|栋|座) {0,2}(?:\d{1,2} {0,2}单元 {0,2})?\d{3,4}(?: {0,2}(?:室|号))?|\d{1,2} {0,2}单元 {0,2}\d{3,4}(?: {0,2}室)?|\d{3,4} {0,2}室(?![内外温]))(?![\d-])/g;
/** "5-2-302", "5-302": a room only next to a person (the same shape is a range, "50-100 元"). */
const DASH_ROOM_RE = /(?<![\d-])(?:\d{1,3}-\d{1,2}-\d{3,4}|\d{1,3}-\d{3,4})(?![\d-])/g;
/** Words and honorifics that say a private person is being talked about. */
const PERSON_HINT_RE =
  /[王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁沈姚卢姜崔钟谭陆汪范金廖贾夏韦方邹孟熊秦邱尹薛闫段雷侯史陶黎贺顾毛郝龚邵钱严武戴莫孔汤][\p{Script=Han}]{0,2}(?:先生|女士|阿姨|大爷|大妈|老伯|伯伯|师傅|奶奶|爷爷|阿婆|老师|家)|业主|居民|住户|租户|独居|老人|委员/u;
const NEAR = 20;
/** A character every ROOM_RE match holds (号, 幢, 栋, 座, 单元, 室): without one, the search is skipped. */
const ROOM_WORD = /[号幢栋座单室]/;

/** Every match of a global pattern, without the copy of the pattern matchAll makes for each of a city's millions of cells. */
function eachMatch(re: RegExp, text: string, visit: (start: number, end: number) => void): void {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0] === '') re.lastIndex++;
    visit(m.index, m.index + m[0].length);
  }
}

function collect(text: string): Candidate[] {
  const out: Candidate[] = [];
  // Cheap exact gate before the number search (most cells are short ids, dates and words):
  // a phone has 11 digits, an ID 15 or 18, a card 16+.
  let digits = 0;
  for (let i = 0; i < text.length && digits < 11; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
  }
  if (digits >= 11) out.push(...findNumbers(text));
  if (text.includes('@')) {
    for (const m of text.matchAll(EMAIL_RE)) {
      const s = m.index;
      const e = s + m[0].length;
      if (out.every((c) => e <= c.start || s >= c.end)) out.push({ kind: 'privacy-email', start: s, end: e });
    }
  }
  return out;
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
 * Fast path for the millions of cells a city-scale check scans (scripts/bench.ts
 * profile: this guard was half of a 15,000-compound check). Exact: every pattern
 * needs a digit, an @ or a spelled-out (at) (full-width forms fold to those).
 */
const MAY_HOLD_PERSONAL_DATA = /[0-9\uff10-\uff19@\uff20\ufe6b]|[([{<\uff08\uff3b\uff5b\uff1c]\s*(?:at|\uff41\uff54)/i;

/** Every piece of personal data in `original`, in order of position. */
export function findPersonalData(original: string, opts: DetectOptions = {}): PrivacyFinding[] {
  if (!MAY_HOLD_PERSONAL_DATA.test(original)) return [];
  // Folded one to one (the common case), offsets are the identity and need no map.
  const same = foldIsIdentity(original) ? original : foldedOneToOne(original);
  const folded = same === undefined ? fold(original) : undefined;
  const text = folded ? folded.text : (same as string);
  const found: Candidate[] = collect(text);
  const room = (s: number, e: number, near: boolean) => {
    if (found.some((c) => !(e <= c.start || s >= c.end))) return;
    if (!near || personNear(text, s, e, opts)) found.push({ kind: 'privacy-room', start: s, end: e });
  };
  if (ROOM_WORD.test(text)) eachMatch(ROOM_RE, text, (s, e) => room(s, e, false));
  if (text.includes('-')) eachMatch(DASH_ROOM_RE, text, (s, e) => room(s, e, true));
  found.sort((a, b) => a.start - b.start || a.end - b.end);
  return found.map((c) => {
    const start = folded ? (folded.offsets[c.start] as number) : c.start;
    const end = folded ? (folded.ends[c.end - 1] as number) : c.end;
    return { kind: c.kind, start, end, value: original.slice(start, end) };
  });
}
