/**
 * A compound's cache key must change whenever anything its pages show changes, or the
 * incremental build would publish a stale page; and it must not change for another
 * compound's edits, or incremental builds would save nothing.
 */
import { describe, expect, it } from 'vitest';
import { compoundPagesKey, type CompoundHistoryInput } from '../../../src/lib/routes/page-keys.ts';
import { buildSiteData } from '../../../src/lib/model/build.ts';
import { compoundPageData } from '../../../src/lib/views/compound/compound-page.ts';
import { type MdxDocs, type Rows } from '../../../src/lib/model/types.ts';
import { TABLE_NAMES, type Row } from '../../../src/lib/schema/tables.ts';
import { contract, entry, member, term } from '../views/compound/rows.ts';

const meta = { title: 't', as_of: '2026-11-01', licence: 'CC BY 4.0', standard_version: 1 as const, publisher: 'p' };

function baseRows(): Rows {
  const all = Object.fromEntries(TABLE_NAMES.map((n) => [n, []])) as unknown as Rows;
  const compound = (id: string, name: string) =>
    ({ id, name, district_id: 'd1', street_id: 'st1', demo: false, source_id: 's-c' }) as Row<'compounds'>;
  return {
    ...all,
    sources: [
      { id: 's-c', kind: '新闻报道', title: '报道' },
      { id: 's-firm', kind: '新闻报道', title: '企业报道' },
      { id: 's-notice', kind: '政府文件', title: '通知' },
      { id: 's-other', kind: '新闻报道', title: '无关' },
    ] as Row<'sources'>[],
    districts: [{ id: 'd1', name: '甲区', city: '上海市', source_id: 's-c' }] as Row<'districts'>[],
    streets: [{ id: 'st1', name: '甲街道', district_id: 'd1', source_id: 's-c' }] as Row<'streets'>[],
    firms: [
      { id: 'f1', name: '甲物业', source_id: 's-firm' },
      { id: 'f2', name: '乙物业', source_id: 's-other' },
      { id: 'f3', name: '戊物业', source_id: 's-other' },
    ] as Row<'firms'>[],
    compounds: [compound('x', '甲小区'), compound('y', '乙小区')],
    committees: [term({ id: 't1', compound_id: 'x', source_id: 's-c' }), term({ id: 't2', compound_id: 'y' })],
    committee_members: [member({ id: 'm1', committee_id: 't1', name: '张三', source_id: 's-c' })],
    contracts: [
      contract({ id: 'k1', compound_id: 'x', firm_id: 'f1', source_id: 's-c' }),
      contract({ id: 'k2', compound_id: 'y', firm_id: 'f2', source_id: 's-c' }),
    ],
    fund_ledger: [
      entry({ id: 'l1', compound_id: 'x', date: '2020-01-01', direction: '收入', category: '续筹', amount: 100 }),
      entry({ id: 'l2', compound_id: 'y', date: '2020-01-01', direction: '收入', category: '续筹', amount: 100 }),
    ],
    honours: [
      { id: 'h1', year: 2024, title: '红色物业', firm_id: 'f1', source_id: 's-firm' },
      // An honour of the compound naming a firm that never served it: the page shows the firm's name.
      { id: 'h2', year: 2023, title: '共建单位', compound_id: 'x', firm_id: 'f3', source_id: 's-c' },
    ] as Row<'honours'>[],
  };
}

function baseDocs(): MdxDocs {
  return {
    notices: [
      {
        id: 'n1',
        data: { compound: 'x', title: '调价公示', date: '2025-01-01', source: 's-notice' },
        entry: { digest: 'aaa', body: '正文' },
      },
    ] as unknown as MdxDocs['notices'],
    audits: [],
    policies: [],
    cases: [],
  };
}

const noHistory: CompoundHistoryInput = { state: { available: false, reason: '不在 git 中' }, commits: [] };

function keyOf(
  edit: (rows: Rows, docs: MdxDocs) => void = () => {},
  id = 'x',
  history = noHistory,
  m: typeof meta = meta,
): string {
  const rows = baseRows();
  const docs = baseDocs();
  edit(rows, docs);
  return compoundPagesKey(buildSiteData(m, rows, docs), id, history);
}

