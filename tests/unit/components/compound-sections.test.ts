/**
 * The compound page as a composition: one registry of sections (views/compound/sections.ts)
 * drives the table of contents, the sections and their dates, and each section's component
 * only draws what the page model hands it.
 */
import { describe, expect, it } from 'vitest';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import CompoundSections from '../../../src/components/compound/sections/CompoundSections.astro';
import MissingSections from '../../../src/components/compound/MissingSections.astro';
import { buildSiteData } from '../../../src/lib/model/build.ts';
import { COMPOUND_TABLES } from '../../../src/lib/model/relations.ts';
import { type MdxDocs, type Rows } from '../../../src/lib/model/types.ts';
import { TABLE_NAMES, type Row } from '../../../src/lib/schema/tables.ts';
import { sectionDates, type CompoundCommit } from '../../../src/lib/history/compound.ts';
import { compoundPageData } from '../../../src/lib/views/compound/compound-page.ts';
import { COMPOUND_SECTIONS, sectionOfTable } from '../../../src/lib/views/compound/sections.ts';
import { contract, entry, fee, member, term } from '../views/compound/rows.ts';

const meta = { title: 't', as_of: '2026-11-01', licence: 'CC BY 4.0', standard_version: 1 as const, publisher: 'p' };
const noDocs: MdxDocs = { notices: [], audits: [], policies: [], cases: [] };

function site(edit: (rows: Rows) => void = () => {}) {
  const rows = Object.fromEntries(TABLE_NAMES.map((n) => [n, []])) as unknown as Rows;
  rows.sources = [{ id: 's1', kind: '新闻报道', title: '报道' }] as Row<'sources'>[];
  rows.districts = [{ id: 'd1', name: '甲区', city: '上海市', source_id: 's1' }] as Row<'districts'>[];
  rows.firms = [{ id: 'f1', name: '甲物业', source_id: 's1' }] as Row<'firms'>[];
  rows.compounds = [{ id: 'x', name: '甲小区', district_id: 'd1', demo: false, source_id: 's1' }] as Row<'compounds'>[];
  edit(rows);
  return buildSiteData(meta, rows, noDocs);
}

