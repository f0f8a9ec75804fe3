/**
 * History per compound: which commits touched the compound's rows or notices, and
 * per section of the compound page the date it last changed.
 */
import {
  sectionOfCollection,
  sectionOfTable,
  type DatedSectionId,
  type SectionDates,
} from '../views/compound/sections.ts';
import { rowKey, type CompoundIndex } from '../model/relations.ts';
import type { CommitChanges, ContentChange, RowChange } from './parse.ts';
import { cmp } from '../util/compare.ts';

export interface CompoundCommit {
  commit: CommitChanges['commit'];
  rows: RowChange[];
  content: ContentChange[];
}

/** `collection/id` → compound ids, from the content entries' front matter. */
export type ContentIndex = Map<string, string[]>;

export function buildContentIndex(
  entries: readonly { collection: string; id: string; data: Record<string, unknown> }[],
): ContentIndex {
  const index: ContentIndex = new Map();
  for (const e of entries) {
    const ids: string[] = [];
    if (typeof e.data.compound === 'string') ids.push(e.data.compound);
    if (Array.isArray(e.data.compounds)) for (const c of e.data.compounds) if (typeof c === 'string') ids.push(c);
    if (ids.length > 0) index.set(`${e.collection}/${e.id}`, ids);
  }
  return index;
}

/**
 * The compounds a changed row concerns: the current data's answer, plus what the
 * changed line itself says (a removed row is no longer in the current data).
 */
export function compoundsOfRowChange(rc: RowChange, index: CompoundIndex): string[] {
  const out = new Set(index.get(rowKey(rc.table, rc.rowId)) ?? []);
  const c = rc.cells;
  if (rc.table === 'compounds') out.add(rc.rowId);
  if (c.compound_id) out.add(c.compound_id);
  if (c.committee_id) for (const x of index.get(rowKey('committees', c.committee_id)) ?? []) out.add(x);
  if (rc.table === 'corrections' && c.table && c.row_id)
    for (const x of index.get(rowKey(c.table, c.row_id)) ?? []) out.add(x);
  return [...out].sort(cmp);
}

/** compound id → the commits that touched it, newest first. */
export function historyByCompound(
  commits: readonly CommitChanges[],
  index: CompoundIndex,
  content: ContentIndex,
): Map<string, CompoundCommit[]> {
  const by = new Map<string, CompoundCommit[]>();
  const entry = (compound: string, cc: CommitChanges) => {
    const list = by.get(compound) ?? [];
    let last = list[list.length - 1];
    if (!last || last.commit.hash !== cc.commit.hash) {
      last = { commit: cc.commit, rows: [], content: [] };
      list.push(last);
      by.set(compound, list);
    }
    return last;
  };
  for (const cc of commits) {
    for (const rc of cc.rows) for (const c of compoundsOfRowChange(rc, index)) entry(c, cc).rows.push(rc);
    for (const ch of cc.content)
      for (const c of content.get(`${ch.collection}/${ch.id}`) ?? []) entry(c, cc).content.push(ch);
  }
  return by;
}

/** The section of the compound page a changed row shows in (a correction: the corrected row's section). */
function sectionOf(rc: RowChange): DatedSectionId | undefined {
  if (rc.table === 'corrections') return rc.cells.table ? sectionOfTable(rc.cells.table) : undefined;
  return sectionOfTable(rc.table);
}

/** Per section, the date of the newest commit that changed it: the compound page's "本栏更新于" override. */
export function sectionDates(changes: readonly CompoundCommit[]): SectionDates {
  const dates: SectionDates = {};
  // Newest first: the first date seen for a section is its last change.
  for (const cc of changes) {
    for (const rc of cc.rows) {
      const s = sectionOf(rc);
      if (s && !dates[s]) dates[s] = cc.commit.date;
    }
    for (const ch of cc.content) {
      const s = sectionOfCollection(ch.collection);
      if (s && !dates[s]) dates[s] = cc.commit.date;
    }
  }
  return dates;
}

/**
 * The date the compound's row entered the data (the oldest commit adding it): since then the site
 * has listed the compound, and a section still empty has been missing at least that long.
 * Undefined when the history cannot tell: a shallow clone's oldest commit is only its boundary.
 */
export function compoundListedSince(
  changes: readonly CompoundCommit[],
  id: string,
  history: { available: boolean; shallow?: boolean },
): string | undefined {
  if (!history.available || history.shallow) return undefined;
  let since: string | undefined;
  // Newest first: the last match is the oldest addition (a row removed and added back counts from its first time).
  for (const cc of changes) {
    if (cc.rows.some((rc) => rc.table === 'compounds' && rc.rowId === id && rc.change === 'added'))
      since = cc.commit.date;
  }
  return since;
}
