/**
 * idsOf answers from a sorted list when a table's ids stand in ascending order, and from a
 * set otherwise: either way it must say exactly what a set of every typed and rejected id says.
 * hasRepeats (the duplicate-id rule's gate) answers from hashed keys: exactly what a set says.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hasRepeats, idsOf } from '../../../src/lib/validate/rules/util.ts';
import type { ParsedTables } from '../../../src/lib/dataset/types.ts';

function tablesWith(rows: { id: string; rejected: boolean }[]): ParsedTables {
  const table = {
    name: 'compounds',
    file: 'data/compounds.csv',
    header: ['id'],
    rows: rows.flatMap((r, i) => (r.rejected ? [] : [{ data: { id: r.id }, line: i + 2 }])),
    rejected: rows.flatMap((r, i) => (r.rejected ? [{ line: i + 2, raw: { id: r.id } }] : [])),
  };
  return { compounds: table } as unknown as ParsedTables;
}

describe('idsOf', () => {
  it('holds exactly the typed and rejected ids, sorted or not (property)', () => {
    const id = fc.constantFrom('a', 'b', 'c', 'c-1', 'c-10', 'c-2', 'd', '');
    const ordered = fc.boolean();
    fc.assert(
      fc.property(fc.array(fc.record({ id, rejected: fc.boolean() }), { maxLength: 12 }), ordered, (rows, sort) => {
        if (sort) rows.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
        const ids = idsOf(tablesWith(rows), 'compounds');
        // Rejected rows count with a non-blank id; typed rows always have one.
        const expected = new Set<string>(rows.filter((r) => !r.rejected || r.id !== '').map((r) => r.id));
        expect(ids.size).toBe(expected.size);
        for (const probe of ['a', 'b', 'c', 'c-1', 'c-10', 'c-2', 'd', '', 'e', 'b0']) {
          expect(ids.has(probe), probe).toBe(expected.has(probe));
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('hasRepeats', () => {
  const repeats = (ids: string[]) => new Set(ids).size !== ids.length;

  it('says whether an id repeats exactly as a set does, in order or not (property)', () => {
    const id = fc.oneof(
      fc.constantFrom('a', 'b', 'c-1', 'c-10', 'c-2', '收入', 'demo-c00001-2019q1-tingche'),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(id, { maxLength: 40 }), fc.boolean(), (ids, sort) => {
        if (sort) ids.sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
        expect(hasRepeats(ids)).toBe(repeats(ids));
      }),
      { numRuns: 3000 },
    );
  });

  it('finds one repeat among many distinct ids out of order, wherever it stands', () => {
    const ids = Array.from({ length: 50_000 }, (_, i) => `demo-c${String(i % 997).padStart(5, '0')}-${i}`);
    expect(hasRepeats(ids)).toBe(false);
    for (const [from, to] of [
      [0, 49_999],
      [31_337, 2],
      [49_998, 49_999],
    ] as const) {
      const withRepeat = [...ids];
      withRepeat[to] = ids[from] as string;
      expect(hasRepeats(withRepeat)).toBe(true);
    }
  });
});
