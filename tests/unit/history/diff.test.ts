/**
 * The in-process diff (history/diff.ts) reports exactly the records whose text changed, line ends
 * ignored, whichever of its two ways it takes: the byte walk (rows inserted, removed or changed in
 * a few places) or the multiset (a whole-table re-save, a new header).
 */
import { describe, expect, it } from 'vitest';
import { diffVersions } from '../../../src/lib/history/diff.ts';

function diff(before: string | undefined, after: string | undefined) {
  const out: string[] = [];
  diffVersions(
    before === undefined ? undefined : Buffer.from(before),
    after === undefined ? undefined : Buffer.from(after),
    {
      removedRecord: (first, t) => out.push(`-${first ? 'H ' : ''}${t}`),
      addedRecord: (first, t) => out.push(`+${first ? 'H ' : ''}${t}`),
    },
  );
  return out;
}

const HEAD = 'id,compound_id,amount,description\n';
const row = (i: number, amount = '100.00') => `r${i},c${i % 7},${amount},第${i}笔\n`;
const rows = (ids: number[], f = row) => ids.map((i) => f(i)).join('');
const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/** A small deterministic generator: the same cases every run. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

describe('diffVersions', () => {
  it('a new file is all additions, header first; a deleted one all removals', () => {
    expect(diff(undefined, HEAD + row(1))).toEqual([`+H ${HEAD.trim()}`, `+${row(1).trim()}`]);
    expect(diff(HEAD + row(1), undefined)).toEqual([`-H ${HEAD.trim()}`, `-${row(1).trim()}`]);
  });

  it('rows inserted in many places (a quarter appended per compound) are the only change', () => {
    const old = range(3000).filter((i) => i % 10 !== 0);
    expect(diff(HEAD + rows(old), HEAD + rows(range(3000)))).toEqual(
      range(3000)
        .filter((i) => i % 10 === 0)
        .map((i) => `+${row(i).trim()}`),
    );
  });

  it('a row changed in place and rows removed in the middle', () => {
    const now = range(50)
      .filter((i) => i < 20 || i > 24)
      .map((i) => (i === 40 ? row(i, '7.00') : row(i)))
      .join('');
    expect(diff(HEAD + rows(range(50)), HEAD + now)).toEqual([
      ...[20, 21, 22, 23, 24, 40].map((i) => `-${row(i).trim()}`),
      `+${row(40, '7.00').trim()}`,
    ]);
  });

  it('a CRLF re-save, with or without a newline at the end, changes nothing', () => {
    const lf = HEAD + rows(range(1000));
    expect(diff(lf, lf.replaceAll('\n', '\r\n'))).toEqual([]);
    expect(diff(lf, lf.slice(0, -1))).toEqual([]);
    expect(diff(lf.replaceAll('\n', '\r\n'), lf.replaceAll('\n', '\r\n') + row(1001))).toEqual([
      `+${row(1001).trim()}`,
    ]);
  });

  it('a whole-table re-save reports every record whose text changed', () => {
    const old = range(1000);
    const retyped = old.map((i) => row(i, i % 3 === 0 ? '100' : '100.00')).join('');
    expect(diff(HEAD + rows(old), HEAD + retyped.replaceAll('\n', '\r\n'))).toEqual([
      ...old.filter((i) => i % 3 === 0).map((i) => `-${row(i).trim()}`),
      ...old.filter((i) => i % 3 === 0).map((i) => `+${row(i, '100').trim()}`),
    ]);
  });

  it('re-ordered rows: anything reported is a move (the same text on both sides)', () => {
    for (const order of [(a: number[]) => [...a].reverse(), (a: number[]) => a.map((_, k) => a[(k * 7) % a.length]!)]) {
      const old = range(1000);
      const out = diff(HEAD + rows(old), HEAD + rows(order(old)));
      const removed = out.filter((t) => t.startsWith('-')).map((t) => t.slice(1));
      const added = out.filter((t) => t.startsWith('+')).map((t) => t.slice(1));
      expect(removed.sort()).toEqual(added.sort());
    }
  });

  it('a changed header is the first record on both sides', () => {
    expect(diff(HEAD + row(1), `\uFEFF${HEAD}` + row(1))).toEqual([`-H ${HEAD.trim()}`, `+H \uFEFF${HEAD.trim()}`]);
  });

  it('a quoted cell spanning lines is one record, inserted or changed', () => {
    const multi = (i: number, note: string) => `r${i},c1,1.00,"第一行\r\n${note}"\r\n`;
    const old = HEAD + rows(range(20)) + multi(21, '第二行') + rows([22, 23]);
    const inserted =
      HEAD +
      rows(range(10)) +
      multi(30, '""引号""\r\n第三行') +
      rows(range(20).slice(10)) +
      multi(21, '第二行') +
      rows([22, 23]);
    expect(diff(old, inserted)).toEqual(['+r30,c1,1.00,"第一行\n""引号""\n第三行"']);
    const changed = old.replace('第二行', '改过');
    expect(diff(old, changed)).toEqual(['-r21,c1,1.00,"第一行\n第二行"', '+r21,c1,1.00,"第一行\n改过"']);
  });

  it('random inserts, removals and changes: exactly the texts not in the other version, in file order', () => {
    const next = random(16);
    for (let round = 0; round < 40; round++) {
      const old = range(200 + Math.floor(next() * 400));
      let id = 10_000;
      const now: string[] = [];
      for (const i of old) {
        const r = next();
        if (r < 0.05) continue;
        if (r < 0.08) now.push(row(i, '9.99'));
        else now.push(row(i));
        if (next() < 0.1) for (let k = Math.floor(next() * 4); k >= 0; k--) now.push(row(id++));
      }
      const before = old.map((i) => row(i));
      const kept = new Set(now);
      const had = new Set(before);
      expect(diff(HEAD + before.join(''), HEAD + now.join(''))).toEqual([
        ...before.filter((t) => !kept.has(t)).map((t) => `-${t.trim()}`),
        ...now.filter((t) => !had.has(t)).map((t) => `+${t.trim()}`),
      ]);
    }
  });
});
