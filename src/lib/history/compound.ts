/**
 * History per compound: which commits touched the compound's rows or notices, and
 * per section of the compound page the date it last changed. Each commit's rows
 * are grouped by compound once and kept with its cache entry (groups.ts); per
 * compound only where its rows are is held, and a compound's rows are read from
 * disk when its pages render (store.ts).
 */
import {
  sectionOfCollection,
  sectionOfTable,
  type DatedSectionId,
  type SectionDates,
} from '../views/compound/sections.ts';
import type { CompoundLookup } from '../model/relations.ts';
import { commitGroups, type CommitGroups, type GroupStats } from './groups.ts';
import type { Commit, ContentChange, RowChange } from './parse.ts';
import { readRowsAt, VerbCounter, type ChangeSet, type RowKey, type StoredCommit } from './store.ts';
import { cmp } from '../util/compare.ts';

/** One commit's changes to one compound, read into memory. */
export interface CompoundCommit extends ChangeSet {
  rows: RowChange[];
}

function compoundCommit(commit: Commit, rows: RowChange[], content: ContentChange[]): CompoundCommit {
  const tables = new Map<string, number>();
  const verbs = new VerbCounter();
  for (const r of rows) {
    tables.set(r.table, (tables.get(r.table) ?? 0) + 1);
    verbs.add(r);
  }
  return {
    commit,
    rows,
    content,
    rowCount: rows.length,
    tables: [...tables],
    verbs: verbs.counts(),
    firstRows: (n) => rows.slice(0, n),
  };
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

/** The history grouped by compound, each compound's rows read when asked for. */
export class CompoundHistory {
  private readonly commits: readonly StoredCommit[];
  private readonly groups: CommitGroups[] = [];
  /**
   * Per compound, the commits that touched it, in the commits' order, flat: [commit, group, …], the
   * commit's position and the compound's position in that commit's grouping (-1: content only).
   * Numbers, not an object per (compound, commit): 15,000 compounds × 50 commits at city scale.
   */
  private readonly by = new Map<string, number[]>();
  /** Content changes per compound, keyed by commit position. */
  private readonly content = new Map<string, Map<number, ContentChange[]>>();
  private readonly position = new Map<string, number>();

  constructor(commits: readonly StoredCommit[], index: CompoundLookup, content: ContentIndex, stats?: GroupStats) {
    this.commits = commits;
    commits.forEach((c, k) => {
      const g = commitGroups(c, index, stats);
      this.groups.push(g);
      this.position.set(c.commit.hash, k);
      g.compounds.forEach((id, i) => {
        const list = this.by.get(id);
        if (list) list.push(k, i);
        else this.by.set(id, [k, i]);
      });
      for (const ch of c.content)
        for (const id of content.get(`${ch.collection}/${ch.id}`) ?? []) {
          let list = this.by.get(id);
          if (!list) this.by.set(id, (list = []));
          if (list[list.length - 2] !== k) list.push(k, -1);
          let mine = this.content.get(id);
          if (!mine) this.content.set(id, (mine = new Map()));
          const at = mine.get(k);
          if (at) at.push(ch);
          else mine.set(k, [ch]);
        }
    });
  }

  /** The commits that touched a compound, newest first, with its rows read from disk. */
  get(compound: string): CompoundCommit[] | undefined {
    const list = this.by.get(compound);
    if (!list) return undefined;
    const out: CompoundCommit[] = [];
    for (let j = 0; j < list.length; j += 2) {
      const k = list[j]!;
      const i = list[j + 1]!;
      const c = this.commits[k]!;
      const keys: Pick<RowKey, 'at' | 'length'>[] = [];
      if (i !== -1) {
        const g = this.groups[k]!;
        for (let x = g.starts[i]!; x < g.starts[i + 1]!; x += 2)
          keys.push({ at: g.pairs[x]!, length: g.pairs[x + 1]! });
      }
      out.push(compoundCommit(c.commit, readRowsAt(c.rowsFile, keys), this.content.get(compound)?.get(k) ?? []));
    }
    return out;
  }

  /** The commits that touched a compound, newest first, without reading their rows (for choosing). */
  commitsOf(compound: string): Commit[] {
    const list = this.by.get(compound) ?? [];
    const out: Commit[] = [];
    for (let j = 0; j < list.length; j += 2) out.push(this.commits[list[j]!]!.commit);
    return out;
  }

  /** The compounds a commit's row changes concern, sorted. */
  compoundsOf(hash: string): string[] {
    const k = this.position.get(hash);
    return k === undefined ? [] : [...this.groups[k]!.compounds].sort(cmp);
  }
}

/** compound id → the commits that touched it, newest first. */
export function historyByCompound(
  commits: readonly StoredCommit[],
  index: CompoundLookup,
  content: ContentIndex,
  stats?: GroupStats,
): CompoundHistory {
  return new CompoundHistory(commits, index, content, stats);
}

/** The section of the compound page a changed row shows in (a correction: the corrected row's section). */
function sectionOf(rc: Pick<RowChange, 'table' | 'cells'>): DatedSectionId | undefined {
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
