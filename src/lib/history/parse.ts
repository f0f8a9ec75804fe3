/**
 * Turn `git diff-tree -p --unified=0` output, fed one line at a time, into
 * row-level changes: which rows of which table each commit added, removed or
 * modified, and which cells changed. Rows are matched by id and compared by
 * typed value (schema/values.ts), so re-ordering, re-quoting or re-typing rows is no
 * change. The first cell line of a CSV is its header; the parser keeps each
 * file's header as of every commit (commits arrive oldest first) to name cells.
 *
 * Memory: one file's unmatched changed records of one commit (for a whole-table
 * rewrite, one side of the table as text) plus the changes found; nothing else
 * of the log is kept.
 */
import Papa from 'papaparse';
import { FIELD, RECORD } from './git-log.ts';
import { sameValue } from '../schema/values.ts';

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

/** Each CSV file's header (path → column names) as of the last commit parsed. */
export type Headers = Map<string, string[]>;

function parseLine(text: string): string[] {
  // Most rows have no quotes: splitting them directly keeps a city's re-save fast.
  if (!text.includes('"')) return text.split(',');
  return Papa.parse<string[]>(text, { delimiter: ',', header: false }).data[0] ?? [];
}

function toCells(header: readonly string[], values: readonly string[]): Record<string, string> {
  const cells: Record<string, string> = {};
  header.forEach((h, i) => (cells[h] = values[i] ?? ''));
  return cells;
}

const quotes = (s: string) => s.split('"').length - 1;

/** Physical lines of one side of a diff joined back into CSV records (a quoted cell may span lines). */
class Records {
  private text = '';
  private start = 0;
  private end = -1;
  private open = false;
  private readonly take: (line: number, text: string) => void;
  constructor(take: (line: number, text: string) => void) {
    this.take = take;
  }

  line(n: number, raw: string): void {
    // Line ends are not values: a CRLF file's lines compare equal to an LF file's.
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (this.end !== -1 && this.open && n === this.end + 1) {
      this.text += '\n' + text;
      this.end = n;
      if (quotes(text) % 2 === 1) this.open = false;
      return;
    }
    this.flush();
    this.text = text;
    this.start = n;
    this.end = n;
    this.open = quotes(text) % 2 === 1;
  }

  flush(): void {
    if (this.end === -1) return;
    const text = this.text;
    this.end = -1;
    this.text = '';
    this.take(this.start, text);
  }
}

/** One CSV file's changes in one commit: removed and added records matched by id. */
class TableDiff {
  private readonly removed = new Map<string, string>();
  /** Added records in file order; `null` once matched with no changed value. */
  private readonly added = new Map<string, string | RowChange | null>();
  private readonly oldSide = new Records((n, t) => this.takeRemoved(n, t));
  private readonly newSide = new Records((n, t) => this.takeAdded(n, t));
  private newHeader: string[];
  private readonly table: string;
  private readonly oldHeader: string[];

  constructor(table: string, oldHeader: string[]) {
    this.table = table;
    this.oldHeader = oldHeader;
    this.newHeader = oldHeader;
  }

  removedLine(n: number, text: string) {
    this.oldSide.line(n, text);
  }
  addedLine(n: number, text: string) {
    this.newSide.line(n, text);
  }

  private idOf(values: readonly string[], header: readonly string[]): string {
    const i = header.indexOf('id');
    return i === -1 ? '' : (values[i] ?? '');
  }

  private takeRemoved(line: number, text: string) {
    if (line === 1 || text.trim() === '') return;
    const id = this.idOf(parseLine(text), this.oldHeader);
    if (id === '') return;
    const seen = this.added.get(id);
    if (typeof seen === 'string') {
      // The new side came first (the row moved up): decide now, keep its place in file order.
      this.added.set(id, this.compare(id, text, seen));
      return;
    }
    this.removed.set(id, text);
  }

  private takeAdded(line: number, text: string) {
    if (line === 1) {
      this.newHeader = parseLine(text.replace(/^\uFEFF/, ''));
      return;
    }
    if (text.trim() === '') return;
    const id = this.idOf(parseLine(text), this.newHeader);
    if (id === '') return;
    const old = this.removed.get(id);
    if (old === undefined) {
      this.added.set(id, text);
      return;
    }
    this.removed.delete(id);
    this.added.set(id, this.compare(id, old, text));
  }

  private compare(id: string, oldText: string, newText: string): RowChange | null {
    const old = toCells(this.oldHeader, parseLine(oldText));
    const cells = toCells(this.newHeader, parseLine(newText));
    const diff: CellChange[] = [];
    for (const c of new Set([...Object.keys(old), ...Object.keys(cells)])) {
      const before = old[c] ?? '';
      const after = cells[c] ?? '';
      if (!sameValue(this.table, c, before, after)) diff.push({ column: c, before, after });
    }
    // A row moved, re-quoted or re-typed without a changed value is no change to a reader.
    return diff.length > 0 ? { table: this.table, rowId: id, change: 'modified', cells, diff } : null;
  }

