/**
 * The fund ledger in chunks, for the cached check (cached.ts). A city keeps one ledger file of
 * a million rows, and an edit to one compound's rows must not read and check all of them again.
 *
 * The file is cut at line starts where the compound changes, content-defined (where the new
 * compound id's hash says so, at least `minBytes` apart), so an edit moves no cut but its own
 * chunk's and an inserted or deleted row only shifts the lines of the chunks after it. Each
 * chunk is read with the header as a table of its own and checked by the ledger's per-row and
 * per-compound steps (LOCAL_STEPS); its issues are kept with lines relative to the chunk and
 * shifted by the lines before it. What the whole file adds (duplicate ids, a reversal of a row
 * in another chunk, a compound in two chunks, a broken quote that may swallow a cut) is checked
 * over all chunks' facts in `assemble`: when any of it is there, the chunks cannot stand for the
 * file and the whole file is read as before (the full check's answer, at the full check's cost).
 */
import { Buffer, isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import type { DataIssue } from '../messages/issue.ts';
import { fnv1a } from '../util/fnv.ts';
import { tableFromBytes } from '../dataset/load.ts';
import { displayIssues, type DisplayForms } from '../dataset/type-rows.ts';
import type { LocatedRow, ParsedTable } from '../dataset/types.ts';
import type { FundEntry } from '../schema/fund.ts';
import type { PrivacyFacts } from './rules/privacy.ts';
import { STEPS } from './rules/index.ts';
import { idIndex, idsInFileOrder, type IdIndex } from './rules/util.ts';
import type { RuleContext, StepResult } from './types.ts';

/** Where a chunk may end; tests cut at every compound to see many chunks in a small fixture. */
export const ledgerChunking = { minBytes: 64 * 1024, every: 16 };

/**
 * The ledger's steps that look at one row or one compound at a time: run on a chunk, they give
 * exactly the whole file's issues on its rows while `assemble` finds nothing across chunks.
 */
const LOCAL_STEPS = [
  'references:fund_ledger',
  'future-dates:fund_ledger',
  'fund-ledger',
  'privacy:fund_ledger',
  'ledger-reconcile',
];
/** Served from the chunks: the local steps and duplicate ids (none, or the chunks are not used). */
export const CHUNKED_STEPS = new Set([...LOCAL_STEPS, 'duplicate-id:fund_ledger']);

export interface LedgerSplit {
  /** Header line with the BOM if the file has one: read alone, it gives the file's header issues. */
  head: string;
  /**
   * The file's bytes, its line breaks made LF when it had CRs (as the whole read does, so the
   * lines stay the editor's), in shared memory when they were given so: the check's worker
   * (chunk-pool.ts) reads its chunks from them without a copy of the ledger on either side.
   */
  bytes: Uint8Array;
  /** Where the header line (without the BOM, with its line break) lies in `bytes`. */
  header: [number, number];
  /** Each chunk is the header line and the body lines `from` to `to` (bytes); `shift`: body lines before it. */
  chunks: { from: number; to: number; shift: number }[];
}

const LF = 0x0a;
const CR = 0x0d;
const COMMA = 0x2c;
const QUOTE = 0x22;

const asBuffer = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength);

/** The file with CRLF and lone CR made LF, in shared memory as the file was (BOM kept, so offsets count it). */
function lfOnly(bytes: Buffer, bom: number): Buffer {
  const text = bytes.toString('utf8', bom).replace(/\r\n?/g, '\n');
  const size = bom + Buffer.byteLength(text);
  const out = bytes.buffer instanceof SharedArrayBuffer ? Buffer.from(new SharedArrayBuffer(size)) : Buffer.alloc(size);
  bytes.copy(out, 0, 0, bom);
  out.write(text, bom);
  return out;
}

/**
 * The ledger's chunks, each the header and some whole lines; undefined when the file is not one
 * that chunks can read. The bytes are scanned, not decoded: a city's ledger is 150 MB, and only
 * the compound ids where they change are read as text.
 */
