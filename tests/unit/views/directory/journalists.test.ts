/**
 * The journalists' lists and the index pages' grouping, over a small made-up site: the fund
 * list applies the compound page's own 30% rule and sorts by the exact ratio; fee spreads,
 * correction lookup, CSVs, real-before-demo ordering and where firms are placed.
 */
import { describe, expect, it } from 'vitest';
import { buildSiteData } from '../../../../src/lib/model/build.ts';
import type { Rows } from '../../../../src/lib/model/types.ts';
import { TABLE_NAMES, type Row } from '../../../../src/lib/schema/tables.ts';
import { fundSummary } from '../../../../src/lib/views/compound/fund.ts';
import { fundWarnings } from '../../../../src/lib/views/directory/fund-warning.ts';
import { feeSpreads, siteFees } from '../../../../src/lib/views/directory/fees.ts';
import { cellCorrection } from '../../../../src/lib/views/corrections.ts';
import {
  compoundsByStreetOf,
  demoLast,
  districtHoldings,
  districtsRealFirst,
  firmsByDistrict,
  firmsByStreetOf,
  holdingsText,
} from '../../../../src/lib/views/directory/indexes.ts';
import { feeComparisonCsv, fundWarningCsv } from '../../../../src/lib/opendata/lists.ts';
import { list } from '../../../../src/lib/util/group.ts';
import { contract, entry, fee } from '../compound/rows.ts';

const meta = { title: 't', as_of: '2026-11-01', licence: 'CC BY 4.0', standard_version: 1 as const, publisher: 'p' };
const docs = { notices: [], audits: [], policies: [], cases: [] };

function rows(partial: Partial<Rows>): Rows {
  const all = Object.fromEntries(TABLE_NAMES.map((n) => [n, []])) as unknown as Rows;
  return { ...all, ...partial };
}
const compound = (id: string, name: string, district: string, street: string | undefined, demo = false) =>
  ({ id, name, district_id: district, street_id: street, demo, source_id: demo ? 'demo' : 's' }) as Row<'compounds'>;
const sources = [
  { id: 's', kind: '新闻报道', title: '报道', publisher: '报社' },
  { id: 'demo', kind: '演示数据', title: '演示', publisher: 'gongshi' },
] as Row<'sources'>[];
const districts = [
  { id: 'demo-d', name: '演示区', city: '演示市', source_id: 'demo' },
  { id: 'real', name: '黄浦区', city: '上海市', source_id: 's' },
  { id: 'empty', name: '莲湖区', city: '西安市', source_id: 's' },
] as Row<'districts'>[];
const streets = [
  { id: 'st1', district_id: 'real', name: '打浦桥街道', kind: '街道', source_id: 's' },
  { id: 'st2', district_id: 'real', name: '五里桥街道', kind: '街道', source_id: 's' },
  { id: 'dst', district_id: 'demo-d', name: '清河街道', kind: '街道', source_id: 'demo' },
] as Row<'streets'>[];

/** A ledger with a first deposit of `first` fen and one repair leaving `balance`. */
function ledger(compoundId: string, first: number, balance: number): Row<'fund_ledger'>[] {
  return [
    entry({
      id: `${compoundId}-1`,
      compound_id: compoundId,
      date: '2020-01-01',
      direction: '收入',
      category: '首期归集',
      amount: first,
    }),
    entry({
      id: `${compoundId}-2`,
      compound_id: compoundId,
      date: '2024-05-01',
      direction: '支出',
      category: '电梯',
      amount: first - balance,
      approval: '业主大会决议',
    }),
  ];
}

