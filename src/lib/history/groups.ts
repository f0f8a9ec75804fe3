/**
 * One commit's row changes grouped by compound, kept beside the commit's cache
 * entry (store.ts) so that a build groups only what it has not grouped before:
 * at 15,000 compounds regrouping every commit's 2.4 million row keys cost ≈ 6 s
 * of every build. A grouping depends on the commit's entry (whose key covers
 * the commit and its parse) and on exactly the row → compound index entries it
 * looked up, nothing else, so that is what it is checked against:
 *
 * - per table it looked up, the digest of the whole index's entries for that
 *   table when it grouped: unchanged, so is every lookup into it (the usual
 *   build: the new commit corrected values and moved no row);
 * - where a table's digest changed (rows added, removed or reassigned), its
 *   lookups are asked again (the row keys are read, nothing is grouped) and
 *   their answers compared, as a digest per table, with the answers the
 *   grouping got: only a commit whose own answers changed is grouped again.
 *
 * The lookups a commit makes follow from its row keys alone, so the answers in
 * order say everything the grouping took from the index.
 *
 * File: `<entry>.groups`, a JSON header, then each compound's row places as
 * float64 pairs (offset and length of the line in `.rows`), written under a
 * temporary name and renamed.
 */
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, utimesSync, writeFileSync } from 'node:fs';
import type { CompoundLookup } from '../model/relations.ts';
import { cmp } from '../util/compare.ts';
import type { RowKey, StoredCommit } from './store.ts';

/** Bump when what a grouping holds, or how it is found, changes. */
const VERSION = 'groups-4';

/** Asks the index and records the question and its answer. */
type Look = (table: string, id: string) => readonly string[] | undefined;

/** The compounds a changed row concerns: the current data's answer, plus what the changed line itself says (a removed row is no longer in the current data). */
function compoundsOfRowChange(rc: Pick<RowKey, 'table' | 'rowId' | 'cells'>, look: Look): string[] {
  const own = look(rc.table, rc.rowId);
  const c = rc.cells;
  const committee = c.committee_id ? look('committees', c.committee_id) : undefined;
  const corrected = rc.table === 'corrections' && c.table && c.row_id ? look(c.table, c.row_id) : undefined;
  // The usual row names one compound and the index agrees: no set to build (2.4 million rows at 15,000).
  const self = rc.table === 'compounds' ? rc.rowId : c.compound_id;
  const oneSelf = rc.table !== 'compounds' || !c.compound_id || c.compound_id === rc.rowId;
  if (!committee && !corrected && oneSelf) {
    if (!own || own.length === 0) return self ? [self] : [];
    if (self && own.length === 1 && own[0] === self) return [self];
  }
  const out = new Set(own ?? []);
  if (rc.table === 'compounds') out.add(rc.rowId);
  if (c.compound_id) out.add(c.compound_id);
  for (const x of committee ?? []) out.add(x);
  for (const x of corrected ?? []) out.add(x);
  return [...out].sort(cmp);
}

/** One commit's rows per compound, compounds in the order first seen. */
export interface CommitGroups {
  compounds: string[];
  /** The rows' places in the commit's `.rows` file, compound after compound: [at, length, at, length, …]. */
  pairs: ArrayLike<number>;
  /** Where each compound's pairs start in `pairs`, and one more: the end. */
  starts: number[];
}

/** Lays out per-compound row places as one `CommitGroups`. */
function laidOut(by: Map<string, number[]>): CommitGroups {
  const starts = [0];
  const pairs: number[] = [];
  for (const rows of by.values()) {
    for (const x of rows) pairs.push(x);
    starts.push(pairs.length);
  }
  return { compounds: [...by.keys()], pairs, starts };
}

interface Header {
  v: string;
  rowCount: number;
  /** Per table looked up: the index's digest for that table when this grouping was made or last checked, and the digest of the answers its lookups got. */
  tables: Record<string, { index: string; answers: string }>;
  /** Compound ids in order, and each one's number of rows. */
  compounds: string[];
  counts: number[];
}

/** A table's answers, as text: `[]` and "not in the index" group alike. */
const answer = (v: readonly string[] | undefined) => (v ? v.join('\n') : '');

const digests = new WeakMap<CompoundLookup, Map<string, string>>();

/** Per table, a digest of the index's entries for it, in the index's order; once per index. */
function indexDigests(index: CompoundLookup): Map<string, string> {
  let out = digests.get(index);
  if (out) return out;
  const hashes = new Map<string, { h: ReturnType<typeof createHash>; buf: Buffer; used: number }>();
  const flush = (s: { h: ReturnType<typeof createHash>; buf: Buffer; used: number }) => {
    s.h.update(s.buf.subarray(0, s.used));
    s.used = 0;
  };
  // Keys and answers written into one buffer per table and hashed in blocks: one native call per block, not per entry.
  for (const [t, id, value] of index.entries()) {
    let s = hashes.get(t);
    if (!s) hashes.set(t, (s = { h: createHash('sha256'), buf: Buffer.allocUnsafe(1 << 16), used: 0 }));
    const text = `${id}\t${answer(value)}\u0000`;
    if (s.buf.length - s.used < text.length * 3) flush(s);
    if (text.length * 3 > s.buf.length) s.h.update(text);
    else s.used += s.buf.write(text, s.used);
  }
  out = new Map();
  for (const [t, s] of hashes) {
    flush(s);
    out.set(t, s.h.digest('hex'));
  }
  digests.set(index, out);
  return out;
}

