/**
 * The compound page's tables and section frames written as strings (common/data-table.ts,
 * common/section-frame.ts) must be the bytes the components they replaced wrote
 * (tests/fixtures/components/before/h20p/): the same escaping, classes, data-labels, empty values.
 */
import { describe, expect, it } from 'vitest';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import type { AstroComponentFactory } from 'astro/runtime/server/index.js';
import BeforeDataTable from '../../fixtures/components/before/h20p/DataTable.astro';
import BeforeChartTable from '../../fixtures/components/before/h20p/ChartTable.astro';
import BeforeCadenceTable from '../../fixtures/components/before/h20p/CadenceTable.astro';
import BeforeCommitteeCard from '../../fixtures/components/before/h20p/CommitteeCard.astro';
import BeforeEvaluations from '../../fixtures/components/before/h20p/Evaluations.astro';
import BeforeFundLedgerTable from '../../fixtures/components/before/h20p/FundLedgerTable.astro';
import BeforeSection from '../../fixtures/components/before/h20p/Section.astro';
import BeforeCompoundSection from '../../fixtures/components/before/h20p/CompoundSection.astro';
import BeforeFees from '../../fixtures/components/before/h20p/Fees.astro';
import DataTable from '../../../src/components/common/DataTable.astro';
import ChartTable from '../../../src/components/charts/ChartTable.astro';
import CadenceTable from '../../../src/components/opendata/CadenceTable.astro';
import CommitteeCard from '../../../src/components/compound/CommitteeCard.astro';
import Evaluations from '../../../src/components/compound/sections/Evaluations.astro';
import FundLedgerTable from '../../../src/components/compound/FundLedgerTable.astro';
import Section from '../../../src/components/common/Section.astro';
import CompoundSections from '../../../src/components/compound/sections/CompoundSections.astro';
import Fees from '../../../src/components/compound/sections/Fees.astro';
import { tableHtml } from '../../../src/components/common/data-table.ts';
import { getSiteData } from '../../../src/lib/model/load.ts';
import { siteTables } from '../../../src/lib/model/tables.ts';
import { compoundPageData } from '../../../src/lib/views/compound/compound-page.ts';
import { runningLedger } from '../../../src/lib/views/compound/fund.ts';
import { CSS_LABELLED } from '../../../src/lib/views/table-columns.ts';
import type { CadenceItem } from '../../../src/lib/views/cadence/compute.ts';
import type { Row } from '../../../src/lib/schema/tables.ts';

const NASTY = `<b>&amp; "双引号" '单引号' > <`;
// A header text with what the read-back normalised: runs of spaces, a line break, an entity's text.
const SPACED = `  收入\n  &nbsp;合计  `;

const BEFORE_CHART = '/tests/fixtures/components/before/h20p/ChartTable.astro';

type Render = (c: AstroComponentFactory, props: Record<string, unknown>, slot?: string) => Promise<string>;
async function sameAs(): Promise<
  (
    before: AstroComponentFactory,
    after: AstroComponentFactory,
    props: Record<string, unknown>,
    slot?: string,
  ) => Promise<string>
> {
  const container = await AstroContainer.create();
  const render: Render = (c, props, slot) =>
    container.renderToString(c, { props, ...(slot === undefined ? {} : { slots: { default: slot } }) });
  return async (before, after, props, slot) => {
    const html = await render(after, props, slot);
    // A component's script is named by its file: the old one's is the fixture's.
    const was = (await render(before, props, slot)).replace(BEFORE_CHART, '/src/components/charts/ChartTable.astro');
    expect(html, JSON.stringify(props)).toBe(was);
    return html;
  };
}

