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
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { DataIssue } from '../messages/issue.ts';
import { parseCsv } from '../dataset/read-csv.ts';
import { tableFromBytes } from '../dataset/load.ts';
import type { ParsedTables } from '../dataset/types.ts';
import { locator } from './index.ts';
import { columnsOf } from '../schema/tables.ts';
import { readBaseFile } from './ledger/git-base.ts';
import { baseLabel, compareWithBase } from './rules/ledger-append-only.ts';
import { splitLedger, type ChunkResult, type LedgerSplit } from './ledger-chunks.ts';
import type { RuleContext } from './types.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Body lines of a chunk (its text less the header line). */
function bodyOf(text: string): string {
  return text.slice(text.indexOf('\n') + 1);
}

function lineCount(body: string): number {
  let n = 0;
  for (let i = body.indexOf('\n'); i !== -1; i = body.indexOf('\n', i + 1)) n++;
  return body === '' || body.endsWith('\n') ? n : n + 1;
}

/** Some chunks of a file as one small file, and where each of its lines stands in the whole file. */
function excerpt(split: LedgerSplit, picked: readonly number[]): { bytes: Buffer; line: (line: number) => number } {
  const header = split.head.replace(/^\ufeff/, '');
  const starts: number[] = []; // first body line of each picked chunk in the excerpt
  const shifts: number[] = [];
  let text = header;
  let lines = 0;
  for (const k of picked) {
    const chunk = split.chunks[k] as LedgerSplit['chunks'][number];
    const body = bodyOf(chunk.text);
    starts.push(lines);
    shifts.push(chunk.shift);
    text += body;
    lines += lineCount(body);
  }
  const line = (l: number): number => {
    if (l < 2) return l; // the header
    const bodyLine = l - 2;
    let k = starts.length - 1;
    while (k > 0 && (starts[k] as number) > bodyLine) k--;
    return l + (shifts[k] as number) - (starts[k] as number);
  };
  return { bytes: Buffer.from(text), line };
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
    /** sha256 of each chunk's text, as the check keyed them. */
    hashes: readonly string[];
  },
): { issues: DataIssue[]; compared: number } | undefined {
  const { split, results, hashes } = today;
  const file = ctx.tables.fund_ledger.file;
  const gitPath = path.relative(ctx.root, path.resolve(ctx.root, file)).split(path.sep).join('/');
  if (gitPath.startsWith('..')) return undefined;
  const base = readBaseFile(ctx.root, gitPath);
  if (!base.ok || base.bytes === undefined) return undefined;
  const baseSplit = splitLedger(base.bytes);
  if (!baseSplit || baseSplit.head.replace(/^\ufeff/, '') !== split.head.replace(/^\ufeff/, '')) return undefined;

  // Today's chunks that are a base chunk byte for byte, each base chunk matched once.
  const unmatched = new Map<string, number[]>();
  baseSplit.chunks.forEach((c, k) => {
    const key = sha256(c.text);
    const list = unmatched.get(key);
    if (list) list.push(k);
    else unmatched.set(key, [k]);
  });
  const changed: number[] = [];
  const same: number[] = [];
  split.chunks.forEach((_, k) => {
    const match = unmatched.get(hashes[k] as string);
    if (match && match.length > 0) {
      match.shift();
      same.push(k);
    } else changed.push(k);
  });
  const baseChanged = [...unmatched.values()].flat().sort((a, b) => a - b);

  const before = excerpt(baseSplit, baseChanged);
  const now = excerpt(split, changed);
  // Ids of the base: the unchanged chunks' (today's, the same bytes) and the compared chunks'. One in two places and the
  // rule's "first row of an id" is a question about the whole file.
  const columns = columnsOf('fund_ledger').map((c) => ({ name: c.name, title: c.meta.title }));
  const read = parseCsv(before.bytes, file, columns);
  if (read.issues.some((i) => i.kind === 'quote' || i.kind === 'quote-invalid')) return undefined;
  const ids = new Set<string>();
  const baseIds = [...same.flatMap((k) => (results[k] as ChunkResult).ids), ...read.rows.map((r) => r.cells.id ?? '')];
  for (const id of baseIds) {
    if (id === '') continue;
    if (ids.has(id)) return undefined;
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
