/**
 * The maintenance-fund ledger only grows forward. Compared with the ledger as last
 * published (src/lib/ledger/git-base.ts: the `published` tag, or `npm run check --
 * --base <rev>` / GONGSHI_LEDGER_BASE):
 *
 * - no published row may be edited or deleted;
 * - a new row of a compound must sort after that compound's last published row
 *   (ledger order: date, then id), unless it is a late entry with a late_reason;
 * - for every compound, the hash chain over the rows published at the base, taken
 *   from today's file, still ends in the head published then (a proof that does not
 *   rely on the cell comparison above).
 *
 * A base that was asked for and does not resolve fails the check; without any base
 * (outside git, or never published) the check says on stderr that it could not run,
 * once per process and reason, instead of passing silently.
 */
import { columnLabel } from '../../schema/labels.ts';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCsv } from '../../dataset/read-csv.ts';
import { typeRows } from '../../dataset/type-rows.ts';
import { compareLedgers } from '../ledger/append-only.ts';
import { compareLedgerOrder } from '../ledger/canonical.ts';
import { BASE_ENV, readBaseFile, resolveBase } from '../ledger/git-base.ts';
import { ledgerHeadHashes } from '../ledger/hash-chain.ts';
import type { FundEntry } from '../../schema/fund.ts';
import { columnsOf } from '../../schema/tables.ts';
import { issue } from '../../messages/catalogue.ts';
import type { DataIssue } from '../../messages/issue.ts';
import type { Rule, RuleContext } from '../types.ts';
import { rejectedValues } from './util.ts';

const noted = new Set<string>();

/** The explicit "could not run" note; exported so tests can see it was given. */
export function appendOnlyNote(reason: string): string {
  return `注意:未能检查维修资金流水是否只追加(${reason})。发布前请在 git 仓库中运行 npm run check -- --base <上次发布的提交>,或设置 ${BASE_ENV}。`;
}

function note(reason: string): void {
  const text = appendOnlyNote(reason);
  if (noted.has(text)) return;
  noted.add(text);
  console.warn(text);
}

function typedBase(bytes: Uint8Array, file: string): FundEntry[] {
  const columns = columnsOf('fund_ledger').map((c) => ({ name: c.name, title: c.meta.title }));
  return typeRows('fund_ledger', file, parseCsv(bytes, file, columns)).table.rows.map((r) => r.data);
}

/** New rows dated before their compound's last published row, without a late_reason. */
function backdated(ctx: RuleContext, published: readonly FundEntry[], label: string): DataIssue[] {
  const last = new Map<string, FundEntry>();
  for (const e of published) {
    const l = last.get(e.compound_id);
    if (!l || compareLedgerOrder(e, l) > 0) last.set(e.compound_id, e);
  }
  const known = new Set(published.map((e) => e.id));
  const issues: DataIssue[] = [];
  for (const { data: e, line } of ctx.tables.fund_ledger.rows) {
    const l = last.get(e.compound_id);
    if (known.has(e.id) || !l || e.late_reason || compareLedgerOrder(e, l) > 0) continue;
    issues.push(
      issue('ledger-backdated', ctx.at('fund_ledger', line, 'date'), {
        id: e.id,
        date: e.date,
        base: label,
        lastId: l.id,
        lastDate: l.date,
      }),
    );
  }
  return issues;
}

/** The chain over the published rows, recomputed from today's cells, against the heads of the base file. */
function chainProof(ctx: RuleContext, published: readonly FundEntry[], label: string): DataIssue[] {
  const then = ledgerHeadHashes(published);
  const ids = new Set(published.map((e) => e.id));
  const rows = ctx.tables.fund_ledger.rows.filter((r) => ids.has(r.data.id));
  const now = ledgerHeadHashes(rows.map((r) => r.data));
  // A compound with a row that failed typing is reported at that row, not again here.
  const incomplete = rejectedValues(ctx.tables, 'fund_ledger', 'compound_id');
  const issues: DataIssue[] = [];
  for (const [compound, head] of Object.entries(then)) {
    if (now[compound] === head || incomplete.has(compound)) continue;
    const line = rows.find((r) => r.data.compound_id === compound)?.line ?? 1;
    issues.push(
      issue('ledger-chain', ctx.at('fund_ledger', line, 'id'), {
        compound,
        base: label,
        count: published.filter((e) => e.compound_id === compound).length,
        then: head.slice(0, 16),
        now: (now[compound] ?? '(无)').slice(0, 16),
      }),
    );
  }
  return issues;
}

