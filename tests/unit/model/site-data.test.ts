import { describe, expect, it } from 'vitest';
import { buildSiteData } from '../../../src/lib/model/build.ts';
import { list } from '../../../src/lib/util/group.ts';
import { type Rows } from '../../../src/lib/model/types.ts';
import { TABLE_NAMES, type Row } from '../../../src/lib/schema/tables.ts';
import { entry, term } from '../views/compound/rows.ts';

const meta = { title: 't', as_of: '2026-11-01', licence: 'CC BY 4.0', standard_version: 1 as const, publisher: 'p' };

function rows(partial: Partial<Rows>): Rows {
  const all = Object.fromEntries(TABLE_NAMES.map((n) => [n, []])) as unknown as Rows;
  return { ...all, ...partial };
}

function compound(id: string, name: string, street: string | undefined, demo = false): Row<'compounds'> {
  return {
    id,
    name,
    district_id: 'd1',
    street_id: street,
    demo,
    source_id: 's',
  } as Row<'compounds'>;
}

function honour(id: string, year: number, p: Partial<Row<'honours'>>): Row<'honours'> {
  return {
    id,
    year,
    title: '最美业主',
    awarding_body: 'x',
    recipient_kind: '个人',
    source_id: 's',
    ...p,
  } as Row<'honours'>;
}

const docs = { notices: [], audits: [], policies: [], cases: [] };

describe('buildSiteData', () => {
  const input = rows({
    compounds: [compound('c2', '乙', 'st1'), compound('c1', '甲', 'st1', true), compound('c3', '丙', undefined)],
    committees: [term({ id: 't1', compound_id: 'c1' })],
    honours: [
      honour('h-old', 2020, { compound_id: 'c2' }),
      honour('h-new', 2023, { committee_id: 't1', person_name: '某' }),
    ],
    fund_ledger: [
      entry({ id: 'b', date: '2020-01-01', direction: '收入', category: '利息', amount: 1, compound_id: 'c1' }),
      entry({ id: 'a', date: '2020-01-01', direction: '收入', category: '续筹', amount: 1, compound_id: 'c1' }),
      entry({ id: 'z', date: '2019-01-01', direction: '收入', category: '续筹', amount: 1, compound_id: 'c1' }),
    ],
  });
  const site = buildSiteData(meta, input, docs);

  it('indexes compounds by street and district, with street-less compounds apart', () => {
    expect(list(site.compoundsByStreet, 'st1').map((c) => c.id)).toEqual(['c2', 'c1']);
    expect(list(site.compoundsWithoutStreetByDistrict, 'd1').map((c) => c.id)).toEqual(['c3']);
    expect(list(site.compoundsByDistrict, 'd1')).toHaveLength(3);
    expect(list(site.compoundsByStreet, 'nowhere')).toEqual([]);
    expect(list(site.compoundsByStreet, undefined)).toEqual([]);
  });

  it('attributes an honour given through a committee to its compound, newest first', () => {
    expect(list(site.honoursByCompound, 'c1').map((h) => h.id)).toEqual(['h-new']);
    expect(site.rows.honours.map((h) => h.id)).toEqual(['h-new', 'h-old']);
  });

  it('orders the ledger by date then id whatever the file order', () => {
    expect(list(site.fundLedgerByCompound, 'c1').map((e) => e.id)).toEqual(['z', 'a', 'b']);
  });

  it('notices demo data and gives the same order for shuffled input', () => {
    expect(site.hasDemo).toBe(true);
    const shuffled = buildSiteData(
      meta,
      { ...input, compounds: [...input.compounds].reverse(), fund_ledger: [...input.fund_ledger].reverse() },
      docs,
    );
    expect(shuffled.rows.compounds.map((c) => c.id)).toEqual(site.rows.compounds.map((c) => c.id));
    expect(shuffled.rows.fund_ledger.map((e) => e.id)).toEqual(site.rows.fund_ledger.map((e) => e.id));
  });
});
