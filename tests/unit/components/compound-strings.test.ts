/**
 * The compound page's repeated parts written as strings (common/html.ts) must be the bytes the
 * templates they replaced wrote (tests/fixtures/components/before/): the same escaping of text
 * and attributes, the same empty values and fallbacks.
 */
import { describe, expect, it } from 'vitest';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import type { AstroComponentFactory } from 'astro/runtime/server/index.js';
import BeforeSearchPeople from '../../fixtures/components/before/SearchPeople.astro';
import BeforeCompoundToc from '../../fixtures/components/before/CompoundToc.astro';
import BeforeKeyFacts from '../../fixtures/components/before/KeyFacts.astro';
import BeforeCadenceTable from '../../fixtures/components/before/CadenceTable.astro';
import BeforeHonourList from '../../fixtures/components/before/HonourList.astro';
import BeforeNotices from '../../fixtures/components/before/Notices.astro';
import BeforeEvaluations from '../../fixtures/components/before/Evaluations.astro';
import SearchPeople from '../../../src/components/search/SearchPeople.astro';
import CompoundToc from '../../../src/components/compound/CompoundToc.astro';
import KeyFacts from '../../../src/components/compound/KeyFacts.astro';
import CadenceTable from '../../../src/components/opendata/CadenceTable.astro';
import HonourList from '../../../src/components/compound/HonourList.astro';
import Notices from '../../../src/components/compound/sections/Notices.astro';
import Evaluations from '../../../src/components/compound/sections/Evaluations.astro';
import { getSiteData } from '../../../src/lib/model/load.ts';
import { siteTables } from '../../../src/lib/model/tables.ts';
import { NOT_DISCLOSED, type KeyFact } from '../../../src/lib/views/compound/key-facts.ts';
import type { CadenceItem, CadenceStatus } from '../../../src/lib/views/cadence/compute.ts';
import type { Row } from '../../../src/lib/schema/tables.ts';

const NASTY = `<b>&amp; "双引号" '单引号' > <`;
const TEXTS = ['甲', NASTY, ''];

async function same(before: AstroComponentFactory, after: AstroComponentFactory, props: Record<string, unknown>) {
  const container = await AstroContainer.create();
  const html = await container.renderToString(after, { props });
  expect(html, JSON.stringify(props)).toBe(await container.renderToString(before, { props }));
  return html;
}

describe('the compound page as strings', () => {
  it('SearchPeople: the names index spans', async () => {
    for (const section of ['committee', NASTY, ''])
      for (const name of TEXTS)
        for (const role of TEXTS) {
          const people = [
            { name, role },
            { name: '  ', role: '委员' },
            { name: '王一', role },
          ];
          await same(BeforeSearchPeople, SearchPeople, { section, people });
        }
    expect(await same(BeforeSearchPeople, SearchPeople, { section: 'honours', people: [] })).toBe('');
  });

  it('CompoundToc: the entries', async () => {
    for (const title of TEXTS)
      for (const id of ['fund', NASTY, ''])
        await same(BeforeCompoundToc, CompoundToc, {
          toc: [
            { id, title },
            { id: 'a', title: '乙' },
          ],
        });
    await same(BeforeCompoundToc, CompoundToc, { toc: [] });
  });

  it('KeyFacts: the lines', async () => {
    const facts: KeyFact[] = [];
    for (const value of [...TEXTS, NOT_DISCLOSED])
      for (const href of [undefined, '', '/notices/a&b"c/'])
        for (const detail of [undefined, ...TEXTS])
          for (const warning of [undefined, ...TEXTS])
            facts.push({
              section: 'fund',
              label: value === '' ? NASTY : '维修资金',
              value,
              ...(href === undefined ? {} : { href }),
              ...(detail === undefined ? {} : { detail }),
              ...(warning === undefined ? {} : { warning }),
            });
    for (const base of [undefined, '', 'https://example.org/compound/a&b"/'])
      await same(BeforeKeyFacts, KeyFacts, { facts, class: 'no-print', ...(base === undefined ? {} : { base }) });
    await same(BeforeKeyFacts, KeyFacts, { facts: [] });
  });

  it('CadenceTable: the rows', async () => {
    const statuses: CadenceStatus[] = ['current', 'due', 'overdue', 'violation', 'none'];
    const items: CadenceItem[] = [];
    for (const status of statuses)
      for (const deadline of [undefined, '2026-03-31'])
        for (const text of TEXTS)
          items.push({
            item: 'fees',
            label: text || '收费标准',
            status,
            rule: text,
            detail: text,
            ...(deadline === undefined ? {} : { deadline }),
          } as CadenceItem);
    await same(BeforeCadenceTable, CadenceTable, { items, asOf: '2026-11-01' });
  });

  it('HonourList: the items', async () => {
    const h = (over: Partial<Row<'honours'>>): Row<'honours'> =>
      ({
        id: 'h',
        year: 2023,
        title: '最美业主',
        awarding_body: '房管局',
        recipient_kind: '个人',
        source_id: 's1',
        ...over,
      }) as Row<'honours'>;
    const honours: Row<'honours'>[] = [];
    for (const text of TEXTS.filter(Boolean))
      for (const date of [undefined, '2023-08-29'])
        for (const citation of [undefined, '', text]) {
          const common = {
            title: text,
            awarding_body: text,
            ...(date ? { date } : {}),
            ...(citation === undefined ? {} : { citation }),
          };
          honours.push(
            h({ ...common, person_name: text, person_post: text }),
            h({ ...common, person_name: text }),
            h({ ...common, recipient_kind: '物业企业', firm_id: 'f&1' }),
            h({ ...common, recipient_kind: '物业企业', firm_id: 'unknown"f' }),
            h({ ...common, recipient_kind: '小区' }),
          );
        }
    const firmNames = new Map([['f&1', NASTY]]);
    const firmName = (id: string) => firmNames.get(id);
    for (const searchSection of [undefined, 'honours'])
      await same(BeforeHonourList, HonourList, {
        honours,
        firmName,
        numbers: new Map([['s1', 3]]),
        ...(searchSection ? { searchSection } : {}),
      });
  });

  it('Notices: the notice and audit items', async () => {
    const notices = TEXTS.map((t, i) => ({
      id: `n-${i}${t}`,
      entry: undefined,
      data: { date: '2025-01-0' + (i + 1), kind: t, title: t, summary: t },
    }));
    const audits = TEXTS.map((t, i) => ({
      id: `a-${i}${t}`,
      entry: undefined,
      data: { published_on: '2025-02-0' + (i + 1), kind: t, title: t },
    }));
    for (const body of [
      { notices, audits },
      { notices: [], audits },
      { notices, audits: [] },
    ])
      await same(BeforeNotices, Notices, { body, sourceNumbers: new Map() });
  });

  it('Evaluations: the rows, with their 已更正 marks', async () => {
    const site = await getSiteData();
    // The project's own data corrects this evaluation's score: the row must carry the mark.
    const corrected = (siteTables(site).evaluations ?? []).find((e) => e.id === 'demo-2024-anju-wuye');
    expect(corrected).toBeDefined();
    const rows: Row<'evaluations'>[] = [corrected!];
    for (const text of TEXTS)
      rows.push({
        ...corrected!,
        id: `x-${text}`,
        evaluator: text,
        outcome: text || undefined,
        note: text || undefined,
        score: undefined,
        source_id: 'nowhere',
      } as Row<'evaluations'>);
    const html = await same(BeforeEvaluations, Evaluations, {
      body: { rows },
      sourceNumbers: new Map([[corrected!.source_id, 2]]),
    });
    expect(html).toContain('已更正');
  });
});
