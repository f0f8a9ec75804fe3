/**
 * The cache keys of the per-district lists and feeds (src/lib/routes/list-keys.ts) change with
 * exactly the cells their pages print: every cell of every row and notice is edited in turn, and
 * the cells that change a key must be the ones listed here, no more (a one-compound edit would
 * re-render every list of its district) and no fewer (a stale list would be published).
 */
import { describe, expect, it } from 'vitest';
import { compoundListKey, districtFeedKey, firmListKey, noticeListKey } from '../../../src/lib/routes/list-keys.ts';
import { buildSiteData } from '../../../src/lib/model/build.ts';
import { type MdxDocs, type Rows, type SiteData } from '../../../src/lib/model/types.ts';
import { TABLE_NAMES, type Row } from '../../../src/lib/schema/tables.ts';
import { contract, fee } from '../views/compound/rows.ts';

const meta = { title: 't', as_of: '2026-11-01', licence: 'CC BY 4.0', standard_version: 1 as const, publisher: 'p' };

/** District d1 with streets st1, st2 and compounds x (served by f1), y; district d2 with z (served by f2). */
function baseRows(): Rows {
  const all = Object.fromEntries(TABLE_NAMES.map((n) => [n, []])) as unknown as Rows;
  const compound = (id: string, name: string, street_id: string, district_id: string) =>
    ({ id, name, district_id, street_id, demo: false, source_id: 's-c', note: '' }) as Row<'compounds'>;
  return {
    ...all,
    sources: [
      { id: 's-c', kind: '新闻报道', title: '报道' },
      { id: 's-n', kind: '政府文件', title: '通知' },
    ] as Row<'sources'>[],
    districts: [
      { id: 'd1', name: '甲区', city: '上海市', source_id: 's-c' },
      { id: 'd2', name: '乙区', city: '上海市', source_id: 's-c' },
    ] as Row<'districts'>[],
    streets: [
      { id: 'st1', name: '甲街道', kind: '街道', district_id: 'd1', source_id: 's-c' },
      { id: 'st2', name: '乙街道', kind: '街道', district_id: 'd1', source_id: 's-c' },
      { id: 'st3', name: '丙街道', kind: '街道', district_id: 'd2', source_id: 's-c' },
    ] as Row<'streets'>[],
    firms: [
      { id: 'f1', name: '甲物业', demo: false, source_id: 's-c' },
      { id: 'f2', name: '乙物业', demo: false, source_id: 's-c' },
    ] as Row<'firms'>[],
    compounds: [
      compound('x', '甲小区', 'st1', 'd1'),
      compound('y', '乙小区', 'st2', 'd1'),
      compound('z', '丙小区', 'st3', 'd2'),
    ],
    contracts: [
      contract({ id: 'k1', compound_id: 'x', firm_id: 'f1', source_id: 's-c' }),
      contract({ id: 'k2', compound_id: 'z', firm_id: 'f2', source_id: 's-c' }),
    ],
    fee_standards: [fee({ id: 'fs1', compound_id: 'x', rate: 250, effective_from: '2024-01-01', source_id: 's-c' })],
    fee_collection: [
      { id: 'fc1', compound_id: 'x', year: 2025, billed: 1000, collected: 900, source_id: 's-c' },
    ] as Row<'fee_collection'>[],
  };
}

function baseDocs(): MdxDocs {
  const notice = (id: string, compound: string) => ({
    id,
    data: { compound, title: '调价公示', date: '2025-01-01', summary: '摘要', source: 's-n' },
    entry: { digest: id, body: '正文' },
  });
  return {
    notices: [notice('n1', 'x'), notice('n2', 'z')] as unknown as MdxDocs['notices'],
    audits: [],
    policies: [],
    cases: [],
  };
}

type Edit = (rows: Rows, docs: MdxDocs) => void;

const noHistory = { get: () => undefined, commitsOf: () => [] };

const KEYS: Record<string, (site: SiteData) => string> = {
  compounds: (site) => compoundListKey(site, 'd1'),
  firms: (site) => firmListKey(site, 'd1'),
  notices: (site) => noticeListKey(site, 'd1'),
  feed: (site) => districtFeedKey(site, 'd1', noHistory),
};