  /** The file's row changes in the order of the new file, then removed rows; and its header after the commit. */
  finish(): { rows: RowChange[]; header: string[] } {
    this.oldSide.flush();
    this.newSide.flush();
    const rows: RowChange[] = [];
    for (const [id, v] of this.added) {
      if (v === null) continue;
      if (typeof v !== 'string') rows.push(v);
      else
        rows.push({
          table: this.table,
          rowId: id,
          change: 'added',
          cells: toCells(this.newHeader, parseLine(v)),
          diff: [],
        });
    }
    for (const [id, text] of this.removed)
      rows.push({
        table: this.table,
        rowId: id,
        change: 'removed',
        cells: toCells(this.oldHeader, parseLine(text)),
        diff: [],
      });
    return { rows, header: this.newHeader };
  }
}

interface FileState {
  path: string;
  table?: TableDiff;
  content?: { collection: string; id: string };
  created: boolean;
  deleted: boolean;
  /** Changed lines seen: a content file whose only change was line ends has none. */
  lines: number;
}

/** Local calendar date of an ISO 8601 time with offset ("2024-03-01T23:10:00+08:00" → 2024-03-01). */
function dateOf(time: string): string {
  return time.slice(0, 10);
}

/**
 * A line-fed parser of the patch stream. `done` is called once per commit, in
 * order, with the commit's changes (possibly none) and the headers after it.
 */
export class PatchParser {
  private commit: CommitChanges | undefined;
  private file: FileState | undefined;
  private inHunk = false;
  private oldLine = 0;
  private newLine = 0;
  private readonly tablePrefix: string;
  private readonly contentPrefix: string;
  private readonly layout: LayoutPaths;
  private headers: Headers;
  private readonly done: (changes: CommitChanges, headers: Headers) => void;

  constructor(layout: LayoutPaths, headers: Headers, done: (changes: CommitChanges, headers: Headers) => void) {
    this.layout = layout;
    this.headers = headers;
    this.done = done;
    this.tablePrefix = `${layout.data}/`;
    this.contentPrefix = `${layout.content}/`;
  }

  line(line: string): void {
    if (line.startsWith(RECORD)) {
      this.finishCommit();
      const [hash = '', time = '', subject = ''] = line.slice(1).split(FIELD);
      this.commit = { commit: { hash, time, date: dateOf(time), subject }, rows: [], content: [] };
      return;
    }
    if (!this.commit) return;
    if (line.startsWith('diff --git ')) {
      this.finishFile();
      this.startFile(/ b\/(.*)$/.exec(line)?.[1] ?? '');
      return;
    }
    const f = this.file;
    if (!f) return;
    if (!this.inHunk) {
      if (line.startsWith('deleted file mode')) f.deleted = true;
      else if (line.startsWith('new file mode')) f.created = true;
    }
    if (line.startsWith('@@')) {
      const hunk = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line);
      if (hunk) {
        this.oldLine = Number(hunk[1]);
        this.newLine = Number(hunk[2]);
        this.inHunk = true;
        return;
      }
    }
    if (!this.inHunk) return;
    const sign = line.charCodeAt(0);
    if (sign === 45 /* - */) {
      f.lines++;
      f.table?.removedLine(this.oldLine++, line.slice(1));
    } else if (sign === 43 /* + */) {
      f.lines++;
      f.table?.addedLine(this.newLine++, line.slice(1));
    }
  }

  /** End of input: the last commit is complete. */
  end(): void {
    this.finishCommit();
  }

  private startFile(path: string) {
    this.inHunk = false;
    const f: FileState = { path, created: false, deleted: false, lines: 0 };
    if (path.startsWith(this.tablePrefix) && path.endsWith('.csv')) {
      const table = path.slice(this.tablePrefix.length, -4);
      if (!table.includes('/') && this.layout.tables.includes(table))
        f.table = new TableDiff(table, this.headers.get(path) ?? this.layout.defaultHeader(table));
    } else if (path.startsWith(this.contentPrefix) && /\.mdx?$/.test(path)) {
      const [collection = '', ...rest] = path.slice(this.contentPrefix.length).split('/');
      const id = rest.join('/').replace(/\.mdx?$/, '');
      if (id) f.content = { collection, id };
    }
    this.file = f;
  }

  private finishFile() {
    const f = this.file;
    const c = this.commit;
    this.file = undefined;
    if (!f || !c) return;
    if (f.table) {
      const { rows, header } = f.table.finish();
      // Copy on write: the caller keeps the headers of every commit for the cache.
      this.headers = new Map(this.headers);
      if (f.deleted) this.headers.delete(f.path);
      else this.headers.set(f.path, header);
      for (const r of rows) c.rows.push(r);
    } else if (f.content && (f.created || f.deleted || f.lines > 0)) {
      c.content.push({ ...f.content, change: f.deleted ? 'removed' : f.created ? 'added' : 'modified' });
    }
  }

  private finishCommit() {
    this.finishFile();
    if (this.commit) this.done(this.commit, this.headers);
    this.commit = undefined;
  }
}