/** A table the index holds nothing for has this digest: lookups into it all answered "none". */
const EMPTY_TABLE = createHash('sha256').digest('hex');

const digestOf = (all: Map<string, string>, table: string) => all.get(table) ?? EMPTY_TABLE;

/** Asks the index every question a commit's row keys raise; per table, the digest of the answers in order. */
function ask(
  c: StoredCommit,
  index: CompoundLookup,
  each?: (k: RowKey, compounds: string[]) => void,
): Map<string, string> {
  const answers = new Map<string, string[]>();
  const look: Look = (table, id) => {
    const found = index.of(table, id);
    // Unknown and empty answer alike; undefined keeps compoundsOfRowChange's fast path.
    const v = found.length > 0 ? found : undefined;
    let t = answers.get(table);
    if (!t) answers.set(table, (t = []));
    t.push(answer(v));
    return v;
  };
  c.forEachKey((k) => {
    const ids = compoundsOfRowChange(k, look);
    each?.(k, ids);
  });
  const out = new Map<string, string>();
  // Answers hold no newline (compound ids do not): joined, one hash per table.
  for (const [t, list] of answers) out.set(t, createHash('sha256').update(list.join('\n')).digest('hex'));
  return out;
}

/** Groups a commit from its row keys. */
function group(c: StoredCommit, index: CompoundLookup): { groups: CommitGroups; answers: Map<string, string> } {
  const by = new Map<string, number[]>();
  const answers = ask(c, index, (k, compounds) => {
    for (const id of compounds) {
      let rows = by.get(id);
      if (!rows) by.set(id, (rows = []));
      rows.push(k.at, k.length);
    }
  });
  return { groups: laidOut(by), answers };
}

function write(base: string, c: StoredCommit, g: CommitGroups, tables: Header['tables']) {
  const tmp = `${base}.${process.pid}`;
  const header: Header = {
    v: VERSION,
    rowCount: c.rowCount,
    tables,
    compounds: g.compounds,
    counts: g.compounds.map((_, i) => (g.starts[i + 1]! - g.starts[i]!) / 2),
  };
  const head = Buffer.from(JSON.stringify(header));
  // The pairs start on an 8-byte boundary so they can be read in place.
  const start = 8 + Math.ceil(head.length / 8) * 8;
  const out = Buffer.alloc(start + g.pairs.length * 8);
  out.writeUInt32LE(head.length, 0);
  head.copy(out, 8);
  new Float64Array(out.buffer, out.byteOffset + start, g.pairs.length).set(g.pairs);
  writeFileSync(`${tmp}.groups.tmp`, out);
  renameSync(`${tmp}.groups.tmp`, `${base}.groups`);
}

/** The stored grouping, or undefined when it is missing, damaged or of another version. */
function read(base: string, c: StoredCommit): { header: Header; groups: CommitGroups } | undefined {
  let buf: Buffer;
  try {
    buf = readFileSync(`${base}.groups`);
    const now = new Date();
    utimesSync(`${base}.groups`, now, now);
  } catch {
    return undefined;
  }
  try {
    const len = buf.readUInt32LE(0);
    const header = JSON.parse(buf.toString('utf8', 8, 8 + len)) as Header;
    if (header.v !== VERSION || header.rowCount !== c.rowCount) return undefined;
    const start = 8 + Math.ceil(len / 8) * 8;
    if (header.counts.length !== header.compounds.length) return undefined;
    const total = header.counts.reduce((n, k) => n + 2 * k, 0);
    if (buf.length !== start + total * 8) return undefined;
    // readFileSync's memory is not always 8-byte aligned: then the pairs are copied once.
    const aligned = (buf.byteOffset + start) % 8 === 0 ? buf : Buffer.from(buf);
    const pairs = new Float64Array(aligned.buffer, aligned.byteOffset + start, total);
    const starts = [0];
    for (const k of header.counts) starts.push(starts[starts.length - 1]! + 2 * k);
    return { header, groups: { compounds: header.compounds, pairs, starts } };
  } catch {
    return undefined;
  }
}

/** How the groupings of one build were found, for tests and the benchmark. */
export interface GroupStats {
  /** Reused as stored (every looked-up table's digest unchanged). */
  reused: number;
  /** Reused after asking its lookups again (a table it looked up changed, its answers did not). */
  checked: number;
  /** Grouped from the commit's row keys. */
  grouped: number;
}

/** A commit's grouping: stored and still valid, or made now and stored. */
export function commitGroups(c: StoredCommit, index: CompoundLookup, stats?: GroupStats): CommitGroups {
  const base = c.entryBase;
  const all = indexDigests(index);
  const stored = read(base, c);
  if (stored) {
    const tables = Object.entries(stored.header.tables);
    if (tables.every(([t, d]) => d.index === digestOf(all, t))) {
      if (stats) stats.reused++;
      return stored.groups;
    }
    const answers = ask(c, index);
    const same = answers.size === tables.length && tables.every(([t, d]) => answers.get(t) === d.answers);
    if (same) {
      // The answers held: the next build takes the fast path.
      write(base, c, stored.groups, Object.fromEntries(tables.map(([t, d]) => [t, { ...d, index: digestOf(all, t) }])));
      if (stats) stats.checked++;
      return stored.groups;
    }
  }
  const { groups, answers } = group(c, index);
  write(
    base,
    c,
    groups,
    Object.fromEntries([...answers].map(([t, a]) => [t, { index: digestOf(all, t), answers: a }])),
  );
  if (stats) stats.grouped++;
  return groups;
}
