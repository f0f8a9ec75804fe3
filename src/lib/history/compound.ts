/**
 * History per compound: which commits touched the compound's rows or notices, and
 * per section of the compound page the date it last changed. Grouping reads each
 * commit's row keys once and keeps, per compound, only where its rows are; a
 * compound's rows are read from disk when its pages render (store.ts).
 */
import {
  sectionOfCollection,
  sectionOfTable,
  type DatedSectionId,
  type SectionDates,
} from '../views/compound/sections.ts';
import type { CompoundIndex } from '../model/relations.ts';
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

/**
 * The compounds a changed row concerns: the current data's answer, plus what the
 * changed line itself says (a removed row is no longer in the current data).
 */
function compoundsOfRowChange(rc: Pick<RowKey, 'table' | 'rowId' | 'cells'>, index: CompoundIndex): string[] {
  const out = new Set(index.of(rc.table, rc.rowId));
  const c = rc.cells;
  if (rc.table === 'compounds') out.add(rc.rowId);
  if (c.compound_id) out.add(c.compound_id);
  if (c.committee_id) for (const x of index.of('committees', c.committee_id)) out.add(x);
  if (rc.table === 'corrections' && c.table && c.row_id) for (const x of index.of(c.table, c.row_id)) out.add(x);
  return [...out].sort(cmp);
}

/** Where one compound's changes in one commit are: its rows' places in the commit's `.rows` file, and its content changes. */
interface Refs {
  commit: StoredCommit;
  /** Byte offset and length of each row line, flat: [at, length, at, length, …]. */
  rows: number[];
  content: ContentChange[];
}

/** The history grouped by compound, each compound's rows read when asked for. */
export class CompoundHistory {
  private readonly by = new Map<string, Refs[]>();
  private readonly touched = new Map<string, Set<string>>();

  constructor(commits: readonly StoredCommit[], index: CompoundIndex, content: ContentIndex) {
    const refs = (compound: string, c: StoredCommit) => {
      let list = this.by.get(compound);
      if (!list) this.by.set(compound, (list = []));
      let last = list[list.length - 1];
      if (!last || last.commit !== c) list.push((last = { commit: c, rows: [], content: [] }));
      return last;
    };
    for (const c of commits) {
      const touched = new Set<string>();
      c.forEachKey((k) => {
        for (const id of compoundsOfRowChange(k, index)) {
          refs(id, c).rows.push(k.at, k.length);
          touched.add(id);
        }
      });
      this.touched.set(c.commit.hash, touched);
      for (const ch of c.content)
        for (const id of content.get(`${ch.collection}/${ch.id}`) ?? []) refs(id, c).content.push(ch);
    }
  }

  /** The commits that touched a compound, newest first, with its rows read from disk. */
  get(compound: string): CompoundCommit[] | undefined {
    return this.by.get(compound)?.map((r) => {
      const keys: Pick<RowKey, 'at' | 'length'>[] = [];
      for (let i = 0; i < r.rows.length; i += 2) keys.push({ at: r.rows[i]!, length: r.rows[i + 1]! });
      return compoundCommit(r.commit.commit, readRowsAt(r.commit.rowsFile, keys), r.content);
    });
  }

  /** The commits that touched a compound, newest first, without reading their rows (for choosing). */
  commitsOf(compound: string): Commit[] {
    return this.by.get(compound)?.map((r) => r.commit.commit) ?? [];
  }

  /** The compounds a commit's row changes concern, sorted. */
  compoundsOf(hash: string): string[] {
    return [...(this.touched.get(hash) ?? [])].sort(cmp);
  }
}

/** compound id → the commits that touched it, newest first. */
export function historyByCompound(
  commits: readonly StoredCommit[],
  index: CompoundIndex,
  content: ContentIndex,
): CompoundHistory {
  return new CompoundHistory(commits, index, content);
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
