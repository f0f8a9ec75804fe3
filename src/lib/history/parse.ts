/**
 * Turn `git diff-tree -p --unified=0` output, fed one line at a time, into
 * row-level changes: which rows of which table each commit added, removed or
 * modified, and which cells changed. Rows are matched by id and compared by
 * typed value (schema/values.ts), so re-ordering, re-quoting or re-typing rows is no
 * change. The first cell line of a CSV is its header; the parser keeps each
 * file's header as of every commit (commits arrive oldest first) to name cells.
 *
 * Memory: one file's unmatched changed records of one commit (for a whole-table
 * rewrite, one side of the table as text); each change found goes to the sink
 * (store.ts writes it to disk) and nothing else of the log is kept.
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

/** Where the parser puts what it finds, commit by commit, oldest first. */
export interface ChangeSink {
  begin(commit: Commit): void;
  row(r: RowChange): void;
  content(c: ContentChange): void;
  /** The commit is complete; `headers` are the CSV headers after it. */
  end(headers: Headers): void;
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
  private readonly emit: (r: RowChange) => void;
  /**
   * Ids already emitted from a file this commit creates: such a file has no removed side to
   * match, so its rows go out as they come instead of waiting (a city's first commit).
   * An id repeated in one file (the check refuses it) keeps its first record.
   */
  private created: Set<string> | undefined;

  constructor(table: string, oldHeader: string[], emit: (r: RowChange) => void) {
    this.table = table;
    this.oldHeader = oldHeader;
    this.newHeader = oldHeader;
    this.emit = emit;
  }

  /** The file is new in this commit ("new file mode"), seen before any of its lines. */
  markCreated() {
    this.created = new Set();
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
    const values = parseLine(text);
    const id = this.idOf(values, this.newHeader);
    if (id === '') return;
    if (this.created) {
      if (this.created.has(id)) return;
      this.created.add(id);
      this.emit({ table: this.table, rowId: id, change: 'added', cells: toCells(this.newHeader, values), diff: [] });
      return;
    }
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

  /** Emits the file's row changes in the order of the new file, then removed rows; returns its header after the commit. */
  finish(): string[] {
    const emit = this.emit;
    this.oldSide.flush();
    this.newSide.flush();
    for (const [id, v] of this.added) {
      if (v === null) continue;
      if (typeof v !== 'string') emit(v);
      else
        emit({
          table: this.table,
          rowId: id,
          change: 'added',
          cells: toCells(this.newHeader, parseLine(v)),
          diff: [],
        });
    }
    for (const [id, text] of this.removed)
      emit({
        table: this.table,
        rowId: id,
        change: 'removed',
        cells: toCells(this.oldHeader, parseLine(text)),
        diff: [],
      });
    return this.newHeader;
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
 * A line-fed parser of the patch stream. Every commit, in order, reaches the
 * sink (begin, its changes if any, end with the headers after it).
 */
export class PatchParser {
  private open = false;
  private file: FileState | undefined;
  private inHunk = false;
  private oldLine = 0;
  private newLine = 0;
  private readonly tablePrefix: string;
  private readonly contentPrefix: string;
  private readonly layout: LayoutPaths;
  private headers: Headers;
  private readonly sink: ChangeSink;

  constructor(layout: LayoutPaths, headers: Headers, sink: ChangeSink) {
    this.layout = layout;
    this.headers = headers;
    this.sink = sink;
    this.tablePrefix = `${layout.data}/`;
    this.contentPrefix = `${layout.content}/`;
  }

  line(line: string): void {
    if (line.startsWith(RECORD)) {
      this.finishCommit();
      const [hash = '', time = '', subject = ''] = line.slice(1).split(FIELD);
      this.sink.begin({ hash, time, date: dateOf(time), subject });
      this.open = true;
      return;
    }
    if (!this.open) return;
    if (line.startsWith('diff --git ')) {
      this.finishFile();
      this.startFile(/ b\/(.*)$/.exec(line)?.[1] ?? '');
      return;
    }
    const f = this.file;
    if (!f) return;
    if (!this.inHunk) {
      if (line.startsWith('deleted file mode')) f.deleted = true;
      else if (line.startsWith('new file mode')) {
        f.created = true;
        f.table?.markCreated();
      }
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
        f.table = new TableDiff(table, this.headers.get(path) ?? this.layout.defaultHeader(table), (r) =>
          this.sink.row(r),
        );
    } else if (path.startsWith(this.contentPrefix) && /\.mdx?$/.test(path)) {
      const [collection = '', ...rest] = path.slice(this.contentPrefix.length).split('/');
      const id = rest.join('/').replace(/\.mdx?$/, '');
      if (id) f.content = { collection, id };
    }
    this.file = f;
  }

  private finishFile() {
    const f = this.file;
    this.file = undefined;
    if (!f || !this.open) return;
    if (f.table) {
      const header = f.table.finish();
      // Copy on write: the caller keeps the headers of every commit for the cache.
      this.headers = new Map(this.headers);
      if (f.deleted) this.headers.delete(f.path);
      else this.headers.set(f.path, header);
    } else if (f.content && (f.created || f.deleted || f.lines > 0)) {
      this.sink.content({ ...f.content, change: f.deleted ? 'removed' : f.created ? 'added' : 'modified' });
    }
  }

  private finishCommit() {
    this.finishFile();
    if (this.open) this.sink.end(this.headers);
    this.open = false;
  }
}
