/**
 * The data downloads' cache keys (src/lib/routes/download-keys.ts) change with every input their
 * files are made from, each changed in turn, and not with rows the file does not hold.
 */
import { describe, expect, it } from 'vitest';
import { districtArchiveKey, tableDownloadKey } from '../../../src/lib/routes/download-keys.ts';
import { buildSiteData } from '../../../src/lib/model/build.ts';
import { type MdxDocs, type Rows } from '../../../src/lib/model/types.ts';
import { TABLE_NAMES, type Row } from '../../../src/lib/schema/tables.ts';
import { contract, entry, term } from '../views/compound/rows.ts';

const meta = { title: 't', as_of: '2026-11-01', licence: 'CC BY 4.0', standard_version: 1 as const, publisher: 'p' };
const docs: MdxDocs = { notices: [], audits: [], policies: [], cases: [] };

function baseRows(): Rows {
  const all = Object.fromEntries(TABLE_NAMES.map((n) => [n, []])) as unknown as Rows;
  const compound = (id: string, district_id: string) =>
    ({ id, name: `${id}小区`, district_id, demo: false, source_id: 's' }) as Row<'compounds'>;
  return {
    ...all,
    sources: [{ id: 's', kind: '新闻报道', title: '报道' }] as Row<'sources'>[],
    districts: [
      { id: 'd1', name: '甲区', city: '上海市', source_id: 's' },
      { id: 'd2', name: '乙区', city: '上海市', source_id: 's' },
    ] as Row<'districts'>[],
    firms: [{ id: 'f1', name: '甲物业', source_id: 's' }] as Row<'firms'>[],
    compounds: [compound('x', 'd1'), compound('y', 'd2')],
    committees: [term({ id: 't1', compound_id: 'x', source_id: 's' })],
    contracts: [contract({ id: 'k1', compound_id: 'x', firm_id: 'f1', source_id: 's' })],
    fund_ledger: [
      entry({ id: 'l1', compound_id: 'x', date: '2020-01-01', direction: '收入', category: '续筹', amount: 100 }),
      entry({ id: 'l2', compound_id: 'y', date: '2020-01-01', direction: '收入', category: '续筹', amount: 100 }),
    ],
  };
}

function site(edit: (rows: Rows) => void = () => {}, m: typeof meta = meta) {
  const rows = baseRows();
  edit(rows);
  return buildSiteData(m, rows, docs);
}

describe('tableDownloadKey', () => {
  const ledger = (s = site(), zipped = true) => tableDownloadKey(s, 'fund_ledger', zipped);

  it('is stable, and differs between tables and between CSV and zip', () => {
    expect(ledger()).toBe(ledger(site()));
    expect(ledger()).toMatch(/^[0-9a-f]{32}$/);
    expect(tableDownloadKey(site(), 'contracts', true)).not.toBe(ledger());
    expect(ledger(site(), false)).not.toBe(ledger());
  });

  it.each<[string, (r: Rows) => void]>([
    ['a cell of a row', (r) => (r.fund_ledger[1]!.amount = 101)],
    [
      'a new row',
      (r) =>
        r.fund_ledger.push(entry({ id: 'l3', date: '2021-01-01', direction: '收入', category: '利息', amount: 1 })),
    ],
    ['a removed row', (r) => r.fund_ledger.pop()],
  ])('changes with %s of its table', (_label, edit) => {
    expect(ledger(site(edit))).not.toBe(ledger());
    expect(ledger(site(edit), false)).not.toBe(ledger(site(), false));
  });

  it('changes with the as-of date only when zipped (the entries carry it)', () => {
    const later = site(undefined, { ...meta, as_of: '2026-12-01' });
    expect(ledger(later)).not.toBe(ledger());
    expect(ledger(later, false)).toBe(ledger(site(), false));
  });

  it("does not change with another table's rows", () => {
    expect(ledger(site((r) => (r.contracts[0]!.end = '2030-01-01')))).toBe(ledger());
  });
});

describe('districtArchiveKey', () => {
  const d1 = (s = site()) => districtArchiveKey(s, 'd1');

  it('is stable', () => {
    expect(d1()).toBe(d1(site()));
  });

  it.each<[string, (r: Rows) => void]>([
    ['the district row', (r) => (r.districts[0]!.name = '甲新区')],
    ['a compound of it', (r) => (r.compounds[0]!.name = '甲小区二期')],
    ["its compound's ledger row", (r) => (r.fund_ledger[0]!.amount = 101)],
    ["its compound's committee", (r) => (r.committees[0]!.term_number = 3)],
    ["its compound's contract", (r) => (r.contracts[0]!.end = '2030-01-01')],
    ['a compound moved into it', (r) => (r.compounds[1]!.district_id = 'd1')],
  ])('changes with %s', (_label, edit) => {
    expect(d1(site(edit))).not.toBe(d1());
  });

  it('changes with the dataset meta', () => {
    expect(d1(site(undefined, { ...meta, licence: 'CC0' }))).not.toBe(d1());
  });

  it("does not change with another district's compounds", () => {
    expect(d1(site((r) => (r.fund_ledger[1]!.amount = 5)))).toBe(d1());
    expect(d1(site((r) => (r.compounds[1]!.name = '丙小区')))).toBe(d1());
  });
});
