import { describe, expect, it } from 'vitest';
import {
  buildCompoundIndex,
  COMPOUND_TABLES,
  compoundRowsOf,
  compoundTableInputs,
  rowsOfCompound,
  rowsOfTableByCompound,
} from '../../../src/lib/model/relations.ts';
import type { TableRows } from '../../../src/lib/model/types.ts';

// Only the columns the index reads; the rest of each row does not matter to it.
const tables = {
  compounds: [{ id: 'a-yuan' }, { id: 'b-yuan' }],
  committees: [
    { id: 'a-ywh', compound_id: 'a-yuan' },
    { id: 'b-ywh', compound_id: 'b-yuan' },
  ],
  committee_members: [{ id: 'm1', committee_id: 'b-ywh' }],
  fund_ledger: [
    { id: 'a-1', compound_id: 'a-yuan' },
    { id: 'b-1', compound_id: 'b-yuan' },
  ],
  // Given to a's compound and to b's committee: it concerns both.
  honours: [{ id: 'h1', compound_id: 'a-yuan', committee_id: 'b-ywh' }],
  corrections: [
    { id: 'k2', table: 'honours', row_id: 'h1' },
    { id: 'k1', table: 'fund_ledger', row_id: 'b-1' },
    { id: 'k3', table: 'fund_ledger', row_id: 'gone' },
  ],
} as unknown as TableRows;

describe('compound index', () => {
  const index = buildCompoundIndex(tables);

  it('says which compounds a row concerns, through committees and corrected rows', () => {
    expect(index.of('compounds', 'a-yuan')).toEqual(['a-yuan']);
    expect(index.of('committee_members', 'm1')).toEqual(['b-yuan']);
    expect(index.of('fund_ledger', 'b-1')).toEqual(['b-yuan']);
    expect(index.of('honours', 'h1')).toEqual(['a-yuan', 'b-yuan']);
    expect(index.of('corrections', 'k2')).toEqual(['a-yuan', 'b-yuan']);
    expect(index.of('corrections', 'k1')).toEqual(['b-yuan']);
  });

  it('knows nothing of rows it was not given, nor of tables without rows', () => {
    expect(index.of('corrections', 'k3')).toEqual([]);
    expect(index.of('fund_ledger', 'nope')).toEqual([]);
    expect(index.of('contracts', 'a-1')).toEqual([]);
  });

  it('gives a compound one table’s rows in table order, as the per-compound sections do', () => {
    expect(compoundRowsOf(tables, index, 'b-yuan', 'corrections').map((r) => r.id)).toEqual(['k2', 'k1']);
    expect(compoundRowsOf(tables, index, 'a-yuan', 'corrections').map((r) => r.id)).toEqual(['k2']);
    expect(compoundRowsOf(tables, index, 'c-yuan', 'corrections')).toEqual([]);
    const sections = rowsOfCompound(tables, index, 'b-yuan');
    expect(sections.find((s) => s.table === 'corrections')?.rows).toEqual(
      compoundRowsOf(tables, index, 'b-yuan', 'corrections'),
    );
    expect(sections.map((s) => s.table)).toEqual([
      'compounds',
      'committees',
      'committee_members',
      'fund_ledger',
      'honours',
      'corrections',
    ]);
  });

  it('hands out lists a caller may sort without changing the index', () => {
    compoundRowsOf(tables, index, 'b-yuan', 'corrections').reverse();
    expect(compoundRowsOf(tables, index, 'b-yuan', 'corrections').map((r) => r.id)).toEqual(['k2', 'k1']);
  });
});

describe("one table's rows by compound", () => {
  const index = buildCompoundIndex(tables);

  it('gives every compound the rows rowsOfCompound gives it, table by table', () => {
    for (const table of COMPOUND_TABLES) {
      const byCompound = rowsOfTableByCompound(tables, index, table);
      for (const c of ['a-yuan', 'b-yuan', 'c-yuan'])
        expect(byCompound.get(c) ?? []).toEqual(
          rowsOfCompound(tables, index, c).find((s) => s.table === table)?.rows ?? [],
        );
      expect([...byCompound.values()].every((rows) => rows.length > 0)).toBe(true);
    }
  });

  it('depends on no table but those compoundTableInputs names: the others emptied, the rows by compound stay', () => {
    for (const table of COMPOUND_TABLES) {
      const inputs = compoundTableInputs(table);
      expect(inputs).toContain(table);
      const only = Object.fromEntries(inputs.map((t) => [t, tables[t]])) as unknown as TableRows;
      expect(rowsOfTableByCompound(only, buildCompoundIndex(only), table)).toEqual(
        rowsOfTableByCompound(tables, index, table),
      );
    }
    // The committees decide whose members and honours they are; every compound table, whose corrections.
    const withoutCommittees = { ...tables, committees: [] } as unknown as TableRows;
    for (const table of ['committee_members', 'honours', 'corrections'] as const)
      expect(rowsOfTableByCompound(withoutCommittees, buildCompoundIndex(withoutCommittees), table)).not.toEqual(
        rowsOfTableByCompound(tables, index, table),
      );
  });
});

