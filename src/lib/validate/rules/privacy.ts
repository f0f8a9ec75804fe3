/**
 * Privacy guard: no phone number, ID number, bank card, private e-mail address
 * or room address in any published text: every CSV cell of data/ (corrections.csv
 * and privacy_allow.csv's own reason included), data/dataset.json, and every
 * MD/MDX file (front matter and body). A public office number or address is let
 * through only by a row of data/privacy_allow.csv naming the file, the row and
 * the exact, whole detected value, with a reason; an ID number never is, nor an
 * allowance that overlaps one; an allowance that matches nothing is reported.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeUtf8 } from '../../dataset/read-csv.ts';
import { findPersonalData, mask, type DetectOptions, type PrivacyFinding } from '../privacy/detect.ts';
import { columnsOf, type TableName } from '../../schema/tables.ts';
import { issue } from '../../messages/catalogue.ts';
import type { DataIssue } from '../../messages/issue.ts';
import type { RuleContext } from '../types.ts';
import { lineColumn, mdxFiles } from './mdx-files.ts';
import { rowsOf } from './util.ts';
import { cmp } from '../../util/compare.ts';

/** Tables whose rows describe one person: any room number in them is that person's. */
const PERSON_TABLES = new Set<TableName>(['committee_members']);
/** Public registry codes, already checked against their own check digit (GB 32100). */
const PUBLIC_CODE_COLUMNS = new Set(['credit_code']);

interface Allowance {
  index: number;
  line: number;
  file: string;
  rowId: string;
  value: string;
}

export function personNames(ctx: RuleContext): string[] {
  const names = new Set<string>();
  for (const r of rowsOf(ctx.tables, 'committee_members')) if (typeof r.data.name === 'string') names.add(r.data.name);
  for (const r of rowsOf(ctx.tables, 'honours')) {
    if (typeof r.data.person_name === 'string') names.add(r.data.person_name);
  }
  return [...names].sort(cmp);
}

/**
 * Typed cells that cannot hold personal data, so the guard skips them (at city scale this
 * guard scanned millions of such cells): a date column holds a valid ISO date, and a reference
 * column holds the id of an existing row, which the guard scans where that row is defined (a
 * reference to no row fails the check anyway). Rejected rows keep every raw cell scanned.
 */
function skippedColumns(table: TableName): Set<string> {
  return new Set(
    columnsOf(table)
      .filter((c) => c.meta.kind === 'date' || c.meta.kind === 'partial-date' || c.meta.references !== undefined)
      .map((c) => c.name),
  );
}

function urlColumns(table: TableName): Set<string> {
  return new Set(
    columnsOf(table)
      .filter((c) => c.meta.kind === 'url')
      .map((c) => c.name),
  );
}

/** Numbers are partly masked so the check's log does not republish them; a room number alone identifies no one. */
function shown(f: PrivacyFinding): string {
  return f.kind === 'privacy-room' ? f.value : mask(f.value);
}

/**
 * data/dataset.json (its title and licence are published on every page); next to the tables.
 * Its `contact_email` is the publisher's own correction mailbox, published on purpose in every
 * footer (schema/dataset-meta.ts): that one value is not a private person's address.
 */
function datasetJson(ctx: RuleContext): { file: string; text: string | undefined; publicEmail?: string | undefined } {
  const table = ctx.tables.compounds.file;
  const file = path.posix.join(path.posix.dirname(table.split(path.sep).join('/')), 'dataset.json');
  try {
    const text = decodeUtf8(readFileSync(path.resolve(ctx.root, file)))?.replace(/\r\n?/g, '\n');
    return { file, text, publicEmail: contactEmail(text) };
  } catch {
    return { file, text: undefined }; // the loader reports a missing dataset.json
  }
}

/** The file's own contact_email, read from its text: the file may fail its schema for another field. */
function contactEmail(text: string | undefined): string | undefined {
  try {
    const json: unknown = JSON.parse(text?.replace(/^\uFEFF/, '') ?? '');
    const v = (json as { contact_email?: unknown } | null)?.contact_email;
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined; // the loader reports JSON that does not parse
  }
}

/** The allowance's value is exactly one detected value of a kind that may be allowed (never an ID, never part of a value). */
function wholeAllowable(value: string): boolean {
  const found = findPersonalData(value, { aboutPerson: true });
  return (
    found.length === 1 && found[0]?.kind !== 'privacy-id' && found[0]?.start === 0 && found[0]?.end === value.length
  );
}

/** privacy_allow.csv is the register of where personal-looking data sits: only its own `value` cell may hold one. */
const ALLOW_VALUE = 'value';

/** What the scans of one table or of the texts tell the allowance check: which allowances they used or found across an ID. */
export interface PrivacyFacts {
  used: number[];
  overlapsId: number[];
}

function allowancesOf(ctx: RuleContext): Allowance[] {
  return rowsOf(ctx.tables, 'privacy_allow').map((r, index) => ({
    index,
    line: r.line,
    file: String(r.data.file ?? ''),
    rowId: String(r.data.row_id ?? ''),
    value: String(r.data.value ?? ''),
  }));
}

