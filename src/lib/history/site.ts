/**
 * History as the pages need it: loaded from git once per build and grouped by
 * compound with the current data's row → compound mapping.
 */
import { type SiteData } from '../model/types.ts';
import { siteCompoundIndex } from '../model/tables.ts';
import { buildContentIndex, historyByCompound, type CompoundHistory } from './compound.ts';
import { loadProjectHistory, type History } from './index.ts';

export interface SiteHistory {
  history: History;
  byCompound: CompoundHistory;
}

const memo = new WeakMap<SiteData, SiteHistory>();

export function getSiteHistory(site: SiteData): SiteHistory {
  let h = memo.get(site);
  if (!h) {
    const history = loadProjectHistory();
    const content = buildContentIndex([
      ...site.docs.notices.map((d) => ({
        collection: 'notices',
        id: d.id,
        data: { compound: d.data.compound },
      })),
      ...site.docs.audits.map((d) => ({ collection: 'audits', id: d.id, data: { compound: d.data.compound } })),
      ...site.docs.cases.map((d) => ({
        collection: 'cases',
        id: d.id,
        data: { compounds: d.data.compounds },
      })),
    ]);
    h = { history, byCompound: historyByCompound(history.commits, siteCompoundIndex(site), content) };
    memo.set(site, h);
  }
  return h;
}