describe('compound page sections', () => {
  it('dates a section by every table of the compound the page shows', () => {
    // Tables of a compound with no section of their own, each for a reason. A table the page
    // starts to show must leave this list and join a section, or its edits would not date it.
    const undated: Partial<Record<(typeof COMPOUND_TABLES)[number], string>> = {
      corrections: 'a correction dates the section of the row it corrects (history/compound.ts)',
    };
    for (const table of COMPOUND_TABLES) {
      expect(sectionOfTable(table) === undefined, table).toBe(table in undated);
    }
  });

  it('dates a section by the commits that changed what it shows, and nothing else', () => {
    const commit = (date: string, content: CompoundCommit['content'], rows: CompoundCommit['rows'] = []) =>
      ({ commit: { hash: date, date }, rows, content }) as unknown as CompoundCommit;
    // Newest first, as the history lists them.
    const dates = sectionDates([
      commit('2026-03-01', [{ collection: 'cases', id: 'c1', change: 'modified' }]),
      commit('2026-02-01', [{ collection: 'audits', id: 'a1', change: 'added' }]),
      commit(
        '2026-01-01',
        [],
        [{ table: 'corrections', rowId: 'c1', change: 'added', cells: { table: 'fund_ledger' }, diff: [] }],
      ),
    ]);
    expect(dates).toEqual({ notices: '2026-02-01', fund: '2026-01-01' });
  });

  it('lists and renders the sections in the order of the registry, the empty ones folded into one line', () => {
    const p = compoundPageData(site(), 'x', undefined, '2026-03-01');
    const ids = COMPOUND_SECTIONS.map((s) => s.id);
    const shown = p.sections.map((s) => s.id);
    const folded = [...p.missing.disclosures, ...p.missing.records].map((m) => m.id);
    // Every section is either drawn or folded, never both, in registry order.
    expect([...shown, ...folded].sort()).toEqual([...ids].sort());
    expect(shown).toEqual(ids.filter((id) => shown.includes(id)));
    expect(shown).toEqual(['identity', 'cadence', 'data', 'sources']);
    // The table of contents lists only what is on the page.
    expect(p.toc.map((t) => t.id)).toEqual(shown);
    // Required disclosures read 尚未公开; the rest (no honour, no correction) 暂无记录.
    expect(p.missing.disclosures.map((m) => m.id)).toEqual([
      'committee',
      'firm',
      'fees',
      'collection',
      'fund',
      'revenue',
      'notices',
    ]);
    expect(p.missing.records.map((m) => m.id)).toEqual(['honours', 'evaluations', 'corrections']);
    expect(p.missing.since).toBe('2026-03-01');
    expect(p.sections.find((s) => s.id === 'data')!.print).toBe(false);
    const full = compoundPageData(
      site((r) =>
        r.fund_ledger.push(
          entry({ id: 'l1', compound_id: 'x', date: '2026-01-01', direction: '收入', category: '首期归集', amount: 5 }),
        ),
      ),
      'x',
    );
    expect(full.sections.find((s) => s.id === 'fund')!.print).toBe(true);
    expect(full.toc.map((t) => t.id)).toContain('fund');
    expect(full.missing.since).toBeUndefined();
  });

  it('says why a section is empty, and that a 失管 compound has no firm', () => {
    const empty = compoundPageData(site(), 'x');
    type Page = typeof empty;
    const of = (p: Page, id: string) =>
      p.sections.find((s) => s.id === id) ?? [...p.missing.disclosures, ...p.missing.records].find((m) => m.id === id)!;
    expect(of(empty, 'identity').empty).toBeUndefined();
    expect(of(empty, 'fund').empty).toMatch(/^暂无公开数据/);
    expect(of(empty, 'firm').empty).toBe('暂无公开数据:公开来源没有本小区的物业服务合同。');
    const unmanaged = compoundPageData(
      site((r) => (r.compounds[0]!.management_mode = '失管')),
      'x',
    );
    expect(of(unmanaged, 'firm').empty).toBe('本小区目前没有物业服务企业(失管小区)。');

    const full = compoundPageData(
      site((r) => {
        r.committees.push(term({ id: 't1', compound_id: 'x', term_start: '2024-01-01', source_id: 's1' }));
        r.contracts.push(contract({ id: 'k1', compound_id: 'x', firm_id: 'f1', start: '2025-01-01', source_id: 's1' }));
        r.fund_ledger.push(
          entry({ id: 'l1', compound_id: 'x', date: '2027-01-01', direction: '收入', category: '首期归集', amount: 5 }),
        );
      }),
      'x',
      { firm: '2026-12-05' },
    );
    expect(of(full, 'committee').empty).toBeUndefined();
    expect(of(full, 'firm').empty).toBeUndefined();
    const section = (p: Page, id: string) => p.sections.find((s) => s.id === id)!;
    // Data dates are capped at as_of; git dates are shown as they are.
    expect(section(full, 'fund').updated).toBe('2026-11-01');
    expect(section(full, 'firm').updated).toBe('2026-12-05');
    expect(section(full, 'committee').updated).toBe('2024-01-01');
    expect(section(full, 'sources').updated).toBeUndefined();
  });

  it('renders a section in its frame with a 报告错误 link naming the compound and section', async () => {
    const container = await AstroContainer.create();
    const p = compoundPageData(
      site((r) => r.contracts.push(contract({ id: 'k1', compound_id: 'x', firm_id: 'f1', source_id: 's1' }))),
      'x',
      { firm: '2026-10-01' },
    );
    const report = { meta, compoundId: 'x', compoundName: '甲小区', url: 'https://example.org/compound/x/' };
    const render = (id: string) =>
      container.renderToString(CompoundSections, {
        props: { sections: [p.sections.find((s) => s.id === id)!], sourceNumbers: p.sourceNumbers, report },
      });
    const firm = await render('firm');
    expect(firm).toContain('<section id="firm" class="page-section" aria-labelledby="firm-h">');
    expect(firm).toContain('本栏更新于 <time datetime="2026-10-01">');
    expect(firm).toContain('<a href="/firm/f1/">甲物业</a>');
    expect(firm).toContain('<a href="#source-1" aria-label="来源 1">[1]</a>');
    // meta has no channel in this test: the mailto has no address but names the section and compound;
    // the body (URL, data version, questions) is the page's first link's (tests/build/compound.test.ts).
    const href = /<a class="report-error" href="([^"]+)"/.exec(firm)?.[1]?.replaceAll('&amp;', '&');
    expect(href).toBeDefined();
    const url = new URL(href!);
    expect(url.protocol).toBe('mailto:');
    expect(url.searchParams.get('subject')).toBe('报告错误:甲小区 · 物业服务企业(x)');
    expect(url.searchParams.has('body')).toBe(false);

    expect(await render('data')).toContain('class="page-section no-print"');
  });

  it('folds the empty sections into one line saying since when they are missing', async () => {
    const container = await AstroContainer.create();
    const p = compoundPageData(site(), 'x', undefined, '2026-03-01');
    const html = await container.renderToString(MissingSections, { props: { missing: p.missing } });
    const line = /<p class="missing__line" data-missing="disclosures">([\s\S]*?)<\/p>/.exec(html)?.[1] ?? '';
    const words = line.replace(/<[^>]+>/g, '');
    expect(words).toBe(
      '尚未公开:业主委员会、物业服务企业、物业收费标准、物业费收缴率、专项维修资金、公共收益、公告与审计(自 2026年3月1日 本站收录本小区起)',
    );
    // Links to an empty section still land: its title keeps the section's id.
    expect(line).toContain('<span id="fees">物业收费标准</span>');
    expect(html).not.toContain('class="empty"');
    const asOf = await container.renderToString(MissingSections, {
      props: { missing: compoundPageData(site(), 'x').missing },
    });
    expect(asOf).toContain('(截至 2026年11月1日)');
  });

  it('answers the first questions in 要点, from the same slices as the sections, 未公开 where nothing is known', () => {
    const facts = (p: ReturnType<typeof compoundPageData>) =>
      Object.fromEntries(p.keyFacts.map((f) => [f.section, [f.label, f.value, f.detail, f.warning]]));
    expect(facts(compoundPageData(site(), 'x'))).toEqual({
      firm: ['物业企业', '未公开', undefined, undefined],
      fees: ['物业费', '未公开', undefined, undefined],
      fund: ['维修资金', '未公开', undefined, undefined],
      committee: ['业委会', '未公开', undefined, undefined],
      notices: ['最新公告', '未公开', undefined, undefined],
    });
    const full = compoundPageData(
      site((r) => {
        r.contracts.push(
          contract({
            id: 'k1',
            compound_id: 'x',
            firm_id: 'f1',
            start: '2024-01-01',
            end: '2027-12-31',
            source_id: 's1',
          }),
        );
        r.fee_standards.push(
          fee({ id: 'p1', compound_id: 'x', rate: 120, effective_from: '2025-01-01', source_id: 's1' }),
        );
        r.fund_ledger.push(
          entry({
            id: 'l1',
            compound_id: 'x',
            date: '2020-01-01',
            direction: '收入',
            category: '首期归集',
            amount: 100000,
          }),
          entry({ id: 'l2', compound_id: 'x', date: '2025-06-30', direction: '支出', category: '屋面', amount: 80000 }),
        );
        r.fund_allocations.push(
          ...([
            {
              id: 'a1',
              compound_id: 'x',
              ledger_id: 'l2',
              building: '1号楼',
              households: 10,
              amount: 50000,
              source_id: 's1',
            },
            {
              id: 'a2',
              compound_id: 'x',
              ledger_id: 'l2',
              building: '2号楼',
              households: 6,
              amount: 30000,
              source_id: 's1',
            },
          ] as Row<'fund_allocations'>[]),
        );
        r.committees.push(
          term({ id: 't1', compound_id: 'x', term_start: '2021-01-01', term_end: '2026-01-01', source_id: 's1' }),
        );
        r.committee_members.push(member({ id: 'm1', committee_id: 't1', name: '王某', role: '主任', source_id: 's1' }));
        r.evaluations.push(
          ...([
            {
              id: 'e2',
              year: 2025,
              subject_kind: '小区',
              compound_id: 'x',
              evaluator: '区房管局',
              outcome: '后进小区督办',
              source_id: 's1',
            },
          ] as Row<'evaluations'>[]),
        );
      }),
      'x',
    );
    const f = facts(full);
    expect(f.firm).toEqual(['物业企业', '甲物业', '合同至 2027年12月31日', undefined]);
    expect(f.fees).toEqual(['物业费', '住宅 1.20 元/平方米/月', undefined, undefined]);
    // 200.00 left of a 1,000.00 first deposit: below 30%.
    expect(f.fund).toEqual(['维修资金', '¥200.00', '截至 2025年6月30日', '低于首期归集的 30%,应续筹']);
    expect(f.committee).toEqual([
      '业委会',
      '主任 王某',
      '任期至 2026年1月1日',
      '任期已于 2026年1月1日 届满,尚无新一届的公开记录',
    ]);
    expect(f.evaluations).toEqual(['督办', '2025年 后进小区督办', undefined, undefined]);
    expect(full.keyFacts.map((k) => k.section)).toEqual([
      'firm',
      'fees',
      'fund',
      'committee',
      'evaluations',
      'cadence',
      'notices',
    ]);
    // The split of the repair across buildings, reconciling to the ledger row.
    const fund = full.sections.find((s) => s.id === 'fund')!;
    if (fund.id !== 'fund') throw new Error('fund section missing');
    expect(fund.body.allocations.map((a) => [a.entry.id, a.shares.map((x) => x.building), a.total])).toEqual([
      ['l2', ['1号楼', '2号楼'], 80000],
    ]);
  });
});
