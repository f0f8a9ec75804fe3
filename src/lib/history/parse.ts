/**
 * Turn each commit's changed files into row-level changes: which rows of which
 * table each commit added, removed or modified, and which cells changed. Rows are matched by id and compared by
 * typed value (schema/values.ts), so re-ordering, re-quoting or re-typing rows is no
 * change. The first cell line of a CSV is its header; the parser keeps each
 * file's header as of every commit (commits arrive oldest first) to name cells.
 *
 * Memory: one file's unmatched changed records of one commit (for a whole-table
 * rewrite, one side of the table as text, beside the two versions diff.ts
 * holds); each change found goes to the sink (store.ts writes it to disk).
 */
import Papa from 'papaparse';
import { diffVersions } from './diff.ts';
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

/** One CSV file's changes in one commit: removed and added records matched by id. */
class TableDiff {
  private readonly removed = new Map<string, string>();
  /** Added records in file order; `null` once matched with no changed value. */
  private readonly added = new Map<string, string | RowChange | null>();
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

  removedRecord(first: boolean, text: string): void {
    this.takeRemoved(first, text);
  }
  addedRecord(first: boolean, text: string): void {
    this.takeAdded(first, text);
  }

  private idOf(values: readonly string[], header: readonly string[]): string {
    const i = header.indexOf('id');
    return i === -1 ? '' : (values[i] ?? '');
  }

  private takeRemoved(first: boolean, text: string) {
    if (first || text.trim() === '') return;
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

  private takeAdded(first: boolean, text: string) {
    if (first) {
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

/** Local calendar date of an ISO 8601 time with offset ("2024-03-01T23:10:00+08:00" → 2024-03-01). */
export function dateOf(time: string): string {
  return time.slice(0, 10);
}

/** What a changed path is to the history. */
export type PathKind = { table: string } | { collection: string; id: string } | undefined;

/**
 * Commits, oldest first, file by file: every commit reaches the sink (begin,
 * its changes if any, end with the headers after it).
 */
export class ChangeParser {
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

  kind(path: string): PathKind {
    if (path.startsWith(this.tablePrefix) && path.endsWith('.csv')) {
      const table = path.slice(this.tablePrefix.length, -4);
      return !table.includes('/') && this.layout.tables.includes(table) ? { table } : undefined;
    }
    if (path.startsWith(this.contentPrefix) && /\.mdx?$/.test(path)) {
      const [collection = '', ...rest] = path.slice(this.contentPrefix.length).split('/');
      const id = rest.join('/').replace(/\.mdx?$/, '');
      return id ? { collection, id } : undefined;
    }
    return undefined;
  }

  begin(commit: Commit): void {
    this.sink.begin(commit);
  }

  /** A table file's change: its version before (none if created) and after (none if deleted). */
  table(path: string, table: string, before: Buffer | undefined, after: Buffer | undefined): void {
    const diff = new TableDiff(table, this.headers.get(path) ?? this.layout.defaultHeader(table), (r) =>
      this.sink.row(r),
    );
    if (!before) diff.markCreated();
    diffVersions(before, after, diff);
    const header = diff.finish();
    // Copy on write: the caller keeps the headers of every commit for the cache.
    this.headers = new Map(this.headers);
    if (!after) this.headers.delete(path);
    else this.headers.set(path, header);
  }

  content(c: ContentChange): void {
    this.sink.content(c);
  }

  end(): void {
    this.sink.end(this.headers);
  }
}