/** The scanner the table and text parts share: findings minus what an allowance lets through, noting which were used. */
function guard(ctx: RuleContext) {
  const names = ctx.personNames?.() ?? personNames(ctx);
  const allowances = allowancesOf(ctx);
  const used = new Set<number>();
  const overlapsId = new Set<number>();
  const allowed = (f: PrivacyFinding, file: string, rowId: string): boolean => {
    if (f.kind === 'privacy-id') return false;
    const a = allowances.find((x) => x.file === file && x.rowId === rowId && x.value === f.value);
    if (a) used.add(a.index);
    return a !== undefined;
  };
  /** An allowance whose value stands inside or across an ID number in the text it names is refused outright. */
  const markIdOverlaps = (text: string, ids: readonly PrivacyFinding[], file: string, rowId: string) => {
    if (ids.length === 0) return;
    for (const a of allowances) {
      if (a.file !== file || a.rowId !== rowId || a.value === '') continue;
      for (let at = text.indexOf(a.value); at >= 0; at = text.indexOf(a.value, at + 1)) {
        if (ids.some((f) => at < f.end && at + a.value.length > f.start)) overlapsId.add(a.index);
      }
    }
  };
  const scan = (text: string, file: string, rowId: string, opts: DetectOptions, canAllow = true) => {
    const found = findPersonalData(text, opts);
    if (found.length === 0) return found;
    markIdOverlaps(
      text,
      found.filter((f) => f.kind === 'privacy-id'),
      file,
      rowId,
    );
    return found.filter((f) => !(canAllow && allowed(f, file, rowId)));
  };
  const facts = (): PrivacyFacts => ({ used: [...used], overlapsId: [...overlapsId] });
  return { names, scan, facts };
}

/**
 * The guard over one table's cells. Per table, so the cached check (validate/cached.ts) scans
 * again only a table that changed (or whose person names or allowances did).
 */
export const privacyIn =
  (table: TableName) =>
  (ctx: RuleContext): { issues: DataIssue[]; facts: PrivacyFacts } => {
    const issues: DataIssue[] = [];
    const { names, scan, facts } = guard(ctx);
    const t = ctx.tables[table];
    const urls = urlColumns(table);
    const skipped = skippedColumns(table);
    const scanRow = (line: number, cells: Record<string, unknown>, typed: boolean) => {
      const rowId = typeof cells.id === 'string' ? cells.id : '';
      const aboutPerson = PERSON_TABLES.has(table) || (table === 'honours' && Boolean(cells.person_name));
      const opts = { personNames: names, aboutPerson };
      // for…in, not Object.entries: a city has millions of rows, and the pairs were most of the garbage.
      for (const column in cells) {
        const value = cells[column];
        if (typeof value !== 'string' || PUBLIC_CODE_COLUMNS.has(column)) continue;
        if (typed && skipped.has(column)) continue;
        if (table === 'privacy_allow' && column === ALLOW_VALUE) continue; // checked below, against what it allows
        // Nothing in the register itself can be allowed: its reason is published to reviewers and in git.
        for (const f of scan(value, t.file, rowId, opts, table !== 'privacy_allow')) {
          // Article links carry long numeric ids; only contact details count there.
          if (urls.has(column) && (f.kind === 'privacy-long-digits' || f.kind === 'privacy-room')) continue;
          issues.push(issue(f.kind, ctx.at(table, line, column), { value: shown(f) }));
        }
      }
    };
    for (const r of rowsOf(ctx.tables, table)) scanRow(r.line, r.data, true);
    for (const r of t.rejected ?? []) scanRow(r.line, r.raw, false);
    return { issues, facts: facts() };
  };

/** The guard over every MD/MDX text and dataset.json. */
export const privacyTexts = (ctx: RuleContext): { issues: DataIssue[]; facts: PrivacyFacts } => {
  const issues: DataIssue[] = [];
  const { names, scan, facts } = guard(ctx);
  const texts: { file: string; text: string | undefined; publicEmail?: string | undefined }[] = [
    ...mdxFiles(ctx).map(({ file, text }) => ({ file, text })),
    datasetJson(ctx),
  ];
  for (const { file, text, publicEmail } of texts) {
    if (text === undefined) continue; // the loader reports the encoding
    for (const f of scan(text, file, '', { personNames: names })) {
      if (f.kind === 'privacy-email' && f.value === publicEmail) continue;
      const { line, column } = lineColumn(text, f.start);
      issues.push(issue(f.kind, { file, line, column, columnName: '-' }, { value: shown(f) }));
    }
  }
  return { issues, facts: facts() };
};

/** Each allowance, once every table and text has been scanned (`scans`: what those scans found). */
export function privacyAllowances(ctx: RuleContext, scans: readonly PrivacyFacts[]): DataIssue[] {
  const issues: DataIssue[] = [];
  const used = new Set(scans.flatMap((s) => s.used));
  const overlapsId = new Set(scans.flatMap((s) => s.overlapsId));
  for (const a of allowancesOf(ctx)) {
    const at = ctx.at('privacy_allow', a.line, ALLOW_VALUE);
    if (overlapsId.has(a.index) || findPersonalData(a.value).some((f) => f.kind === 'privacy-id')) {
      issues.push(issue('privacy-allow-id', at));
    } else if (findPersonalData(a.value, { aboutPerson: true }).length > 0 && !wholeAllowable(a.value)) {
      issues.push(issue('privacy-allow-partial', at, { value: mask(a.value) }));
    } else if (!used.has(a.index)) {
      const where = a.rowId ? ` 的 ${a.rowId} 行` : '';
      issues.push(issue('privacy-allow-unused', at, { value: mask(a.value), file: a.file, where }));
    }
  }
  return issues;
}
