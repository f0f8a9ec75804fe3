/**
 * Numbers however they are grouped: a run of digit groups joined by one kind of
 * separator (space, dash, dot, slash or underscore after fold(); double spaces and
 * " - " count as one separator) is searched window by window, each window starting
 * and ending at a group boundary, most specific kind first. An ID number is found
 * before anything else, so no part of it is ever reported (or allowed) as a
 * mobile or a card number.
 */
import { isLuhnValid, isValidResidentId, looksLikeOldResidentId } from './checksums.ts';
import { isRealDate } from '../../util/dates.ts';

export type NumberKind =
  'privacy-mobile' | 'privacy-id' | 'privacy-id-old' | 'privacy-bank-card' | 'privacy-long-digits';

export interface NumberHit {
  kind: NumberKind;
  start: number;
  end: number;
}

/** Digit groups and the separators between them; a trailing X belongs to the last group (ID check character). */
const RUN_RE = /\d+(?:(?: {0,2}[-./_] {0,2}| {1,3})\d+)*[Xx]?/g;
const GROUP_RE = /\d+[Xx]?/g;

interface Group {
  digits: string;
  start: number;
  end: number;
  /** The separator before this group, reduced to its kind (' ', '-', '.', '/', '_'); '' for the first. */
  sep: string;
}

function groupsOf(run: string, offset: number): Group[] {
  const out: Group[] = [];
  let last = 0;
  for (const m of run.matchAll(GROUP_RE)) {
    const between = run.slice(last, m.index);
    out.push({
      digits: m[0],
      start: offset + m.index,
      end: offset + m.index + m[0].length,
      sep: between.trim() || (between ? ' ' : ''),
    });
    last = m.index + m[0].length;
  }
  return out;
}

const LETTER = /[A-Za-z]/;

/** A plausible birth date: a grouped 18-character run that merely passes mod 11 (1 in 11 do) is not an ID. */
function plausibleId(id: string): boolean {
  const y = Number(id.slice(6, 10));
  return (
    /^[1-8]/.test(id) &&
    y >= 1880 &&
    y <= 2100 &&
    isRealDate(`${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`)
  );
}

function mobileDigits(d: string): boolean {
  const core = d.startsWith('0086') ? d.slice(4) : d.startsWith('86') && d.length === 13 ? d.slice(2) : d;
  return /^1[3-9]\d{9}$/.test(core);
}

/** Card layouts in use: one block, blocks of four (the last 1–4), or 6 + the rest. */
function cardLayout(groups: readonly Group[]): boolean {
  if (groups.length === 1) return true;
  if (groups.length === 2 && groups[0]?.digits.length === 6) return true;
  return groups.every((g, i) =>
    i < groups.length - 1 ? g.digits.length === 4 : g.digits.length >= 1 && g.digits.length <= 4,
  );
}

/** Every number of a kind in `text` (already folded), not overlapping each other. */
export function findNumbers(text: string): NumberHit[] {
  const hits: NumberHit[] = [];
  for (const run of text.matchAll(RUN_RE)) {
    const groups = groupsOf(run[0], run.index);
    if (groups.length === 0) continue;
    const before = (i: number) => text[(groups[i] as Group).start - 1] ?? '';
    const after = (j: number) => text[(groups[j] as Group).end] ?? '';
    const taken: [number, number][] = [];
    const free = (i: number, j: number) => taken.every(([a, b]) => j < a || i > b);
    const windows = function* (): Generator<[number, number, string]> {
      for (let i = 0; i < groups.length; i++) {
        let digits = '';
        for (let j = i; j < groups.length; j++) {
          const g = groups[j] as Group;
          if (j > i && g.sep !== (groups[i + 1] as Group).sep) break; // one separator kind per number
          digits += g.digits;
          if (digits.length > 19) break;
          yield [i, j, digits];
        }
      }
    };
    const pass = (kind: NumberKind, test: (d: string, i: number, j: number) => boolean) => {
      for (const [i, j, d] of windows()) {
        if (!free(i, j) || !test(d, i, j)) continue;
        taken.push([i, j]);
        // "+86 138…": the plus belongs to the number as written.
        const plus = kind === 'privacy-mobile' && d.length > 11 && before(i) === '+' ? 1 : 0;
        hits.push({ kind, start: (groups[i] as Group).start - plus, end: (groups[j] as Group).end });
      }
    };
    // An X may only end an ID; letters glued to a long number make it a code, not a person's number.
    const hasX = (d: string) => /[Xx]/.test(d);
    const boxed = (i: number, j: number) => !LETTER.test(before(i)) && !LETTER.test(after(j));
    pass(
      'privacy-id',
      (d, i, j) => d.length === 18 && isValidResidentId(d) && (i === j || plausibleId(d)) && boxed(i, j),
    );
    pass('privacy-mobile', (d) => !hasX(d) && mobileDigits(d));
    pass('privacy-id-old', (d, i, j) => !hasX(d) && d.length === 15 && looksLikeOldResidentId(d) && boxed(i, j));
    pass(
      'privacy-bank-card',
      (d, i, j) => !hasX(d) && d.length >= 16 && cardLayout(groups.slice(i, j + 1)) && boxed(i, j) && isLuhnValid(d),
    );
    pass(
      'privacy-long-digits',
      (d, i, j) => !hasX(d) && d.length >= 16 && cardLayout(groups.slice(i, j + 1)) && boxed(i, j),
    );
  }
  return hits;
}