export function splitLedger(file: Uint8Array): LedgerSplit | undefined {
  if (!isUtf8(file)) return undefined; // the whole read reports the encoding
  let bytes = asBuffer(file);
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  if (bytes.includes(CR)) bytes = lfOnly(bytes, bom);
  const headerEnd = bytes.indexOf(LF, bom);
  if (headerEnd === -1) return undefined;
  const header = bytes.toString('utf8', bom, headerEnd);
  if (header.trim() === '' || header.includes('"')) return undefined;
  const compoundAt = header.split(',').indexOf('compound_id');
  if (compoundAt === -1) return undefined;
  const { minBytes, every } = ledgerChunking;
  const chunks: LedgerSplit['chunks'] = [];
  const length = bytes.length;
  const body = headerEnd + 1;
  let start = body;
  let shift = 0; // body lines before the chunk
  let lines = 0; // body lines before the current one
  let previous = '';
  let [from, to] = [0, 0]; // the previous key's bytes, when it had any
  const seen = new Set<string>();
  for (let s = body; s < length;) {
    const next = bytes.indexOf(LF, s);
    const end = next === -1 ? length : next;
    let a = s;
    for (let k = 0; k < compoundAt; a++) {
      if (a >= end) {
        a = -1; // the line has no compound id
        break;
      }
      if (bytes[a] === COMMA) k++;
    }
    let b = a;
    // A quote there may be a quoted field running over lines: never cut at it (a wrong cut is refused in assemble anyway).
    if (a !== -1)
      for (; b < end && bytes[b] !== COMMA; b++)
        if (bytes[b] === QUOTE) {
          a = -1;
          break;
        }
    let key = '';
    if (a !== -1 && b > a) {
      let same = b - a === to - from;
      for (let i = 0; same && i < b - a; i++) same = bytes[a + i] === bytes[from + i];
      key = same ? previous : bytes.toString('utf8', a, b);
    }
    [from, to] = key === '' ? [0, 0] : [a, b];
    if (key !== previous && key !== '') {
      // A compound whose rows are not together is checked whole: no need to read every chunk to learn it.
      if (seen.has(key)) return undefined;
      seen.add(key);
    }
    if (key !== previous && key !== '' && s - start >= minBytes && fnv1a(key) % every === 0) {
      chunks.push({ from: start, to: s, shift });
      start = s;
      shift = lines;
    }
    previous = key;
    lines++;
    s = end + 1;
  }
  if (start < length) chunks.push({ from: start, to: length, shift });
  return { head: `${bom ? '\ufeff' : ''}${header}\n`, bytes, header: [bom, body], chunks };
}

/** A chunk as the bytes of a file of its own: the header line and its body lines. */
export function chunkBytes({ bytes, header, chunks }: LedgerSplit, index: number): Buffer {
  const { from, to } = chunks[index] as LedgerSplit['chunks'][number];
  return Buffer.concat([bytes.subarray(...header), bytes.subarray(from, to)]);
}

/** A chunk's body lines as text. */
export function chunkBody({ bytes, chunks }: LedgerSplit, index: number): string {
  const { from, to } = chunks[index] as LedgerSplit['chunks'][number];
  return asBuffer(bytes).toString('utf8', from, to);
}

/** The key of a chunk's cache entries: the sha256 of its bytes (chunkBytes), hashed where they lie. */
export function chunkHash({ bytes, header, chunks }: LedgerSplit, index: number): string {
  const { from, to } = chunks[index] as LedgerSplit['chunks'][number];
  return createHash('sha256')
    .update(bytes.subarray(...header))
    .update(bytes.subarray(from, to))
    .digest('hex');
}

/** What one chunk gives, lines relative to it (its first row on line 2); kept in the check cache. */
export interface ChunkResult {
  rows: number;
  /** Reading and typing, without the header's issues and the per-file display-form summary. */
  issues: DataIssue[];
  display: DisplayForms[];
  /** A broken quote may run past the chunk's end, where the whole file reads on. */
  quoteBroken: boolean;
  steps: [string, StepResult][];
  /** Every id, typed and rejected rows, in file order. */
  ids: string[];
  /** Compound ids of its rows, typed and rejected. */
  compounds: string[];
  /**
   * `reverses` values that name no row of the chunk: if one names a row elsewhere, the chunk's
   * answer is not the file's. (One naming a rejected row of the chunk is: ids are unique then.)
   */
  unresolved: string[];
  /** Typed rows that an allocation names (fund-allocations reads only those). */
  allocated: LocatedRow<FundEntry>[];
}

/** A chunk's typed rows, lines relative to it, kept for the build (cached.ts `keepRows`). */
export interface ChunkRows {
  rows: LocatedRow<unknown>[];
  rejected: NonNullable<ParsedTable<unknown>['rejected']>;
  quoteBroken: boolean;
}

/** Read one chunk (chunkBytes) as a table of its own. */
export function readChunk(bytes: Uint8Array, file: string) {
  const read = tableFromBytes('fund_ledger', file, bytes);
  const quoteBroken = read.issues.some((i) => i.kind === 'quote' || i.kind === 'quote-invalid');
  return { read, quoteBroken };
}

/**
 * The ledger as the whole read types it, from its chunks' rows: undefined when a chunk's quote may
 * run past its end (then the whole file is read).
 */
export function tableFromChunks(split: LedgerSplit, file: string, chunks: readonly ChunkRows[]) {
  if (chunks.some((c) => c.quoteBroken)) return undefined;
  const { header } = tableFromBytes('fund_ledger', file, Buffer.from(split.head)).table;
  const table: ParsedTable<unknown> = { name: 'fund_ledger', file, header, rows: [], rejected: [] };
  chunks.forEach((c, n) => {
    const by = (split.chunks[n] as { shift: number }).shift;
    for (const r of c.rows) table.rows.push({ data: r.data, line: r.line + by });
    for (const r of c.rejected) table.rejected?.push({ line: r.line + by, raw: r.raw });
  });
  return table;
}

