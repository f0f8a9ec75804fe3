/** The open-data views of the site data, computed once per build. */
import type { SiteData } from './types.ts';
import { buildCompoundIndex, type CompoundIndex } from './relations.ts';
import type { TableRows } from './types.ts';

const memo = new WeakMap<SiteData, CompoundIndex>();

export function siteTables(site: SiteData): TableRows {
  return site.rows as unknown as TableRows;
}

export function siteCompoundIndex(site: SiteData): CompoundIndex {
  let index = memo.get(site);
  if (!index) {
    index = buildCompoundIndex(siteTables(site));
    memo.set(site, index);
  }
  return index;
}
