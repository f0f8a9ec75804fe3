/**
 * The parent of a new commit read as its header and the tail after the last mark
 * it shares with the new version (marks.ts) gives exactly what a parse without
 * cache gives: rows appended, edited in the middle, the last line edited, the
 * whole table re-saved with CRLF, and a parent rewritten under the cache.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadHistory, type HistoryStats } from '../../../src/lib/history/index.ts';
import { marksOf, sharedPrefix } from '../../../src/lib/history/marks.ts';
import { makeRepo, type TestRepo } from './repo.ts';

const HEADER =
  'id,name,district_id,street_id,neighbourhood,address,year_built,households,floor_area_m2,management_mode,demo,source_id,note';

/** `n` compounds; every 37th has a note quoted over two lines, so some newlines are no record start. */
function rows(n: number, households = (i: number) => 100 + i): string[] {
  return Array.from({ length: n }, (_, i) => {
    const note = i % 37 === 5 ? '"第一行\n第二行,含逗号"' : '';
    return `c-${String(i).padStart(4, '0')},小区${i},d,,,,,${households(i)},,,是,demo,${note}`;
  });
}
const csv = (lines: string[], nl = '\n') => [HEADER, ...lines].join(nl) + nl;

function load(root: string, dir?: string) {
  const stats: HistoryStats = { commits: 0, fromCache: 0, parsed: 0 };
  const h = loadHistory({ root, ...(dir ? { cacheDir: dir } : {}) }, stats);
  expect(h.available).toBe(true);
  return { json: JSON.stringify(h), stats, h };
}

/** A repository whose table was parsed into a cache at its first commit. */
function warmed(): { r: TestRepo; dir: string } {
  const r = makeRepo('gongshi-history-marks-');
  r.write('data/compounds.csv', csv(rows(400)));
  r.commit('首次发布', '2024-01-05T09:00:00+08:00');
  const dir = mkdtempSync(path.join(tmpdir(), 'gongshi-history-marksdir-'));
  load(r.dir, dir);
  expect(readdirSync(path.join(dir, 'gongshi-history')).filter((f) => f.endsWith('.marks'))).toHaveLength(1);
  return { r, dir };
}

const SCENARIOS: [string, (lines: string[]) => string, number][] = [
  ['rows appended', (l) => csv([...l, ...rows(405).slice(400)]), 5],
  ['a row edited in the middle', (l) => csv(l.map((x, i) => (i === 200 ? x.replace(',300,', ',301,') : x))), 1],
  ['the last line edited', (l) => csv(l.map((x, i) => (i === 399 ? x.replace(',499,', ',500,') : x))), 1],
  ['the whole table re-saved with CRLF', (l) => csv(l, '\r\n'), 0],
];

describe('history parse from marks', () => {
  for (const [what, next, changed] of SCENARIOS)
    it(`${what}: the same rows as a parse without cache`, () => {
      const { r, dir } = warmed();
      r.write('data/compounds.csv', next(rows(400)));
      r.commit('再次发布', '2024-02-05T09:00:00+08:00');
      const inc = load(r.dir, dir);
      expect(inc.stats).toEqual({ commits: 2, fromCache: 1, parsed: 1 });
      expect(inc.json).toBe(load(r.dir).json);
      const newest = inc.h.commits.find((c) => c.commit.subject === '再次发布');
      expect(newest?.rows.length ?? 0).toBe(changed);
    });

  it('a parent rewritten under the cache: its marks are not used, the result is a full parse’s', () => {
    const { r, dir } = warmed();
    r.write('data/compounds.csv', csv(rows(400, (i) => (i === 3 ? 7 : 100 + i))));
    r.git(['commit', '-q', '--amend', '-a', '-m', '首次发布(改)'], '2024-01-05T09:00:00+08:00');
    r.write('data/compounds.csv', csv([...rows(400, (i) => (i === 3 ? 7 : 100 + i)), ...rows(401).slice(400)]));
    r.commit('再次发布', '2024-02-05T09:00:00+08:00');
    const inc = load(r.dir, dir);
    expect(inc.stats.fromCache).toBe(0);
    expect(inc.json).toBe(load(r.dir).json);
  });

  it('finds the last shared mark: near the end for a last-line edit, none for a re-save', () => {
    const parent = Buffer.from(csv(rows(400)));
    const marks = marksOf(parent);
    expect(marks.at.length).toBeGreaterThan(50);
    // Every mark is a record start: never inside the quoted two-line notes.
    for (const p of marks.at) expect(parent.subarray(0, p).toString().split('"').length % 2).toBe(1);
    const last = Buffer.from(SCENARIOS[2]![1](rows(400)));
    const shared = sharedPrefix(marks, last);
    expect(shared).toBeGreaterThan(parent.length - 400);
    expect(parent.subarray(0, shared).equals(last.subarray(0, shared))).toBe(true);
    const middle = sharedPrefix(marks, Buffer.from(SCENARIOS[1]![1](rows(400))));
    expect(middle).toBeGreaterThan(parent.length / 3);
    expect(middle).toBeLessThan((parent.length * 2) / 3);
    expect(sharedPrefix(marks, Buffer.from(SCENARIOS[3]![1](rows(400))))).toBe(0);
    expect(sharedPrefix(marks, parent)).toBe(marks.at.at(-1));
  });
});