// Every kind of row the index follows: own compound_id, a committee's members and honours, a row
// of two compounds, corrections of rows of either, a correction of a correction (of an earlier
// one only, as the corrections are read in order), corrections of unknown rows and tables.
const city = {
  compounds: [{ id: 'a-yuan' }, { id: 'b-yuan' }, { id: 'c-yuan' }],
  committees: [
    { id: 'a-ywh', compound_id: 'a-yuan' },
    { id: 'b-ywh', compound_id: 'b-yuan' },
    { id: 'c-ywh', compound_id: 'c-yuan' },
  ],
  committee_members: [
    { id: 'm1', committee_id: 'b-ywh' },
    { id: 'm2', committee_id: 'c-ywh' },
    { id: 'm3', committee_id: 'gone' },
  ],
  contracts: [{ id: 'k-a', compound_id: 'a-yuan' }],
  fund_ledger: [
    { id: 'a-1', compound_id: 'a-yuan' },
    { id: 'c-1', compound_id: 'c-yuan' },
    { id: 'b-1', compound_id: 'b-yuan' },
  ],
  evaluations: [{ id: 'e1', compound_id: 'c-yuan' }],
  honours: [
    { id: 'h1', compound_id: 'a-yuan', committee_id: 'c-ywh' },
    { id: 'h2', committee_id: 'b-ywh' },
  ],
  corrections: [
    { id: 'x1', table: 'fund_ledger', row_id: 'c-1' },
    { id: 'x2', table: 'honours', row_id: 'h1' },
    { id: 'x3', table: 'corrections', row_id: 'x2' },
    { id: 'x4', table: 'corrections', row_id: 'x5' },
    { id: 'x5', table: 'committee_members', row_id: 'm1' },
    { id: 'x6', table: 'firms', row_id: 'f1' },
  ],
} as unknown as TableRows;
const ids = ['a-yuan', 'b-yuan', 'c-yuan', 'd-yuan'];
const everyRow = Object.entries(city).flatMap(([table, rows]) =>
  (rows as readonly { id: string }[]).map((r) => [table, r.id] as const),
);

describe('compound index, each table mapped when first asked for', () => {
  it('answers the same whichever table is asked first', () => {
    const inOrder = buildCompoundIndex(city);
    const answers = everyRow.map(([t, id]) => inOrder.of(t, id));
    const correctionsFirst = buildCompoundIndex(city);
    expect(correctionsFirst.of('corrections', 'x3')).toEqual(['a-yuan', 'c-yuan']);
    expect(correctionsFirst.of('corrections', 'x4')).toEqual([]);
    expect([...everyRow].reverse().map(([t, id]) => correctionsFirst.of(t, id))).toEqual(answers.reverse());
    expect([...correctionsFirst.entries()]).toEqual([...buildCompoundIndex(city).entries()]);
  });

  it('lists its entries table by table in one order, however it was asked', () => {
    const index = buildCompoundIndex(city);
    index.of('corrections', 'x1');
    expect([...new Set([...index.entries()].map(([t]) => t))]).toEqual([
      'compounds',
      'committees',
      'committee_members',
      'contracts',
      'fund_ledger',
      'evaluations',
      'honours',
      'corrections',
    ]);
  });
});

describe('a row’s compounds for a pass over its table', () => {
  for (const keep of [undefined, ['a-yuan'], ['b-yuan', 'c-yuan'], []]) {
    it(`answers from the row what its table's map answers (${keep ? keep.join(', ') || 'none' : 'every compound'})`, () => {
      const index = buildCompoundIndex(city, keep && new Set(keep));
      for (const table of COMPOUND_TABLES) {
        const owner = index.ownersOf(table);
        const rows = (city[table] ?? []) as readonly { id: string }[];
        expect(rows.map((r) => owner?.(r))).toEqual(rows.map((r) => index.table(table)?.get(r.id)));
      }
      expect(index.ownersOf('firms')).toBeUndefined();
    });
  }
});

describe('compound index of some compounds (a shard’s district archive)', () => {
  const full = buildCompoundIndex(city);
  for (const keep of [['a-yuan'], ['b-yuan', 'c-yuan'], ['c-yuan', 'd-yuan'], []]) {
    it(`keeps ${keep.join(', ') || 'none'}: the full answers without the others, in the same order`, () => {
      const index = buildCompoundIndex(city, new Set(keep));
      for (const [t, id] of everyRow) expect(index.of(t, id)).toEqual(full.of(t, id).filter((c) => keep.includes(c)));
    });

    it(`keeps ${keep.join(', ') || 'none'}: every kept compound gets all its rows, the others none`, () => {
      const index = buildCompoundIndex(city, new Set(keep));
      for (const id of ids)
        expect(rowsOfCompound(city, index, id)).toEqual(keep.includes(id) ? rowsOfCompound(city, full, id) : []);
    });
  }
});

describe('rows by compound without the maps: the same rows as through them', () => {
  // A pass over a table reads each row's compounds from the row; the maps answer by id. Both must agree.
  for (const keep of [undefined, ['a-yuan'], ['b-yuan', 'c-yuan'], []]) {
    it(`agrees for ${keep ? keep.join(', ') || 'no compound' : 'the whole city'}, whichever was asked first`, () => {
      const kept = keep && new Set(keep);
      const mapped = buildCompoundIndex(city, kept);
      const answers = [...mapped.entries()];
      const fresh = buildCompoundIndex(city, kept);
      for (const table of [...COMPOUND_TABLES].reverse())
        expect(rowsOfTableByCompound(city, fresh, table)).toEqual(rowsOfTableByCompound(city, mapped, table));
      // The corrections found their corrected rows without the tables mapped whole: same answers.
      expect([...fresh.entries()]).toEqual(answers);
      for (const [t, id] of everyRow) expect(buildCompoundIndex(city, kept).of(t, id)).toEqual(mapped.of(t, id));
    });
  }

  it('gives each row the compounds the maps give its id', () => {
    const index = buildCompoundIndex(city);
    for (const table of COMPOUND_TABLES) {
      const byCompound = rowsOfTableByCompound(city, buildCompoundIndex(city), table);
      for (const r of (city[table] ?? []) as readonly { id: string }[]) {
        const where = [...byCompound].filter(([, rows]) => rows.includes(r)).map(([c]) => c);
        expect(where.sort()).toEqual([...index.of(table, r.id)].sort());
      }
    }
  });
});
