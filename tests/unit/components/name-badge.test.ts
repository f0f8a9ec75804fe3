import { describe, expect, it } from 'vitest';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import TemplateNames from '../../fixtures/components/TemplateNames.astro';
import DemoBadge from '../../../src/components/common/DemoBadge.astro';
import NameBadge from '../../../src/components/common/NameBadge.astro';
import { DEMO_BADGE_HTML, nameBadgeHtml } from '../../../src/components/common/name-badge.ts';
import { streetNameHtml } from '../../../src/components/directory/street-name.ts';
import { buildSiteData } from '../../../src/lib/model/build.ts';
import type { MdxDocs, Rows } from '../../../src/lib/model/types.ts';
import { TABLE_NAMES, type Row } from '../../../src/lib/schema/tables.ts';

const meta = { title: 't', as_of: '2026-11-01', licence: 'CC BY 4.0', standard_version: 1 as const, publisher: 'p' };
const noDocs: MdxDocs = { notices: [], audits: [], policies: [], cases: [] };
const rows = Object.fromEntries(TABLE_NAMES.map((n) => [n, []])) as unknown as Rows;
rows.sources = [{ id: 's1', kind: '新闻报道', title: '报道' }] as Row<'sources'>[];
rows.districts = [{ id: 'd1', name: '甲区', city: '上海市', source_id: 's1' }] as Row<'districts'>[];
rows.streets = [{ id: 'st&1', name: '<甲> "街道" & \'镇\'', district_id: 'd1', source_id: 's1' }] as Row<'streets'>[];
const site = buildSiteData(meta, rows, noDocs);

const NAMES = ['甲小区（演示）', `<b>&amp; "双引号" '单引号'`, ''];
const HREFS = [undefined, '', '/compound/x/', '/firm/a&b"c/'];
const DEMOS = [undefined, false, true];
const STREETS: [string | undefined, string | undefined][] = [
  [undefined, undefined],
  ['st&1', undefined],
  ['unknown', '未公布'],
  [undefined, '<未知>'],
];

describe('name and street strings', () => {
  it('are the bytes the templates they replaced wrote', async () => {
    const container = await AstroContainer.create();
    for (const name of NAMES)
      for (const href of HREFS)
        for (const demo of DEMOS)
          for (const [streetId, fallback] of STREETS) {
            const props = { name, href, demo, site, streetId, ...(fallback === undefined ? {} : { fallback }) };
            const template = await container.renderToString(TemplateNames, { props });
            const strings = `<th>${nameBadgeHtml(name, href, demo)}</th><td>${streetNameHtml(site, streetId, fallback)}</td>`;
            expect(strings, JSON.stringify([name, href, demo, streetId, fallback])).toBe(template);
          }
  });

  it('NameBadge prints the string', async () => {
    const container = await AstroContainer.create();
    const html = await container.renderToString(NameBadge, { props: { name: '甲', href: '/firm/f1/', demo: true } });
    expect(html).toBe('<a href="/firm/f1/">甲</a><span class="badge badge--demo" title="虚构的演示数据">演示</span>');
  });

  it('DemoBadge prints the badge the strings write', async () => {
    const container = await AstroContainer.create();
    expect(await container.renderToString(DemoBadge)).toBe(DEMO_BADGE_HTML);
  });
});