describe('tables as strings', () => {
  it('DataTable: the frame, classes and data-labels of a table drawn as a template', async () => {
    const same = await sameAs();
    const head = (names: string[]) =>
      `<thead><tr>${names.map((n) => `<th scope="col">${n}</th>`).join('')}</tr></thead>`;
    const body = '<tbody><tr><th scope="row">a</th><td></td><td class="num">c</td><td colspan="2">d</td></tr></tbody>';
    const slots = [
      head(['事项', '状态', '规定', '情况']) + body,
      head(['&amp; "x"', '', ' <abbr>y</abbr> ']) + body,
      head(['', '']) + body,
      body,
      '',
    ];
    for (const slot of slots)
      for (const label of [undefined, '', NASTY])
        for (const className of [undefined, '', 'ledger'])
          await same(BeforeDataTable, DataTable, { caption: NASTY, label, class: className }, slot);
    for (const className of [undefined, '', 'x']) {
      await same(
        BeforeDataTable,
        DataTable,
        { caption: '', columns: 'fund-flows', class: className },
        head(['年度', '年末余额']),
      );
      await same(
        BeforeDataTable,
        DataTable,
        { caption: 'c', columns: 'cadence', class: className },
        head([...CSS_LABELLED.cadence]) + body,
      );
    }
  });

  it('tableHtml: a registered table must be given its registered titles', () => {
    const rows = '<tbody></tbody>';
    expect(
      tableHtml(
        { caption: 'c', columns: 'cadence' },
        CSS_LABELLED.cadence.map((title) => ({ title })),
        rows,
      ),
    ).toContain('<table class="css-labels cols-cadence">');
    const swapped = ['事项', '规定', '状态', '情况'].map((title) => ({ title }));
    expect(() => tableHtml({ caption: 'c', columns: 'cadence' }, swapped, rows)).toThrow(/cadence/);
    const picked = ['年度', '支出·电梯', '收入·利息'].map((title) => ({ title }));
    expect(() => tableHtml({ caption: 'c', columns: 'fund-flows' }, picked, rows)).toThrow(/fund-flows/);
  });

  it('ChartTable: registered and other tables, odd titles, empty cells', async () => {
    const same = await sameAs();
    const chart = (over: Record<string, unknown>) => ({
      id: 'c',
      caption: NASTY,
      kind: 'bar',
      valueKind: 'fen',
      unit: '元',
      labelHeader: '年度',
      labels: ['2019年', NASTY, ''],
      series: [{ label: '收入', values: [1, null, undefined] }],
      extraColumns: [{ label: '年末余额', values: ['¥1', '', NASTY] }],
      ...over,
    });
    for (const labelHeader of ['年度', '', NASTY, SPACED])
      for (const seriesLabel of ['', NASTY, SPACED])
        await same(
          BeforeChartTable,
          ChartTable,
          chart({ labelHeader, series: [{ label: seriesLabel, values: [1, null, 0] }] }),
        );
    // Every title empty: nothing to label, the table keeps its columns on a phone.
    const bare = await same(
      BeforeChartTable,
      ChartTable,
      chart({ labelHeader: '', series: [{ label: '', values: [1] }], extraColumns: [] }),
    );
    expect(bare).not.toContain('table-wrap--stack');
    const [year, rate, billed, collected] = CSS_LABELLED['collection-rate'];
    const registered = await same(
      BeforeChartTable,
      ChartTable,
      chart({
        columns: 'collection-rate',
        valueKind: 'bp',
        labelHeader: year,
        series: [{ label: rate, values: [9200, null, 1] }],
        extraColumns: [
          { label: billed, values: ['a', '', NASTY] },
          { label: collected, values: [] },
        ],
        printHide: true,
        note: NASTY,
      }),
    );
    expect(registered).toContain('cols-collection-rate');
    await same(
      BeforeChartTable,
      ChartTable,
      chart({
        columns: 'fund-flows',
        labelHeader: '年度',
        series: [{ label: '支出·电梯', values: [-1] }],
        extraColumns: [],
      }),
    );
  });

  it('CadenceTable, Evaluations, FundLedgerTable and CommitteeCard on the project data and odd values', async () => {
    const same = await sameAs();
    const items = ['current', 'due', 'overdue', 'violation', 'none'].map(
      (status) =>
        ({ item: 'fees', label: NASTY, status, rule: '', detail: NASTY, deadline: '2026-03-31' }) as CadenceItem,
    );
    for (const list of [items, []]) await same(BeforeCadenceTable, CadenceTable, { items: list, asOf: '2026-11-01' });

    const site = await getSiteData();
    const tables = siteTables(site);
    const numbers = new Map((tables.sources ?? []).map((s, i) => [s.id, i + 1]));
    const evaluations = tables.evaluations ?? [];
    expect(evaluations.length).toBeGreaterThan(0);
    for (const rows of [evaluations, []])
      await same(BeforeEvaluations, Evaluations, { body: { rows }, sourceNumbers: numbers });

    const ledger = tables.fund_ledger ?? [];
    const compounds = [...new Set(ledger.map((l) => l.compound_id))];
    expect(compounds.length).toBeGreaterThan(1);
    for (const id of compounds) {
      const lines = runningLedger(ledger.filter((l) => l.compound_id === id));
      // With every source numbered the ledger cites one source above the table; with none, on each row.
      for (const sourceNumbers of [numbers, new Map()])
        await same(BeforeFundLedgerTable, FundLedgerTable, { lines, sourceNumbers });
    }

    const members = tables.committee_members ?? [];
    for (const term of tables.committees ?? [])
      for (const status of ['current', 'expired', 'past']) {
        const own = members.filter((m) => m.committee_id === term.id);
        await same(BeforeCommitteeCard, CommitteeCard, {
          term,
          members: own,
          status,
          asOf: '2026-11-01',
          sourceNumbers: numbers,
        });
      }
    const odd = { ...members[0]!, name: NASTY, role: '委员' } as Row<'committee_members'>;
    const term = (tables.committees ?? [])[0]!;
    for (const termNumber of [undefined, 3])
      await same(BeforeCommitteeCard, CommitteeCard, {
        term: { ...term, term_number: termNumber },
        members: [odd, odd],
        status: 'current',
        asOf: '2026-11-01',
        sourceNumbers: new Map(),
      });
  });
  it('Fees: the standards in force and every change, on the project data and odd values', async () => {
    const same = await sameAs();
    const site = await getSiteData();
    let drawn = 0;
    for (const c of siteTables(site).compounds ?? []) {
      const p = compoundPageData(site, c.id);
      const fees = p.sections.find((s) => s.id === 'fees');
      if (!fees || fees.id !== 'fees' || fees.empty) continue;
      const body = fees.body;
      await same(BeforeFees, Fees, { body, sourceNumbers: p.sourceNumbers });
      const f = body.current.find((x) => x.current)?.current;
      if (!f) continue;
      const odd = { ...f, category: NASTY, pricing: NASTY, approval: undefined, services: undefined };
      const current = [...body.current, { category: NASTY, current: undefined }, { category: '', current: odd }];
      await same(BeforeFees, Fees, {
        body: { ...body, current, history: [odd, { ...odd, approval: NASTY, services: [NASTY, ''] }] },
        sourceNumbers: new Map(),
      });
      drawn++;
    }
    expect(drawn).toBeGreaterThan(2);
  });
});

