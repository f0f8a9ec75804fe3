/**
 * Turn `git log -p --unified=0` text into row-level changes: which rows of which
 * table each commit added, removed or modified, and which cells changed. The
 * first cell line of a CSV is its header; the parser keeps each file's header as
 * of every commit (diffs are read oldest first) to name the cells of changed rows.
 */
import Papa from 'papaparse';
import { FIELD, RECORD } from './git-log.ts';

export interface Commit {
  hash: string;
  /** Committer date, ISO 8601 with offset, exactly as git stored it. */
  time: string;
  /** Calendar date of `time` in the committer's own offset: YYYY-MM-DD. */
  date: string;
  subject: string;
}

export interface CellChange {
  column: string;
  before: string;
  after: string;
}

export interface RowChange {
  table: string;
  rowId: string;
  change: 'added' | 'removed' | 'modified';
  /** Cells as they are after the commit (before it, for removed rows). */
  cells: Record<string, string>;
  /** For modified rows: the changed cells. */
  diff: CellChange[];
}

export interface ContentChange {
  collection: string;
  id: string;
  change: 'added' | 'removed' | 'modified';
}

export interface CommitChanges {
  commit: Commit;
  rows: RowChange[];
  content: ContentChange[];
}

export interface LayoutPaths {
  /** Repository-relative data folder, e.g. `data`. */
  data: string;
  /** Repository-relative content folder, e.g. `src/content`. */
  content: string;
  /** Known table names; other CSV files are ignored. */
  tables: readonly string[];
  /** The standard header of a table, used when a file's header is not in the visible history (shallow clone). */
  defaultHeader: (table: string) => string[];
}

interface FileDiff {
  path: string;
  removed: { line: number; text: string }[];
  added: { line: number; text: string }[];
  deleted: boolean;
  created: boolean;
}

function parseLine(text: string): string[] {
  return Papa.parse<string[]>(text, { delimiter: ',', header: false }).data[0] ?? [];
}

/** Join physical lines of a quoted multi-line cell back into one CSV record. */
function records(lines: { line: number; text: string }[]): { line: number; text: string }[] {
  const out: { line: number; end: number; text: string }[] = [];
  for (const l of lines) {
    const last = out[out.length - 1];
    const open = last !== undefined && (last.text.split('"').length - 1) % 2 === 1;
    if (last && open && l.line === last.end + 1) {
      last.text += '\n' + l.text;
      last.end = l.line;
    } else out.push({ line: l.line, end: l.line, text: l.text });
  }
  return out;
}

function splitFiles(body: string): FileDiff[] {
  const files: FileDiff[] = [];
  let cur: FileDiff | undefined;
  let oldLine = 0;
  let newLine = 0;
  let inHunk = false;
  for (const line of body.split('\n')) {
    if (line.startsWith('diff --git ')) {
      const m = / b\/(.*)$/.exec(line);
      cur = { path: m?.[1] ?? '', removed: [], added: [], deleted: false, created: false };
      files.push(cur);
      inHunk = false;
      continue;
    }
    if (!cur) continue;
    if (!inHunk && line.startsWith('deleted file mode')) cur.deleted = true;
    if (!inHunk && line.startsWith('new file mode')) cur.created = true;
    const hunk = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line);
    if (hunk) {
      oldLine = Number(hunk[1]);
      newLine = Number(hunk[2]);
      inHunk = true;
      continue;
    }
    if (!inHunk) continue;
    if (line.startsWith('-')) cur.removed.push({ line: oldLine++, text: line.slice(1) });
    else if (line.startsWith('+')) cur.added.push({ line: newLine++, text: line.slice(1) });
  }
  return files;
}

function toCells(header: readonly string[], values: readonly string[]): Record<string, string> {
  const cells: Record<string, string> = {};
  header.forEach((h, i) => (cells[h] = (values[i] ?? '').replace(/\r$/, '')));
  return cells;
}

function tableChanges(table: string, file: FileDiff, headers: Map<string, string[]>, layout: LayoutPaths): RowChange[] {
  const oldHeader = headers.get(file.path) ?? layout.defaultHeader(table);
  const newHeaderLine = file.added.find((a) => a.line === 1);
  const newHeader = newHeaderLine ? parseLine(newHeaderLine.text.replace(/^\uFEFF/, '')) : oldHeader;
  if (file.deleted) headers.delete(file.path);
  else headers.set(file.path, newHeader);

  const rowsOf = (lines: { line: number; text: string }[], header: string[]) => {
    const byId = new Map<string, Record<string, string>>();
    for (const rec of records(lines.filter((l) => l.line !== 1))) {
      if (rec.text.trim() === '') continue;
      const cells = toCells(header, parseLine(rec.text));
      const id = cells.id ?? '';
      if (id !== '') byId.set(id, cells);
    }
    return byId;
  };
  const before = rowsOf(file.removed, oldHeader);
  const after = rowsOf(file.added, newHeader);
  const changes: RowChange[] = [];
  for (const [id, cells] of after) {
    const old = before.get(id);
    if (!old) {
      changes.push({ table, rowId: id, change: 'added', cells, diff: [] });
      continue;
    }
    const columns = [...new Set([...Object.keys(old), ...Object.keys(cells)])];
    const diff = columns
      .filter((c) => (old[c] ?? '') !== (cells[c] ?? ''))
      .map((c) => ({ column: c, before: old[c] ?? '', after: cells[c] ?? '' }));
    // A row moved or re-quoted without a changed value is no change to a reader.
    if (diff.length > 0) changes.push({ table, rowId: id, change: 'modified', cells, diff });
  }
  for (const [id, cells] of before) {
    if (!after.has(id)) changes.push({ table, rowId: id, change: 'removed', cells, diff: [] });
  }
  return changes;
}

/** Local calendar date of an ISO 8601 time with offset ("2024-03-01T23:10:00+08:00" → 2024-03-01). */
function dateOf(time: string): string {
  return time.slice(0, 10);
}

/** Parse the whole log (oldest first, as written by readGitLog); returns commits newest first. */
export function parseGitLog(text: string, layout: LayoutPaths): CommitChanges[] {
  const headers = new Map<string, string[]>();
  const out: CommitChanges[] = [];
  const tablePrefix = `${layout.data}/`;
  const contentPrefix = `${layout.content}/`;
  for (const chunk of text.split(RECORD)) {
    if (chunk.trim() === '') continue;
    const nl = chunk.indexOf('\n');
    const head = nl === -1 ? chunk : chunk.slice(0, nl);
    const [hash = '', time = '', subject = ''] = head.split(FIELD);
    const commit: Commit = { hash, time, date: dateOf(time), subject };
    const result: CommitChanges = { commit, rows: [], content: [] };
    for (const file of splitFiles(nl === -1 ? '' : chunk.slice(nl + 1))) {
      if (file.path.startsWith(tablePrefix) && file.path.endsWith('.csv')) {
        const table = file.path.slice(tablePrefix.length, -4);
        if (table.includes('/') || !layout.tables.includes(table)) continue;
        result.rows.push(...tableChanges(table, file, headers, layout));
      } else if (file.path.startsWith(contentPrefix) && /\.mdx?$/.test(file.path)) {
        const [collection = '', ...rest] = file.path.slice(contentPrefix.length).split('/');
        const id = rest.join('/').replace(/\.mdx?$/, '');
        if (!id) continue;
        const change = file.deleted ? 'removed' : file.created ? 'added' : 'modified';
        result.content.push({ collection, id, change });
      }
    }
    if (result.rows.length > 0 || result.content.length > 0) out.push(result);
  }
  return out.reverse();
}
