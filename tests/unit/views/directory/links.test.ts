import { describe, expect, it } from 'vitest';
import { buildSiteData } from '../../../../src/lib/model/build.ts';
import { type Rows } from '../../../../src/lib/model/types.ts';
import { TABLE_NAMES } from '../../../../src/lib/schema/tables.ts';
import type { Firm } from '../../../../src/lib/schema/firms.ts';
import type { Source } from '../../../../src/lib/schema/sources.ts';
import { honourRecipient } from '../../../../src/lib/views/links.ts';
import { showsDemo } from '../../../../src/lib/views/directory/demo.ts';
import { committee, compound, honour } from './rows.ts';

const empty = Object.fromEntries(TABLE_NAMES.map((t) => [t, []])) as unknown as Rows;
const firm = (id: string, demo = false) => ({ id, name: `${id}公司`, short_name: id, demo, source_id: 'news' }) as Firm;
const source = (id: string, kind: Source['kind']) => ({ id, kind, title: id, publisher: 'p' }) as Source;

const site = buildSiteData(
  { title: 't', as_of: '2026-11-01', licence: 'x', standard_version: 1, publisher: 'p' },
  {
    ...empty,
    sources: [source('news', '新闻报道'), source('demo', '演示数据')],
    compounds: [compound('diting', { name: '帝庭大厦' }), compound('lanting', { name: '兰亭苑', demo: true })],
    firms: [firm('zhonghai'), firm('anju', true)],
    committees: [committee('diting-ywh', 'diting')],
  },
  { notices: [], audits: [], policies: [], cases: [] },
);

describe('honourRecipient', () => {
  it('a person shows name and post and links to their compound, found through their committee', () => {
    const r = honourRecipient(
      site,
      honour('h1', 2023, '最美业主', {
        committee_id: 'diting-ywh',
        person_name: '沈莞愫',
        person_post: '帝庭大厦业委会主任',
        source_id: 'news',
      }),
    );
    expect(r).toEqual({
      name: '沈莞愫',
      post: '帝庭大厦业委会主任',
      href: '/compound/diting/',
      hrefLabel: '帝庭大厦',
      demo: false,
    });
  });

  it('a person without a compound links to their firm', () => {
    const r = honourRecipient(
      site,
      honour('h2', 2023, '最美物业人', { firm_id: 'zhonghai', person_name: '张浩', source_id: 'news' }),
    );
    expect(r.href).toBe('/firm/zhonghai/');
    expect(r.hrefLabel).toBe('zhonghai');
  });

  it('a firm, a committee and a compound link to their own pages; demo rows are flagged', () => {
    expect(
      honourRecipient(site, honour('h3', 2023, 'x', { recipient_kind: '物业企业', firm_id: 'anju' })),
    ).toMatchObject({
      name: 'anju公司',
      href: '/firm/anju/',
      demo: true,
    });
    expect(
      honourRecipient(
        site,
        honour('h4', 2023, 'x', { recipient_kind: '业委会', committee_id: 'diting-ywh', source_id: 'news' }),
      ),
    ).toMatchObject({
      name: '帝庭大厦业委会',
      href: '/compound/diting/',
      demo: false,
    });
    expect(
      honourRecipient(
        site,
        honour('h5', 2023, 'x', { recipient_kind: '小区', compound_id: 'lanting', source_id: 'news' }),
      ).demo,
    ).toBe(true);
    expect(honourRecipient(site, honour('h6', 2023, 'x', { recipient_kind: '小区', source_id: 'demo' })).demo).toBe(
      true,
    );
  });
});

describe('showsDemo', () => {
  it('is true when any shown compound, firm or cited source is demo data', () => {
    expect(showsDemo(site, { compounds: [compound('a')], rows: [{ source_id: 'news' }] })).toBe(false);
    expect(showsDemo(site, { rows: [{ source_id: 'demo' }] })).toBe(true);
    expect(showsDemo(site, { firms: [firm('anju', true)] })).toBe(true);
  });
});