describe('section frames as strings', () => {
  it('Section: heading, date, empty statement, classes', async () => {
    const same = await sameAs();
    for (const id of ['fund', NASTY, ''])
      for (const updated of [undefined, '', '2024-01-02'])
        for (const empty of [undefined, '', NASTY])
          for (const className of [undefined, '', 'no-print'])
            await same(BeforeSection, Section, { id, title: NASTY, updated, empty, class: className }, '<p>内容</p>');
  });

  it('CompoundSections: every section of every compound of the project data, and an empty one', async () => {
    const site = await getSiteData();
    const report = (name: string) => ({
      meta: site.meta,
      compoundId: 'x&"',
      compoundName: name,
      url: 'https://example.org/compound/a&b"/',
    });
    let sections = 0;
    for (const c of siteTables(site).compounds ?? []) {
      const p = compoundPageData(site, c.id, { fund: '2026-01-02', firm: '' });
      const framed = [...p.sections, { ...p.sections[0]!, empty: NASTY, print: false }];
      for (const name of [c.name, NASTY]) {
        const props = { sourceNumbers: p.sourceNumbers, report: report(name) };
        const container = await AstroContainer.create();
        let before = '';
        for (const section of framed)
          before += await container.renderToString(BeforeCompoundSection, { props: { ...props, section } });
        const after = await container.renderToString(CompoundSections, { props: { ...props, sections: framed } });
        // The container writes a chart's script tag once a render (a build, once a page): not the frame's.
        const scripts = (html: string) => html.replace(/<script type="module" src="[^"]*"><\/script>/g, '');
        expect(scripts(after), `${c.id} ${name}`).toBe(scripts(before));
      }
      sections += p.sections.length;
    }
    expect(sections).toBeGreaterThan(50);
  });
});
