/**
 * A firm page's cache key (src/lib/routes/firm-key.ts) changes with every input the page shows,
 * each changed in turn, and not with another firm's rows, or incremental builds would save nothing.
 */
import { describe, expect, it } from 'vitest';
import { firmPageKey } from '../../../src/lib/routes/firm-key.ts';
import { buildSiteData } from '../../../src/lib/model/build.ts';
import { type MdxDocs, type Rows } from '../../../src/lib/model/types.ts';
import { TABLE_NAMES, type Row } from '../../../src/lib/schema/tables.ts';
import { contract, term } from '../views/compound/rows.ts';

const meta = { title: 't', as_of: '2026-11-01', licence: 'CC BY 4.0', standard_version: 1 as const, publisher: 'p' };
const docs: MdxDocs = { notices: [], audits: [], policies: [], cases: [] };

function baseRows(): Rows {
  const all = Object.fromEntries(TABLE_NAMES.map((n) => [n, []])) as unknown as Rows;
  const compound = (id: string, name: string, street_id: string) =>
    ({ id, name, district_id: 'd1', street_id, demo: false, source_id: 's-c' }) as Row<'compounds'>;
  return {
    ...all,
    sources: [
      { id: 's-c', kind: '新闻报道', title: '报道' },
      { id: 's-firm', kind: '新闻报道', title: '企业报道' },
      { id: 's-eval', kind: '政府文件', title: '测评通报' },
      { id: 's-other', kind: '新闻报道', title: '无关' },
    ] as Row<'sources'>[],
    districts: [
      { id: 'd1', name: '甲区', city: '上海市', source_id: 's-c' },
      { id: 'd2', name: '乙区', city: '上海市', source_id: 's-other' },
    ] as Row<'districts'>[],
    streets: [
      { id: 'st1', name: '甲街道', district_id: 'd1', source_id: 's-c' },
      { id: 'st2', name: '乙街道', district_id: 'd1', source_id: 's-c' },
      { id: 'st3', name: '丙街道', district_id: 'd2', source_id: 's-other' },
    ] as Row<'streets'>[],
    firms: [
      { id: 'f1', name: '甲物业', source_id: 's-firm' },
      { id: 'f2', name: '乙物业', source_id: 's-other' },
    ] as Row<'firms'>[],
    compounds: [compound('x', '甲小区', 'st1'), compound('y', '乙小区', 'st2'), compound('z', '丙小区', 'st3')],
    committees: [term({ id: 't1', compound_id: 'y', source_id: 's-c' })],
    contracts: [
      contract({ id: 'k1', compound_id: 'x', firm_id: 'f1', end: '2024-12-31', source_id: 's-c' }),
      // The next firm's contract at x ends f1's service there: f1's page shows it.
      contract({ id: 'k2', compound_id: 'x', firm_id: 'f2', start: '2025-01-01', source_id: 's-c' }),
      contract({ id: 'k3', compound_id: 'z', firm_id: 'f2', source_id: 's-other' }),
    ],
    honours: [
      {
        id: 'h1',
        year: 2024,
        title: '红色物业',
        firm_id: 'f1',
        committee_id: 't1',
        recipient_kind: '个人',
        person_name: '张三',
        source_id: 's-firm',
      },
    ] as Row<'honours'>[],
    evaluations: [
      { id: 'e1', year: 2024, firm_id: 'f1', street_id: 'st2', district_id: 'd1', score: 90, source_id: 's-eval' },
    ] as Row<'evaluations'>[],
    commitments: [
      { id: 'p1', district_id: 'd1', street_id: 'st2', firm_id: 'f1', task: '加装电梯', source_id: 's-c' },
      { id: 'p2', district_id: 'd2', street_id: 'st3', firm_id: 'f2', task: '垃圾分类', source_id: 's-other' },
    ] as Row<'commitments'>[],
    corrections: [
      { id: 'r1', table: 'firms', row_id: 'f1', column: 'name', corrected_on: '2025-01-01', reason: '笔误' },
      { id: 'r2', table: 'firms', row_id: 'f2', column: 'name', corrected_on: '2025-01-01', reason: '笔误' },
    ] as Row<'corrections'>[],
  };
}

function keyOf(edit: (rows: Rows) => void = () => {}, m: typeof meta = meta): string {
  const rows = baseRows();
  edit(rows);
  return firmPageKey(buildSiteData(m, rows, docs), 'f1');
}

describe('firmPageKey', () => {
  const base = keyOf();

  it('is stable for the same inputs', () => {
    expect(keyOf()).toBe(base);
    expect(base).toMatch(/^[0-9a-f]{32}$/);
  });

  const changes: [string, (rows: Rows) => void][] = [
    ['the firm row', (r) => (r.firms[0]!.name = '甲物业集团')],
    ['its contract', (r) => (r.contracts[0]!.end = '2025-06-30')],
    ["the next firm's contract at a compound it served", (r) => (r.contracts[1]!.start = '2025-07-01')],
    ['a new contract', (r) => r.contracts.push(contract({ id: 'k4', compound_id: 'y', firm_id: 'f1' }))],
    ['a compound it served', (r) => (r.compounds[0]!.name = '甲小区二期')],
    ["that compound's street", (r) => (r.streets[0]!.name = '甲新街道')],
    ["that compound's district", (r) => (r.districts[0]!.name = '甲新区')],
    ['its honour', (r) => (r.honours[0]!.year = 2025)],
    ["the honour's committee", (r) => (r.committees[0]!.compound_id = 'z')],
    ["the committee's compound", (r) => (r.compounds[1]!.demo = true)],
    ['its evaluation', (r) => (r.evaluations[0]!.score = 91)],
    ["the evaluation's street", (r) => (r.streets[1]!.name = '乙新街道')],
    ['its commitment', (r) => (r.commitments[0]!.task = '加装电梯二期')],
    ['a correction of its row', (r) => (r.corrections[0]!.reason = '更正')],
    ['a cited source', (r) => (r.sources[0]!.title = '另一篇报道')],
    ["the firm's source", (r) => (r.sources[1]!.kind = '演示数据')],
    ["the evaluation's source", (r) => (r.sources[2]!.title = '另一份通报')],
  ];
  it.each(changes)('changes with %s', (_label, edit) => {
    expect(keyOf(edit)).not.toBe(base);
  });

  it('changes with the dataset meta', () => {
    expect(keyOf(undefined, { ...meta, as_of: '2026-12-01' })).not.toBe(base);
  });

  it("does not change with another firm's rows or an unrelated source", () => {
    expect(keyOf((r) => (r.contracts[2]!.end = '2026-01-01'))).toBe(base);
    expect(keyOf((r) => (r.compounds[2]!.name = '丁小区'))).toBe(base);
    expect(keyOf((r) => (r.commitments[1]!.task = '垃圾分类二期'))).toBe(base);
    expect(keyOf((r) => (r.corrections[1]!.reason = '更正'))).toBe(base);
    expect(keyOf((r) => (r.sources[3]!.title = '仍无关'))).toBe(base);
    expect(keyOf((r) => (r.districts[1]!.name = '丙区'))).toBe(base);
  });
});
