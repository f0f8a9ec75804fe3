/**
 * The append-only rule (rules/ledger-append-only.ts) for the cached check, from the ledger's
 * chunks (ledger-chunks.ts). The rule compares the whole ledger with its copy at the last
 * published commit; at city scale that is two 150 MB files read and a million rows typed
 * whenever one compound's rows change. Both files are cut the same content-defined way, so a
 * chunk of today's file that is byte for byte a chunk of the base holds compounds whose rows did
 * not change: the rule can find nothing in them. Only the chunks that differ are compared, as
 * two small files, by the rule's own comparison, with every line put back where it stands in
 * its file.
 *
 * Why that is the whole file's answer: a compound's rows are together in both files (or
 * splitLedger gives up) and a cut falls only between compounds, so each compound sits in one
 * chunk of each file; with no id in two chunks (today's: `assemble` refuses it; the base's:
 * checked here), every published row, every compound's last published row and every chain
 * the rule looks at is inside the chunks compared. When that cannot be said (the base does
 * not split, an id repeats, a quote runs over a cut) this gives nothing and the rule reads
 * the whole files. tests/unit/validate/check-cache.test.ts holds both to the same issues.
 */
import { Buffer } from 'node:buffer';
import type { DataIssue } from '../messages/issue.ts';
import { parseCsv } from '../dataset/read-csv.ts';
import { tableFromBytes } from '../dataset/load.ts';
import type { ParsedTables } from '../dataset/types.ts';
import { locator } from './index.ts';
import { columnsOf } from '../schema/tables.ts';
import { readBaseFile } from './ledger/git-base.ts';
import { baseLabel, compareWithBase, gitPathOf } from './rules/ledger-append-only.ts';
import { chunkBody, chunkHash, splitLedger, type ChunkResult, type LedgerSplit } from './ledger-chunks.ts';
import type { RuleContext } from './types.ts';
import type { IdIndex } from './rules/util.ts';

function lineCount(body: string): number {
  let n = 0;
  for (let i = body.indexOf('\n'); i !== -1; i = body.indexOf('\n', i + 1)) n++;
  return body === '' || body.endsWith('\n') ? n : n + 1;
}

/** A chunk's body (its lines, without the header) and how many body lines come before it in its file. */
interface Part {
  body: string;
  shift: number;
}

/** Some chunks of a file as one small file, and where each of its lines stands in the whole file. */
function excerpt(header: string, parts: readonly Part[]): { bytes: Buffer; line: (line: number) => number } {
  const starts: number[] = []; // first body line of each part in the excerpt
  let text = header;
  let lines = 0;
  for (const { body } of parts) {
    starts.push(lines);
    text += body;
    lines += lineCount(body);
  }
  const line = (l: number): number => {
    if (l < 2) return l; // the header
    const bodyLine = l - 2;
    let k = starts.length - 1;
    while (k > 0 && (starts[k] as number) > bodyLine) k--;
    return l + (parts[k] as Part).shift - (starts[k] as number);
  };
  return { bytes: Buffer.from(text), line };
}

/**
 * The base's chunks as today's are matched against: the header (no BOM), each chunk's hash and
 * body-line shift, and where each body lies in the blob. Kept in the check cache under the blob's
 * id, so a later check hashes no chunk of the base and decodes only the bodies it compares.
 */
interface BaseCuts {
  head: string;
  hashes: string[];
  shifts: number[];
  /** Byte offset of each chunk's body in the blob, and the blob's length last. */
  offsets: number[];
}

function cutBase(bytes: Buffer): { cuts: BaseCuts; body: (k: number) => string } | undefined {
  const split = splitLedger(bytes);
  if (!split) return undefined;
  const head = split.head.replace(/^\ufeff/, '');
  const offsets = [split.chunks[0]?.from ?? Buffer.byteLength(split.head)];
  for (const { from, to } of split.chunks) offsets.push((offsets.at(-1) as number) + to - from);
  return {
    cuts: {
      head,
      hashes: split.chunks.map((_, k) => chunkHash(split, k)),
      shifts: split.chunks.map((c) => c.shift),
      offsets,
    },
    body: (k) => chunkBody(split, k),
  };
}

/** Reads and keeps a value the check cache holds for the run's code (cached.ts). */
export interface Memo {
  get(name: string): unknown;
  put(name: string, value: unknown): void;
}

/**
 * The rule's issues from the chunks that differ from the base's (and how many of today's chunks
 * that is), or undefined when the rule must
 * read the whole files (including when there is no base to compare with: the rule says why).
 */