/** The ledger's path as git names it; outside the project when it starts with '..'. */
export function gitPathOf(ctx: RuleContext): string {
  const abs = path.resolve(ctx.root, ctx.tables.fund_ledger.file);
  return path.relative(ctx.root, abs).split(path.sep).join('/');
}

/**
 * What the rule reads besides the tables, as a key for the check cache (validate/cached.ts):
 * the base commit (its copy of the ledger is fixed by it). False when there is no base: then the
 * rule only says why (a note on stderr, or a failure), which must be said on every run.
 */
export function appendOnlyBaseKey(ctx: RuleContext): string | false {
  const gitPath = gitPathOf(ctx);
  if (gitPath.startsWith('..')) return false;
  const base = resolveBase(ctx.root);
  return base.ok ? JSON.stringify([gitPath, base.rev, base.commit]) : false;
}

export const ledgerAppendOnly: Rule = (ctx) => {
  const table = ctx.tables.fund_ledger;
  const abs = path.resolve(ctx.root, table.file);
  const gitPath = gitPathOf(ctx);
  const whole = { file: table.file, line: 1, column: 1, columnName: '-' };
  if (gitPath.startsWith('..')) {
    const requested = process.env[BASE_ENV];
    if (requested)
      return [issue('ledger-base-missing', whole, { rev: requested, reason: `${table.file} 不在项目目录内` })];
    note(`${table.file} 不在项目目录内`);
    return [];
  }
  const base = readBaseFile(ctx.root, gitPath);
  if (!base.ok) {
    if (base.fatal) return [issue('ledger-base-missing', whole, { rev: base.fatal.rev, reason: base.reason })];
    note(base.reason);
    return [];
  }
  // A ledger that did not exist at the base has nothing published to protect.
  if (base.bytes === undefined) return [];
  let current: Uint8Array;
  try {
    current = readFileSync(abs);
  } catch {
    return []; // the loader reports the missing file
  }
  return compareWithBase(ctx, base.bytes, baseLabel(base), current);
};

/** How the issues name the base: the commit, and the tag or branch it was asked by. */
export function baseLabel(base: { rev: string; commit: string }): string {
  return base.rev === base.commit ? base.commit.slice(0, 10) : `${base.rev} = ${base.commit.slice(0, 10)}`;
}

/**
 * The rule's comparison of `current` (the ledger's bytes, whose typed rows are
 * ctx.tables.fund_ledger) with the base's bytes. `baseLine` says where a line of `baseBytes`
 * stands in the base file: the chunked check (ledger-append-chunks.ts) hands over only the
 * part of both files that differs.
 */
export function compareWithBase(
  ctx: RuleContext,
  baseBytes: Uint8Array,
  label: string,
  current: Uint8Array,
  baseLine: (line: number) => number = (line) => line,
): DataIssue[] {
  const table = ctx.tables.fund_ledger;
  const columns = columnsOf('fund_ledger').map((c) => ({ name: c.name, title: c.meta.title }));
  const before = parseCsv(baseBytes, table.file, columns).rows;
  const now = parseCsv(current, table.file, columns).rows;
  const issues: DataIssue[] = [];
  for (const c of compareLedgers(before, now)) {
    if (c.kind === 'deleted') {
      const line = baseLine(c.line);
      issues.push(
        issue(
          'ledger-deleted',
          { file: table.file, line, column: 1, columnName: 'id' },
          { id: c.id, base: label, line },
        ),
      );
    } else {
      issues.push(
        issue('ledger-edited', ctx.at('fund_ledger', c.line, c.column), {
          id: c.id,
          column: columnLabel('fund_ledger', c.column),
          base: label,
          before: c.before,
          after: c.after,
        }),
      );
    }
  }
  const published = typedBase(baseBytes, table.file);
  issues.push(...backdated(ctx, published, label), ...chainProof(ctx, published, label));
  return issues;
}