const site = buildSiteData(
  meta,
  rows({
    sources,
    districts,
    streets,
    compounds: [
      compound('a', '甲苑', 'real', 'st1'),
      compound('b', '乙苑', 'real', 'st1'),
      compound('c', '丙苑', 'real', undefined),
      compound('d', '丁苑', 'real', 'st2'),
      compound('x', '演示苑', 'demo-d', 'dst', true),
      compound('y', '另一演示苑', 'real', 'st1', true),
    ],
    // a: 20%, b: 50% (fine), c: 12.3412% and d: 12.3438% (both print 12.34%), x: exactly 30% (not below).
    fund_ledger: [
      ...ledger('a', 1_000_000, 200_000),
      ...ledger('b', 1_000_000, 500_000),
      ...ledger('c', 10_000_000, 1_234_120),
      ...ledger('d', 10_000_000, 1_234_380),
      ...ledger('x', 1_000_000, 300_000),
    ],
    firms: [
      { id: 'f1', name: '甲物业', demo: false, source_id: 's' },
      { id: 'f2', name: '乙物业', demo: false, source_id: 's' },
      { id: 'f3', name: '丙物业', demo: false, source_id: 's' },
    ] as Row<'firms'>[],
    contracts: [
      contract({ id: 'k1', compound_id: 'a', firm_id: 'f1' }),
      contract({ id: 'k2', compound_id: 'b', firm_id: 'f1' }),
      contract({ id: 'k3', compound_id: 'd', firm_id: 'f2' }),
    ],
    honours: [
      {
        id: 'h1',
        year: 2024,
        title: '红色物业',
        awarding_body: 'x',
        recipient_kind: '物业企业',
        firm_id: 'f3',
        street_id: 'st2',
        source_id: 's',
      },
    ] as Row<'honours'>[],
    fee_standards: [
      fee({ id: 'fa', compound_id: 'a', rate: 100, effective_from: '2020-01-01' }),
      fee({ id: 'fb', compound_id: 'b', rate: 131, effective_from: '2020-01-01' }),
      fee({ id: 'fd', compound_id: 'd', rate: 90, effective_from: '2020-01-01' }),
      fee({ id: 'fx', compound_id: 'x', rate: 300, effective_from: '2020-01-01' }),
    ],
    fee_collection: [
      { id: 'ca', compound_id: 'a', year: 2025, billed: 10_000, collected: 9_000, source_id: 's' },
      { id: 'cb', compound_id: 'b', year: 2025, billed: 30_000, collected: 15_000, source_id: 's' },
    ] as Row<'fee_collection'>[],
    corrections: [
      {
        id: 'k-old',
        table: 'fee_standards',
        row_id: 'fb',
        column: 'rate',
        old_value: '1.13',
        new_value: '1.30',
        corrected_on: '2024-01-01',
        reason: '第一次',
        source_id: 's',
      },
      {
        id: 'k-new',
        table: 'fee_standards',
        row_id: 'fb',
        column: 'rate',
        old_value: '1.30',
        new_value: '1.31',
        corrected_on: '2025-01-01',
        reason: '第二次',
        source_id: 's',
      },
    ] as Row<'corrections'>[],
  }),
  docs,
);

describe('compounds whose maintenance fund is below the warning line', () => {
  const { rows: warned, checked } = fundWarnings(site);

  it('lists exactly the compounds the compound page warns about, lowest exact ratio first', () => {
    const expected = site.rows.compounds
      .filter((c) => list(site.fundLedgerByCompound, c.id).length > 0)
      .filter((c) => fundSummary(list(site.fundLedgerByCompound, c.id)).belowThreshold)
      .map((c) => c.id)
      .sort();
    expect(warned.map((r) => r.compound.id).sort()).toEqual(expected);
    // c and d both round to 12.34%: the exact ratio puts c first.
    expect(warned.map((r) => r.compound.id)).toEqual(['c', 'd', 'a']);
    expect(warned.map((r) => r.ratioBp)).toEqual([1234, 1234, 2000]);
    expect(checked).toBe(5);
  });

  it('carries balance, first deposit and the line from the ledger', () => {
    const a = warned.find((r) => r.compound.id === 'a')!;
    expect(a).toMatchObject({ balance: 200_000, firstDeposit: 1_000_000, threshold: 300_000, lastDate: '2024-05-01' });
  });

  it('is made once per site, and neither its page nor its CSV changes it', () => {
    const before = structuredClone(fundWarnings(site));
    expect(fundWarnings(site)).toBe(fundWarnings(site));
    fundWarningCsv(site, demoLast(fundWarnings(site).rows.map((r) => ({ ...r, demo: r.compound.demo }))));
    expect(fundWarnings(site)).toEqual(before);
    // Another site (a dev server's reload) gets its own, not this one's.
    const again = buildSiteData(site.meta, site.rows, docs);
    expect(fundWarnings(again)).not.toBe(fundWarnings(site));
    expect(fundWarnings(again)).toEqual(before);
  });

  it('exactly 30% is not below the line', () => {
    expect(warned.some((r) => r.compound.id === 'x')).toBe(false);
  });

  it('its CSV has the BOM, Chinese headers, yuan and the ratio as a percentage', () => {
    const csv = fundWarningCsv(site, warned);
    expect(csv.startsWith('\uFEFF小区编号,小区,区,街道,维修资金余额(元)')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[1]).toBe('c,丙苑,黄浦区,,12341.20,100000.00,30000.00,12.34%,2024-05-01,否');
    expect(lines.at(-1)).toBe('');
    expect(lines).toHaveLength(warned.length + 2);
  });
});

