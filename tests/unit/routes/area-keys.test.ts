/**
 * The cache keys of the street, district and ranking pages (src/lib/routes/area-keys.ts) change
 * with every cell of every row the page shows or works a figure out of, edited in turn, and not
 * with the rows of another street or district, or a one-compound edit would re-render them all.
 */
import { describe, expect, it } from 'vitest';
import { districtPageKey, rankingsPageKey, streetPageKey } from '../../../src/lib/routes/area-keys.ts';
import { buildSiteData } from '../../../src/lib/model/build.ts';
import { type MdxDocs, type Rows, type SiteData } from '../../../src/lib/model/types.ts';
import { TABLE_NAMES, type Row } from '../../../src/lib/schema/tables.ts';
import { contract, entry, fee, member, term } from '../views/compound/rows.ts';

const meta = { title: 't', as_of: '2026-11-01', licence: 'CC BY 4.0', standard_version: 1 as const, publisher: 'p' };

/** Street st1 and its compound x, street st2 and its compound y in district d1; district d2 is elsewhere. */
function baseRows(): Rows {
  const all = Object.fromEntries(TABLE_NAMES.map((n) => [n, []])) as unknown as Rows;
  const compound = (id: string, name: string, street_id: string, district_id: string, source_id: string) =>
    ({ id, name, district_id, street_id, demo: false, source_id }) as Row<'compounds'>;
  return {
    ...all,
    sources: [
      { id: 's-c', kind: '新闻报道', title: '报道' },
      { id: 's-firm', kind: '新闻报道', title: '企业报道' },
      { id: 's-fig', kind: '政府文件', title: '通报' },
      { id: 's-pol', kind: '政府文件', title: '方案' },
      { id: 's-other', kind: '新闻报道', title: '无关' },
    ] as Row<'sources'>[],
    districts: [
      { id: 'd1', name: '甲区', city: '上海市', source_id: 's-c' },
      { id: 'd2', name: '乙区', city: '上海市', source_id: 's-other' },
    ] as Row<'districts'>[],
    streets: [
      { id: 'st1', name: '甲街道', kind: '街道', district_id: 'd1', source_id: 's-c' },
      { id: 'st2', name: '乙街道', kind: '街道', district_id: 'd1', source_id: 's-c' },
      { id: 'st3', name: '丙街道', kind: '街道', district_id: 'd2', source_id: 's-other' },
    ] as Row<'streets'>[],
    firms: [
      { id: 'f1', name: '甲物业', source_id: 's-firm' },
      { id: 'f2', name: '乙物业', source_id: 's-firm' },
      { id: 'f3', name: '丙物业', source_id: 's-other' },
    ] as Row<'firms'>[],
    compounds: [
      compound('x', '甲小区', 'st1', 'd1', 's-c'),
      compound('y', '乙小区', 'st2', 'd1', 's-c'),
      compound('z', '丙小区', 'st3', 'd2', 's-other'),
    ],
    committees: [term({ id: 't1', compound_id: 'x', source_id: 's-c' })],
    committee_members: [member({ id: 'm1', committee_id: 't1', source_id: 's-c' })],
    contracts: [
      contract({ id: 'k1', compound_id: 'x', firm_id: 'f1', source_id: 's-c' }),
      contract({ id: 'k2', compound_id: 'z', firm_id: 'f3', source_id: 's-other' }),
    ],
    fee_standards: [fee({ id: 'fs1', compound_id: 'x', rate: 250, effective_from: '2024-01-01', source_id: 's-c' })],
    fee_collection: [
      { id: 'fc1', compound_id: 'x', year: 2025, billed: 1000, collected: 900, source_id: 's-c' },
    ] as Row<'fee_collection'>[],
    fund_ledger: [
      entry({ id: 'l1', compound_id: 'x', date: '2020-01-01', direction: '收入', category: '续筹', amount: 100 }),
    ],
    figures: [
      {
        id: 'g1',
        scope: '街道',
        district_id: 'd1',
        street_id: 'st1',
        as_of: '2025',
        metric: '小区数',
        value: 3,
        unit: '个',
        source_id: 's-fig',
      },
      {
        id: 'g2',
        scope: '区',
        district_id: 'd1',
        as_of: '2025',
        metric: '测评排名',
        value: 1,
        unit: '名',
        source_id: 's-fig',
      },
      {
        id: 'g3',
        scope: '区',
        district_id: 'd2',
        as_of: '2025',
        metric: '小区数',
        value: 9,
        unit: '个',
        source_id: 's-other',
      },
    ] as Row<'figures'>[],
    commitments: [
      // Names a firm that serves no compound of the street: the page shows its name.
      { id: 'p1', district_id: 'd1', street_id: 'st1', firm_id: 'f2', task: '加装电梯', source_id: 's-c' },
      { id: 'p2', district_id: 'd2', street_id: 'st3', firm_id: 'f3', task: '垃圾分类', source_id: 's-other' },
    ] as Row<'commitments'>[],
    honours: [
      {
        id: 'h1',
        year: 2024,
        title: '红色业委会',
        street_id: 'st1',
        committee_id: 't1',
        recipient_kind: '业委会',
        source_id: 's-c',
      },
    ] as Row<'honours'>[],
    evaluations: [
      { id: 'e1', year: 2024, compound_id: 'x', firm_id: 'f1', score: 90, source_id: 's-c' },
      // Ranked in the district, named by its street only: on the district's ranking page.
      { id: 'e2', year: 2024, street_id: 'st2', firm_id: 'f2', score: 80, source_id: 's-fig' },
      { id: 'e3', year: 2024, district_id: 'd2', firm_id: 'f3', score: 70, source_id: 's-other' },
    ] as Row<'evaluations'>[],
    corrections: [
      { id: 'r1', table: 'compounds', row_id: 'x', column: 'name', corrected_on: '2025-01-01', reason: '笔误' },
      { id: 'r2', table: 'figures', row_id: 'g1', column: 'value', corrected_on: '2025-01-01', reason: '笔误' },
      { id: 'r3', table: 'firms', row_id: 'f3', column: 'name', corrected_on: '2025-01-01', reason: '笔误' },
    ] as Row<'corrections'>[],
  };
}