function keyOf(page: string, edit: Edit = () => {}, m: typeof meta = meta): string {
  const rows = baseRows();
  const docs = baseDocs();
  edit(rows, docs);
  return KEYS[page]!(buildSiteData(m, rows, docs));
}

const alter = (v: unknown) =>
  typeof v === 'number' ? v + 1 : typeof v === 'boolean' ? !v : v === undefined ? '改' : `${String(v)}改`;

/** Every cell of every row and notice, each edited alone. */
function everyCell(): [string, Edit][] {
  const cells: [string, Edit][] = [];
  const rows = baseRows();
  for (const table of TABLE_NAMES) {
    rows[table].forEach((row, i) => {
      for (const col of Object.keys(row)) {
        cells.push([
          `${table}[${i}].${col}`,
          (r) => {
            const target = r[table][i] as unknown as Record<string, unknown>;
            target[col] = alter(target[col]);
          },
        ]);
      }
    });
  }
  baseDocs().notices.forEach((n, i) => {
    for (const col of Object.keys(n.data)) {
      cells.push([
        `notices[${i}].${col}`,
        (_r, d) => {
          const data = d.notices[i]!.data as unknown as Record<string, unknown>;
          data[col] = alter(data[col]);
        },
      ]);
    }
  });
  return cells;
}

/** What each page prints of d1: names, demo marks and the places that group them. */
const d1 = ['districts[0].id', 'districts[0].name'];
const streets = [
  'streets[0].id',
  'streets[0].name',
  'streets[0].district_id',
  'streets[1].id',
  'streets[1].name',
  'streets[1].district_id',
];
const compound = (i: number) => [
  `compounds[${i}].id`,
  `compounds[${i}].name`,
  `compounds[${i}].demo`,
  `compounds[${i}].street_id`,
  `compounds[${i}].district_id`,
];
const SHOWN: Record<string, string[]> = {
  compounds: [...d1, ...streets, ...compound(0), ...compound(1)],
  // The firm serving x now (its contract decides), the street it is listed under, x as it is listed.
  firms: [
    ...d1,
    'streets[0].id',
    'streets[0].name',
    'streets[0].district_id',
    'firms[0].id',
    'firms[0].name',
    'firms[0].demo',
    ...compound(0),
    'contracts[0].compound_id',
    'contracts[0].firm_id',
    'contracts[0].start',
  ],
  notices: [
    ...d1,
    'streets[0].id',
    'streets[0].name',
    'streets[0].district_id',
    ...compound(0),
    'notices[0].compound',
    'notices[0].title',
    'notices[0].date',
  ],
  feed: [
    ...d1,
    'compounds[0].id',
    'compounds[0].name',
    'compounds[0].district_id',
    'notices[0].compound',
    'notices[0].title',
    'notices[0].date',
    'notices[0].summary',
  ],
};

describe.each(Object.keys(KEYS))('the %s list key', (page) => {
  const base = keyOf(page);

  it('is stable for the same inputs', () => {
    expect(keyOf(page)).toBe(base);
    expect(base).toMatch(/^[0-9a-f]{32}$/);
  });

  it('changes with exactly the cells the page prints', () => {
    const changed = everyCell()
      .filter(([, edit]) => keyOf(page, edit) !== base)
      .map(([label]) => label);
    expect(changed.sort()).toEqual([...SHOWN[page]!].sort());
  });

  it('changes with the dataset meta', () => {
    expect(keyOf(page, undefined, { ...meta, title: 'u' })).not.toBe(base);
  });
});

describe('the notices list key', () => {
  it("changes when a notice's source turns out to be demo data (the list badges it)", () => {
    expect(keyOf('notices', (r) => (r.sources[1]!.kind = '演示数据'))).not.toBe(keyOf('notices'));
  });
});

describe('the district feed key', () => {
  it('changes with the commits of a compound of the district', () => {
    const commit = { hash: 'abc', time: '2025-01-01T00:00:00Z', subject: '更新' };
    const history = {
      get: (id: string) => (id === 'x' ? [{ commit, rows: [], content: [] }] : undefined),
      commitsOf: (id: string) => (id === 'x' ? [commit] : []),
    } as unknown as Parameters<typeof districtFeedKey>[2];
    const site = buildSiteData(meta, baseRows(), baseDocs());
    expect(districtFeedKey(site, 'd1', history)).not.toBe(districtFeedKey(site, 'd1', noHistory));
  });
});