describe('compoundPagesKey', () => {
  const base = keyOf();

  it('is stable for the same inputs', () => {
    expect(keyOf()).toBe(base);
    expect(base).toMatch(/^[0-9a-f]{32}$/);
  });

  const changes: [string, (rows: Rows, docs: MdxDocs) => void][] = [
    ['the compound row', (r) => (r.compounds[0]!.name = '甲小区二期')],
    ['a ledger row', (r) => (r.fund_ledger[0]!.amount = 101)],
    [
      'a new ledger row',
      (r) =>
        r.fund_ledger.push(
          entry({ id: 'l3', compound_id: 'x', date: '2021-01-01', direction: '收入', category: '利息', amount: 1 }),
        ),
    ],
    ['a committee member', (r) => (r.committee_members[0]!.name = '李四')],
    ['the district', (r) => (r.districts[0]!.name = '乙区')],
    ['the street', (r) => (r.streets[0]!.name = '乙街道')],
    ['the firm of a contract', (r) => (r.firms[0]!.name = '丙物业')],
    ['an honour of that firm', (r) => (r.honours[0]!.year = 2025)],
    ['a firm an honour of the compound names', (r) => (r.firms[2]!.name = '己物业')],
    ['a cited source', (r) => (r.sources[0]!.title = '另一篇报道')],
    ['the firm source', (r) => (r.sources[1]!.title = '另一篇企业报道')],
    ['the notice source', (r) => (r.sources[2]!.title = '另一份通知')],
    ['a notice body', (_r, d) => ((d.notices[0]!.entry as { digest: string }).digest = 'bbb')],
    ['a notice title', (_r, d) => (d.notices[0]!.data.title = '新标题')],
  ];
  it.each(changes)('changes with %s', (_label, edit) => {
    expect(keyOf(edit)).not.toBe(base);
  });

  it('changes with the dataset meta and the history', () => {
    expect(keyOf(undefined, 'x', noHistory, { ...meta, as_of: '2026-12-01' })).not.toBe(base);
    expect(keyOf(undefined, 'x', { state: { available: true, shallow: false }, commits: [{ hash: 'abc' }] })).not.toBe(
      base,
    );
  });

  // The listed cases above name what the key is known to need; this finds what it was never told.
  it('changes whenever the compound page model changes, editing every cell of every row in turn', () => {
    const model = (edit: (rows: Rows, docs: MdxDocs) => void): string | undefined => {
      const rows = baseRows();
      const docs = baseDocs();
      edit(rows, docs);
      try {
        const page = compoundPageData(buildSiteData(meta, rows, docs), 'x');
        return JSON.stringify(page, (_k, v: unknown) => (v instanceof Map ? [...v] : v));
      } catch {
        return undefined; // the edit removed compound x: its pages are gone, not stale
      }
    };
    const baseModel = model(() => {});
    const cells: [string, (rows: Rows, docs: MdxDocs) => void][] = [];
    const alter = (v: unknown) => (typeof v === 'number' ? v + 1 : typeof v === 'boolean' ? !v : `${String(v)}改`);
    for (const table of TABLE_NAMES) {
      baseRows()[table].forEach((row, i) => {
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
    for (const col of Object.keys(baseDocs().notices[0]!.data)) {
      cells.push([
        `notices[0].${col}`,
        (_r, d) => {
          const data = d.notices[0]!.data as unknown as Record<string, unknown>;
          data[col] = alter(data[col]);
        },
      ]);
    }
    const missed: string[] = [];
    let shown = 0;
    for (const [label, edit] of cells) {
      const m = model(edit);
      if (m === undefined || m === baseModel) continue;
      shown++;
      if (keyOf(edit) === base) missed.push(label);
    }
    expect(missed).toEqual([]);
    // Most cells of compound x's rows show on its page; a handful would mean the edits went nowhere.
    expect(shown).toBeGreaterThan(30);
  });

  it("does not change with another compound's rows or an unrelated source", () => {
    expect(keyOf((r) => (r.fund_ledger[1]!.amount = 5))).toBe(base);
    expect(keyOf((r) => (r.firms[1]!.name = '丁物业'))).toBe(base);
    expect(keyOf((r) => (r.sources[3]!.title = '仍无关'))).toBe(base);
    expect(keyOf((r) => (r.compounds[1]!.name = '丙小区'))).toBe(base);
  });
});
