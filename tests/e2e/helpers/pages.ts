/**
 * One page of every type, chosen from the bundled data (and, for MDX pages, from the build),
 * for the tests that visit "every page type": external requests, accessibility, no-JS.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { honourTitleHref } from '../../../src/lib/views/urls.ts';
import { isDemo, readTable, rowWhere } from './data.ts';
import { SITE_DIR } from './site.ts';

export interface PageSample {
  type: string;
  path: string;
}

/** The real compound the tests look at closely (it is in the articles). */
export const realCompound = () => rowWhere('compounds', 'name', '海丽花园');

/**
 * The demo compound with the most figures (fee standards, collection, fund ledger, public
 * revenue), first by id on a tie: the one whose page has every chart.
 */
export function demoCompound() {
  const figures = ['fee_standards', 'fee_collection', 'fund_ledger', 'public_revenue'];
  const ranked = readTable('compounds')
    .filter(isDemo)
    .map((c) => {
      const counts = figures.map((t) => readTable(t).filter((r) => r.compound_id === c.id).length);
      return { c, tables: counts.filter((n) => n > 0).length, rows: counts.reduce((a, b) => a + b, 0) };
    })
    .sort((a, b) => b.tables - a.tables || b.rows - a.rows || (a.c.id! < b.c.id! ? -1 : 1));
  if (!ranked[0]) throw new Error('data/compounds.csv has no demo=是 compound');
  return ranked[0].c;
}

/** The first built page of a content collection, e.g. /notices/<id>/. */
function firstBuilt(folder: string): string {
  const dir = join(SITE_DIR, folder);
  const ids = existsSync(dir) ? readdirSync(dir).filter((id) => existsSync(join(dir, id, 'index.html'))) : [];
  ids.sort();
  if (!ids[0]) throw new Error(`${dir} has no page: the build should have made /${folder}/<id>/ pages`);
  return `/${folder}/${ids[0]}/`;
}

export function pageSamples(): PageSample[] {
  const street = rowWhere('streets', 'name', '打浦桥街道');
  const firm = rowWhere('firms', 'name', '上海中海物业管理有限公司');
  return [
    { type: 'home', path: '/' },
    { type: 'compound (real)', path: `/compound/${realCompound().id}/` },
    { type: 'compound (demo)', path: `/compound/${demoCompound().id}/` },
    { type: 'firm', path: `/firm/${firm.id}/` },
    { type: 'street', path: `/street/${street.id}/` },
    { type: 'district', path: `/district/${street.district_id}/` },
    { type: 'honours', path: '/honours/' },
    { type: 'honour title', path: honourTitleHref('最美业主') },
    { type: 'rankings', path: '/rankings/' },
    { type: 'search', path: `/search/?q=${encodeURIComponent('海丽')}` },
    // People from the names index: their role and compound on the result line.
    { type: 'search (a person)', path: `/search/?q=${encodeURIComponent('沈莞愫')}` },
    { type: 'notice', path: firstBuilt('notices') },
    { type: 'policy', path: firstBuilt('policies') },
    { type: 'audit', path: firstBuilt('audits') },
    { type: 'case', path: firstBuilt('cases') },
    { type: 'compound summary sheet', path: `/compound/${demoCompound().id}/#print-sheet` },
    { type: 'changes', path: '/changes/' },
    { type: 'districts index', path: '/districts/' },
    { type: 'data', path: '/data/' },
    { type: 'compounds index', path: '/compound/' },
    { type: 'compounds of a district', path: `/compound/district/${street.district_id}/` },
    { type: 'firms index', path: '/firm/' },
    { type: 'firms of a district', path: `/firm/district/${street.district_id}/` },
    { type: 'notices index', path: '/notices/' },
    { type: 'notices of a district', path: firstBuilt('notices/district') },
    { type: 'not found (404)', path: '/404.html' },
    { type: 'fund below the warning line', path: '/data/fund-warning/' },
    { type: 'fee comparison', path: '/data/fees/' },
  ];
}