export function appendOnlyFromChunks(
  ctx: RuleContext,
  today: {
    split: LedgerSplit;
    results: readonly ChunkResult[];
    /** Each chunk's chunkHash, as the check keyed them. */
    hashes: readonly string[];
    /** Every id of today's ledger (unique: the chunks stand for the file). */
    ids: IdIndex;
  },
  memo?: Memo,
): { issues: DataIssue[]; compared: number } | undefined {
  const { split, results, hashes } = today;
  const file = ctx.tables.fund_ledger.file;
  const gitPath = gitPathOf(ctx);
  if (gitPath.startsWith('..')) return undefined;
  const base = readBaseFile(ctx.root, gitPath);
  if (!base.ok || base.bytes === undefined) return undefined;
  const bytes = Buffer.from(base.bytes.buffer, base.bytes.byteOffset, base.bytes.byteLength);
  // Offsets in the blob stand for the split's text only when reading it changed nothing: no BOM, no CR.
  const plain = !bytes.includes(0x0d) && !(bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf);
  const name = `ledger-base-${base.blob}`;
  const kept = plain && base.blob ? (memo?.get(name) as BaseCuts | undefined) : undefined;
  let baseCuts: BaseCuts;
  let baseBody: (k: number) => string;
  if (kept) {
    baseCuts = kept;
    baseBody = (k) => bytes.toString('utf8', kept.offsets[k], kept.offsets[k + 1]);
  } else {
    const cut = cutBase(bytes);
    if (!cut) return undefined;
    ({ cuts: baseCuts, body: baseBody } = cut);
    if (plain && base.blob) memo?.put(name, baseCuts);
  }
  const head = split.head.replace(/^\ufeff/, '');
  if (baseCuts.head !== head) return undefined;

  // Today's chunks that are a base chunk byte for byte, each base chunk matched once.
  const unmatched = new Map<string, number[]>();
  baseCuts.hashes.forEach((key, k) => {
    const list = unmatched.get(key);
    if (list) list.push(k);
    else unmatched.set(key, [k]);
  });
  const changed: number[] = [];
  split.chunks.forEach((_, k) => {
    const match = unmatched.get(hashes[k] as string);
    if (match && match.length > 0) match.shift();
    else changed.push(k);
  });
  const baseChanged = [...unmatched.values()].flat().sort((a, b) => a - b);

  const before = excerpt(
    head,
    baseChanged.map((k) => ({ body: baseBody(k), shift: baseCuts.shifts[k] as number })),
  );
  const now = excerpt(
    head,
    changed.map((k) => {
      const chunk = split.chunks[k] as LedgerSplit['chunks'][number];
      return { body: chunkBody(split, k), shift: chunk.shift };
    }),
  );
  // An id in two places makes the rule's "first row of an id" a question about the whole file.
  const columns = columnsOf('fund_ledger').map((c) => ({ name: c.name, title: c.meta.title }));
  const read = parseCsv(before.bytes, file, columns);
  if (read.issues.some((i) => i.kind === 'quote' || i.kind === 'quote-invalid')) return undefined;
  // Today's ids are unique (assemble refuses them otherwise), so an id of the compared base
  // chunks is in two base chunks when it repeats among them or stands in one of today's chunks
  // that matched the base (today's ids, less those of the chunks compared).
  const compared = new Set(changed.flatMap((k) => (results[k] as ChunkResult).ids));
  const ids = new Set<string>();
  for (const row of read.rows) {
    const id = row.cells.id ?? '';
    if (id === '') continue;
    if (ids.has(id) || (today.ids.has(id) && !compared.has(id))) return undefined;
    ids.add(id);
  }

  const table = tableFromBytes('fund_ledger', file, now.bytes).table;
  const tables = { ...ctx.tables, fund_ledger: table } as ParsedTables;
  const locate = locator(tables);
  // The context's meta and content are getters that load on demand: passed on, never read here.
  const excerptCtx: RuleContext = {
    root: ctx.root,
    tables,
    get meta() {
      return ctx.meta;
    },
    get content() {
      return ctx.content;
    },
    at: (name, line, columnName) => {
      const at = locate(name, line, columnName);
      return name === 'fund_ledger' ? { ...at, line: now.line(line) } : at;
    },
  };
  return {
    issues: compareWithBase(excerptCtx, before.bytes, baseLabel(base), now.bytes, before.line),
    compared: changed.length,
  };
}