function baseDocs(): MdxDocs {
  const doc = (id: string, data: object) => ({ id, data, entry: { digest: id, body: '正文' } });
  return {
    notices: [],
    audits: [],
    policies: [
      doc('pol1', {
        title: '三年行动',
        kind: '行动计划',
        district: 'd1',
        street: 'st1',
        published_on: '2024',
        summary: '摘要',
        source: 's-pol',
      }),
    ] as unknown as MdxDocs['policies'],
    cases: [
      doc('case1', {
        title: '加装电梯',
        district: 'd1',
        street: 'st1',
        compounds: ['x'],
        date: '2024',
        summary: '摘要',
        source: 's-pol',
      }),
    ] as unknown as MdxDocs['cases'],
  };
}

type Edit = (rows: Rows, docs: MdxDocs) => void;

const KEYS: Record<string, (site: SiteData) => string> = {
  street: (site) => streetPageKey(site, 'st1'),
  district: (site) => districtPageKey(site, 'd1'),
  rankings: (site) => rankingsPageKey(site, 'd1'),
};

function keyOf(page: string, edit: Edit = () => {}, m: typeof meta = meta): string {
  const rows = baseRows();
  const docs = baseDocs();
  edit(rows, docs);
  return KEYS[page]!(buildSiteData(m, rows, docs));
}

/** Every cell of every row and document, each edited alone, under the row's id. */
function everyCell(): [string, string, Edit][] {
  const alter = (v: unknown) =>
    typeof v === 'number' ? v + 1 : typeof v === 'boolean' ? !v : Array.isArray(v) ? [...v, '改'] : `${String(v)}改`;
  const cells: [string, string, Edit][] = [];
  const rows = baseRows();
  for (const table of TABLE_NAMES) {
    rows[table].forEach((row, i) => {
      for (const col of Object.keys(row)) {
        cells.push([
          String((row as { id: unknown }).id),
          `${table}[${i}].${col}`,
          (r) => {
            const target = r[table][i] as unknown as Record<string, unknown>;
            target[col] = alter(target[col]);
          },
        ]);
      }
    });
  }
  const docs = baseDocs();
  for (const kind of ['policies', 'cases'] as const) {
    for (const col of [...Object.keys(docs[kind][0]!.data), 'body']) {
      cells.push([
        docs[kind][0]!.id,
        `${kind}[0].${col}`,
        (_r, d) => {
          const doc = d[kind][0]!;
          if (col === 'body') (doc.entry as { digest: string }).digest = 'changed';
          else
            (doc.data as unknown as Record<string, unknown>)[col] = alter(
              (doc.data as unknown as Record<string, unknown>)[col],
            );
        },
      ]);
    }
  }
  return cells;
}

/** The rows of district d2: no page of d1 shows them. */
const ELSEWHERE = ['d2', 'st3', 'z', 'f3', 'k2', 'g3', 'p2', 'e3', 'r3', 's-other'];

/** Rows of d1 each page does not show (a street page shows neither the other street nor district-wide rows). */
const NOT_SHOWN: Record<string, string[]> = {
  street: [...ELSEWHERE, 'st2', 'y', 'g2', 'e2'],
  // Its figures are the district-wide ones; a street's are on the street's page.
  district: [...ELSEWHERE, 'e2', 'g1', 'r2'],
  rankings: [...ELSEWHERE, 'p1', 'pol1', 'case1', 's-pol'],
};

describe('the district page key', () => {
  it("changes with the count of a street's compounds, even when a compound names another district", () => {
    expect(keyOf('district', (r) => (r.compounds[2]!.street_id = 'st2'))).not.toBe(keyOf('district'));
  });
});

describe.each(Object.keys(KEYS))('the %s page key', (page) => {
  const base = keyOf(page);

  it('is stable for the same inputs', () => {
    expect(keyOf(page)).toBe(base);
    expect(base).toMatch(/^[0-9a-f]{32}$/);
  });

  it('changes with every cell of every row it shows, and with no other', () => {
    const missed: string[] = [];
    const extra: string[] = [];
    for (const [rowId, label, edit] of everyCell()) {
      const changed = keyOf(page, edit) !== base;
      if (NOT_SHOWN[page]!.includes(rowId)) {
        if (changed) extra.push(label);
      } else if (!changed) missed.push(label);
    }
    expect(missed).toEqual([]);
    expect(extra).toEqual([]);
  });

  it('changes with the dataset meta', () => {
    expect(keyOf(page, undefined, { ...meta, as_of: '2026-12-01' })).not.toBe(base);
  });

  it('changes with a new row of the area', () => {
    const added: Edit = (r) =>
      r.fee_collection.push({
        id: 'fc2',
        compound_id: 'x',
        year: 2026,
        billed: 1,
        collected: 1,
        source_id: 's-c',
      } as Row<'fee_collection'>);
    expect(keyOf(page, added)).not.toBe(base);
  });
});