/** Read and check one chunk; `context` gives the rules' context with the chunk standing for the ledger. */
export function checkChunk(
  bytes: Uint8Array,
  file: string,
  context: (chunk: ParsedTable<unknown>) => RuleContext,
  keep?: (rows: ChunkRows) => void,
): ChunkResult {
  const { read, quoteBroken } = readChunk(bytes, file);
  keep?.({ rows: read.table.rows, rejected: read.table.rejected ?? [], quoteBroken });
  return checkRead(read, quoteBroken, context);
}

/** checkChunk's rules over a chunk already read (the check's worker reads chunks before it has their context). */
export function checkRead(
  read: ReturnType<typeof readChunk>['read'],
  quoteBroken: boolean,
  context: (chunk: ParsedTable<unknown>) => RuleContext,
): ChunkResult {
  const table = read.table as ParsedTable<FundEntry>;
  const ctx = context(read.table);
  const steps: [string, StepResult][] = [];
  for (const step of STEPS) if (LOCAL_STEPS.includes(step.name)) steps.push([step.name, step.run(ctx, () => [])]);
  const ids = idsInFileOrder(read.table as never);
  const own = new Set(ids);
  const compounds = new Set(table.rows.map((r) => r.data.compound_id));
  for (const r of table.rejected ?? []) if (r.raw.compound_id) compounds.add(r.raw.compound_id);
  const wanted = new Set(ctx.tables.fund_allocations.rows.map((r) => r.data.ledger_id));
  return {
    rows: table.rows.length,
    issues: read.issues.filter((i) => i.line > 1 && i.kind !== 'excel-display'),
    display: read.display,
    quoteBroken,
    steps,
    ids,
    compounds: [...compounds],
    unresolved: table.rows.flatMap((r) => (r.data.reverses && !own.has(r.data.reverses) ? [r.data.reverses] : [])),
    allocated: table.rows.filter((r) => wanted.has(r.data.id)),
  };
}

export interface LedgerFromChunks {
  rows: number;
  /** The file's own issues, as reading it whole gives them. */
  issues: DataIssue[];
  steps: Map<string, StepResult>;
  ids: IdIndex;
  allocated: LocatedRow<FundEntry>[];
}

const shifted = (issues: readonly DataIssue[], by: number) =>
  by === 0 ? issues : issues.map((i) => ({ ...i, line: i.line + by }));

/** The whole file from its chunks, or undefined when something across chunks needs the whole file read. */
export function assemble(
  split: LedgerSplit,
  file: string,
  results: readonly ChunkResult[],
): LedgerFromChunks | undefined {
  if (results.some((r) => r.quoteBroken)) return undefined;
  const compounds = new Set<string>();
  for (const r of results)
    for (const c of r.compounds) {
      if (compounds.has(c)) return undefined; // a compound's balance needs all its rows together
      compounds.add(c);
    }
  const all = results.flatMap((r) => r.ids);
  const ids = idIndex(all);
  if (ids.size !== all.length) return undefined; // duplicates: the first of each is the whole file's to say
  if (results.some((r) => r.unresolved.some((id) => ids.has(id)))) return undefined; // a reversal across chunks

  const head = tableFromBytes('fund_ledger', file, Buffer.from(split.head));
  const issues = [...head.issues];
  const display = new Map<string, DisplayForms>();
  const steps = new Map<string, StepResult>([...CHUNKED_STEPS].map((name) => [name, { issues: [] }]));
  const used = new Set<number>();
  const overlapsId = new Set<number>();
  let rows = 0;
  results.forEach((r, n) => {
    const by = (split.chunks[n] as { shift: number }).shift;
    rows += r.rows;
    issues.push(...shifted(r.issues, by));
    for (const d of r.display) {
      const seen = display.get(d.column);
      if (seen) seen.count += d.count;
      else display.set(d.column, { ...d, line: d.line + by });
    }
    for (const [name, result] of r.steps) {
      steps.get(name)?.issues.push(...shifted(result.issues, by));
      if (name !== 'privacy:fund_ledger') continue;
      const facts = result.facts as PrivacyFacts;
      for (const u of facts.used) used.add(u);
      for (const o of facts.overlapsId) overlapsId.add(o);
    }
  });
  issues.push(...displayIssues(file, head.table.header, [...display.values()]));
  (steps.get('privacy:fund_ledger') as StepResult).facts = {
    used: [...used],
    overlapsId: [...overlapsId],
  } satisfies PrivacyFacts;
  return {
    rows,
    issues,
    steps,
    ids,
    allocated: results.flatMap((r, n) =>
      r.allocated.map((a) => ({ ...a, line: a.line + (split.chunks[n] as { shift: number }).shift })),
    ),
  };
}
