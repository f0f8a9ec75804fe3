/**
 * The compound page as a composition: one registry of sections (views/compound/sections.ts)
 * drives the table of contents, the sections and their dates, and each section's component
 * only draws what the page model hands it.
 */
import { describe, expect, it } from 'vitest';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import CompoundSection from '../../../src/components/compound/sections/CompoundSection.astro';
import { buildSiteData } from '../../../src/lib/model/build.ts';
import { COMPOUND_TABLES } from '../../../src/lib/model/relations.ts';
import { type MdxDocs, type Rows } from '../../../src/lib/model/types.ts';
import { TABLE_NAMES, type Row } from '../../../src/lib/schema/tables.ts';
import { sectionDates, type CompoundCommit } from '../../../src/lib/history/compound.ts';
import { compoundPageData } from '../../../src/lib/views/compound/compound-page.ts';
import { COMPOUND_SECTIONS, sectionOfTable } from '../../../src/lib/views/compound/sections.ts';
import { contract, entry, term } from '../views/compound/rows.ts';

const meta = { title: 't', as_of: '2026-11-01', licence: 'CC BY 4.0', standard_version: 1 as const };
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
      fund_allocations: 'not shown on the compound page (only in its data downloads)',
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

  it('lists and renders the sections in the order of the registry', () => {
    const p = compoundPageData(site(), 'x');
    const ids = COMPOUND_SECTIONS.map((s) => s.id);
    expect(p.toc.map((t) => t.id)).toEqual(ids);
    expect(p.sections.map((s) => s.id)).toEqual(ids);
    expect(p.sections.find((s) => s.id === 'data')!.print).toBe(false);
    expect(p.sections.find((s) => s.id === 'fund')!.print).toBe(true);
  });

  it('says why a section is empty, and that a 失管 compound has no firm', () => {
    const empty = compoundPageData(site(), 'x');
    const of = (p: typeof empty, id: string) => p.sections.find((s) => s.id === id)!;
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
    // Data dates are capped at as_of; git dates are shown as they are.
    expect(of(full, 'fund').updated).toBe('2026-11-01');
    expect(of(full, 'firm').updated).toBe('2026-12-05');
    expect(of(full, 'committee').updated).toBe('2024-01-01');
    expect(of(full, 'sources').updated).toBeUndefined();
  });

  it('renders a section in its frame, and only the statement when it is empty', async () => {
    const container = await AstroContainer.create();
    const p = compoundPageData(
      site((r) => r.contracts.push(contract({ id: 'k1', compound_id: 'x', firm_id: 'f1', source_id: 's1' }))),
      'x',
      { firm: '2026-10-01' },
    );
    const render = (id: string) =>
      container.renderToString(CompoundSection, {
        props: { section: p.sections.find((s) => s.id === id)!, sourceNumbers: p.sourceNumbers },
      });
    const firm = await render('firm');
    expect(firm).toContain('<section id="firm" class="page-section" aria-labelledby="firm-h">');
    expect(firm).toContain('本栏更新于 <time datetime="2026-10-01">');
    expect(firm).toContain('<a href="/firm/f1/">甲物业</a>');
    expect(firm).toContain('<a href="#source-1" aria-label="来源 1">[1]</a>');

    const fees = await render('fees');
    expect(fees).toContain('<p class="empty">暂无公开数据:公开来源没有本小区的物业收费标准。');
    expect(fees).not.toContain('<table');

    expect(await render('data')).toContain('class="page-section no-print"');
  });
});