describe('fee comparison by district and by firm', () => {
  const { rows: feeRows, firmOf } = siteFees(site);

  it('puts real compounds before demo ones, each highest rate first', () => {
    expect(feeRows.map((r) => r.compound.id)).toEqual(['b', 'a', 'd', 'x']);
    expect(firmOf.get('a')).toBe('f1');
  });

  it('spreads: min, median (even count: mean of the middle two, half up), max and the pooled collection rate', () => {
    const byDistrict = feeSpreads(feeRows, (r) => r.compound.district_id);
    expect(byDistrict.get('real')).toEqual({
      rated: 3,
      min: 90,
      median: 100,
      max: 131,
      collected: 2,
      collectionBp: 6000,
    });
    const byFirm = feeSpreads(feeRows, (r) => firmOf.get(r.compound.id));
    // (100 + 131) / 2 = 115.5 fen → 116.
    expect(byFirm.get('f1')).toMatchObject({ rated: 2, min: 100, median: 116, max: 131 });
    expect(byFirm.has('f3')).toBe(false);
  });

  it('its CSV names the firm and the correction behind a corrected rate', () => {
    const csv = feeComparisonCsv(site, feeRows, (id) => firmOf.get(id));
    const b = csv.split('\r\n').find((l) => l.startsWith('b,'));
    expect(b).toBe('b,乙苑,黄浦区,打浦桥街道,f1,甲物业,1.31,市场调节价,2020-01-01,2025,300.00,150.00,50.00%,k-new,否');
    expect(csv.split('\r\n').find((l) => l.startsWith('a,'))).toContain(',90.00%,,否');
  });
});

describe('corrections of a shown value', () => {
  it('finds the latest correction of the cell, and none for a cell never corrected', () => {
    expect(cellCorrection(site, 'fee_standards', 'fb', 'rate')?.id).toBe('k-new');
    expect(cellCorrection(site, 'fee_standards', 'fb', 'unit')).toBeUndefined();
    expect(cellCorrection(site, 'fee_standards', 'fa', 'rate')).toBeUndefined();
  });
});

describe('index pages', () => {
  it('list real districts before demo ones', () => {
    const { real, demo } = districtsRealFirst(site);
    // The model's order of districts, minus the demo one.
    expect(real.map((d) => d.id)).toEqual(site.rows.districts.map((d) => d.id).filter((id) => id !== 'demo-d'));
    expect(demo.map((d) => d.id)).toEqual(['demo-d']);
  });

  it('group a district by street, demo compounds last, unplaced compounds in their own group', () => {
    const groups = compoundsByStreetOf(site, 'real');
    const st1 = site.rows.compounds.filter((c) => c.street_id === 'st1' && !c.demo).map((c) => c.id);
    expect(st1.sort()).toEqual(['a', 'b']);
    expect(groups.map((g) => [g.street?.id, g.items.map((c) => c.id)])).toEqual([
      ['st1', [...site.rows.compounds.filter((c) => c.street_id === 'st1' && !c.demo).map((c) => c.id), 'y']],
      ['st2', ['d']],
      [undefined, ['c']],
    ]);
  });

  it('place firms by their current compounds and by the streets their honours name', () => {
    const { byDistrict, none } = firmsByDistrict(site);
    expect(none).toEqual([]);
    const groups = firmsByStreetOf(byDistrict.get('real')!, site, 'real');
    const st2 = groups.find((g) => g.street?.id === 'st2')!;
    expect(st2.items.map((f) => [f.firm.id, f.compounds.map((c) => c.id)])).toEqual([
      ['f2', ['d']],
      ['f3', []],
    ]);
    const st1 = groups.find((g) => g.street?.id === 'st1')!;
    expect(st1.items.map((f) => [f.firm.id, f.compounds.map((c) => c.id).sort()])).toEqual([['f1', ['a', 'b']]]);
  });

  it('place firms once per site, and the pages that cut a district or street from it leave it as it was', () => {
    const before = structuredClone(firmsByDistrict(site));
    expect(firmsByDistrict(site)).toBe(firmsByDistrict(site));
    for (const [id, firms] of firmsByDistrict(site).byDistrict) firmsByStreetOf(firms, site, id);
    expect(firmsByDistrict(site)).toEqual(before);
    const again = buildSiteData(site.meta, site.rows, docs);
    expect(firmsByDistrict(again)).not.toBe(firmsByDistrict(site));
    expect(firmsByDistrict(again)).toEqual(before);
  });

  it('say what a district without compounds has instead of "0 个小区"', () => {
    const held = districtHoldings(site);
    expect(holdingsText(held.get('empty')!)).toBe('暂无数据');
    expect(holdingsText(held.get('real')!)).toBe('5 个小区、1 项荣誉');
  });
});
