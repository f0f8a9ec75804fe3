/**
 * Where a commit's row changes live once parsed: on disk, never all in memory.
 * A city's first commit adds millions of rows; holding them as objects for the
 * whole build is what made the history grow with the repository. Each commit is
 * three files in the history folder: `.rows` (one JSON row change per line),
 * `.keys` (per row: where its line is and the cells that say which compounds it
 * concerns) and `.json` (the commit, its counts and the files' sizes), written
 * last: an entry without it, or whose files do not have the sizes it states, is
 * not there. In memory a commit is its metadata, counts per table and content
 * changes; pages read the rows they show (the first few of a commit, or one
 * compound's) from the files when they render.
 */
import { closeSync, openSync, readSync, renameSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { forEachLine } from './lines.ts';
import type { Commit, ContentChange, RowChange } from './parse.ts';

/** The cells of a row change that say which compounds it concerns (history/compound.ts). */
export const HINT_CELLS = ['compound_id', 'committee_id', 'table', 'row_id'] as const;

/** What a row change's key line holds: enough to group it by compound without reading the row. */
export interface RowKey {
  table: string;
  rowId: string;
  /** The hint cells present in the row. */
  cells: Partial<Record<(typeof HINT_CELLS)[number], string>>;
  /** Byte offset and length of its line in the `.rows` file. */
  at: number;
  length: number;
}

/** A commit's changes as the pages list them: counts for all rows, the rows themselves on demand. */
export interface ChangeSet {
  commit: Commit;
  content: ContentChange[];
  rowCount: number;
  /** Row changes per table, in the order first seen. */
  tables: [string, number][];
  /** Row changes per table and kind, in the order first seen: the change log's title counts them. */
  verbs: RowVerbCount[];
  /** The first `n` row changes, in order. */
  firstRows(n: number): RowChange[];
}

interface Footer {
  commit: Commit;
  headers: [string, string[]][];
  content: ContentChange[];
  rowCount: number;
  tables: [string, number][];
  verbs: RowVerbCount[];
  rowsBytes: number;
  keysBytes: number;
}

const toRow = (v: [string, string, RowChange['change'], Record<string, string>, RowChange['diff']]): RowChange => ({
  table: v[0],
  rowId: v[1],
  change: v[2],
  cells: v[3],
  diff: v[4],
});

/**
 * A cache file a page needs is gone mid-build: say so in staff's words instead of a bare file error.
 * Builds sharing the cache folder keep each other's files (cache.ts); this is someone deleting it.
 */
function opened(file: string): number {
  try {
    return openSync(file, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    throw new Error(
      `变更记录缓存文件在构建过程中被删除:${file}。构建开始后有人删除了缓存目录(GONGSHI_CACHE_DIR 或 node_modules/.astro)里的文件;请重新构建,构建进行时不要清理该目录。`,
    );
  }
}

/** Read the lines at `keys` (sorted by offset) from a `.rows` file; neighbouring lines are read in one go. */
export function readRowsAt(file: string, keys: readonly Pick<RowKey, 'at' | 'length'>[]): RowChange[] {
  const out: RowChange[] = [];
  if (keys.length === 0) return out;
  const fd = opened(file);
  try {
    for (let i = 0; i < keys.length;) {
      const start = keys[i]!.at;
      let end = start + keys[i]!.length;
      let j = i + 1;
      while (j < keys.length && keys[j]!.at === end + 1 && end - start < 1 << 22) end = keys[j]!.at + keys[j++]!.length;
      const buf = Buffer.allocUnsafe(end - start);
      if (readSync(fd, buf, 0, buf.length, start) !== buf.length) throw new Error(`变更记录缓存文件不完整:${file}`);
      for (const line of buf.toString('utf8').split('\n')) out.push(toRow(JSON.parse(line)));
      i = j;
    }
  } finally {
    closeSync(fd);
  }
  return out;
}

/** How many rows of a table a commit added, modified or removed. */
export type RowVerbCount = [table: string, change: RowChange['change'], n: number];

/** Counts row changes per table and kind, keeping the order they were first seen. */
export class VerbCounter {
  private readonly by = new Map<string, RowVerbCount>();

  add(r: Pick<RowChange, 'table' | 'change'>): void {
    const key = `${r.table}\t${r.change}`;
    const c = this.by.get(key);
    if (c) c[2]++;
    else this.by.set(key, [r.table, r.change, 1]);
  }

  counts(): RowVerbCount[] {
    return [...this.by.values()];
  }
}

/** A parsed commit whose rows are on disk. */
export class StoredCommit implements ChangeSet {
  readonly commit: Commit;
  readonly content: ContentChange[];
  readonly rowCount: number;
  readonly tables: [string, number][];
  readonly verbs: RowVerbCount[];
  /** Each CSV file's header after this commit, carried into the next commit's parse. */
  readonly headers: Map<string, string[]>;
  private readonly base: string;

  constructor(base: string, f: Footer) {
    this.base = base;
    this.commit = f.commit;
    this.content = f.content;
    this.rowCount = f.rowCount;
    this.tables = f.tables;
    this.verbs = f.verbs;
    this.headers = new Map(f.headers);
  }

  /** The entry's path without an extension: files kept beside it (groups.ts) share it. */
  get entryBase(): string {
    return this.base;
  }

  get rowsFile(): string {
    return `${this.base}.rows`;
  }

  firstRows(n: number): RowChange[] {
    const out: RowChange[] = [];
    if (n <= 0 || this.rowCount === 0) return out;
    try {
      closeSync(opened(this.rowsFile));
      forEachLine(this.rowsFile, (line) => {
        if (out.length < n && line !== '') out.push(toRow(JSON.parse(line)));
        // Stop reading a large commit once enough rows are in hand.
        if (out.length >= n) throw STOP;
      });
    } catch (e) {
      if (e !== STOP) throw e;
    }
    return out;
  }

  /** Every row change of the commit, read from disk on each access: for small histories and tests. */
  get rows(): RowChange[] {
    return this.firstRows(this.rowCount);
  }

  /** Each row's key, in order, one at a time. */
  forEachKey(f: (k: RowKey) => void): void {
    closeSync(opened(`${this.base}.keys`));
    forEachLine(`${this.base}.keys`, (line) => {
      if (line === '') return;
      const [at, length, table, rowId, cells] = JSON.parse(line) as [number, number, string, string, RowKey['cells']];
      f({ at, length, table, rowId, cells });
    });
  }

  toJSON() {
    return { commit: this.commit, rows: this.rows, content: this.content };
  }

  /** The entry at `base`, or undefined when it is missing, partial or damaged. */
  static read(base: string): StoredCommit | undefined {
    try {
      let text = '';
      forEachLine(`${base}.json`, (l) => (text += l));
      const f = JSON.parse(text) as Footer;
      const size = (ext: string) => statSync(`${base}${ext}`, { throwIfNoEntry: false })?.size;
      if (size('.rows') !== f.rowsBytes || size('.keys') !== f.keysBytes || !f.commit?.hash) return undefined;
      return new StoredCommit(base, f);
    } catch {
      return undefined;
    }
  }
}

const STOP = Symbol('stop');

/** Lines appended to a file through one buffer: each line is encoded once, straight into it. */
class Appender {
  private readonly fd: number;
  private readonly buf = Buffer.allocUnsafe(1 << 22);
  private used = 0;
  /** Bytes written so far: the next line's offset. */
  bytes = 0;
  constructor(file: string) {
    this.fd = openSync(file, 'w');
  }
  /** Appends `line` and a newline; returns the line's length in bytes (without the newline). */
  line(line: string): number {
    // A UTF-16 unit is at most 3 bytes of UTF-8: make sure the line cannot be cut off.
    if (this.buf.length - this.used < line.length * 3 + 1) this.flush();
    let n: number;
    if (line.length * 3 + 1 > this.buf.length) {
      const big = Buffer.from(`${line}\n`);
      writeSync(this.fd, big);
      n = big.length - 1;
    } else {
      n = this.buf.write(line, this.used);
      this.buf[this.used + n] = 0x0a;
      this.used += n + 1;
    }
    this.bytes += n + 1;
    return n;
  }
  private flush() {
    if (this.used > 0) writeSync(this.fd, this.buf, 0, this.used);
    this.used = 0;
  }
  close() {
    this.flush();
    closeSync(this.fd);
  }
}

/**
 * Writes one commit's entry as the parser finds its changes: rows go to disk as
 * they come, so a commit's rows are never all in memory. Temporary names until
 * `finish`, which renames the row files and then writes the `.json` that makes
 * the entry exist.
 */
export class EntryWriter {
  private readonly base: string;
  private readonly tmp: string;
  private readonly rows: Appender;
  private readonly keys: Appender;
  private readonly commit: Commit;
  private readonly content: ContentChange[] = [];
  private readonly tables = new Map<string, number>();
  private readonly verbs = new VerbCounter();
  private rowCount = 0;

  constructor(base: string, commit: Commit) {
    this.base = base;
    this.tmp = `${base}.${process.pid}`;
    this.commit = commit;
    this.rows = new Appender(`${this.tmp}.rows.tmp`);
    this.keys = new Appender(`${this.tmp}.keys.tmp`);
  }

  row(r: RowChange): void {
    const at = this.rows.bytes;
    const length = this.rows.line(JSON.stringify([r.table, r.rowId, r.change, r.cells, r.diff]));
    const cells: RowKey['cells'] = {};
    for (const c of HINT_CELLS) if (r.cells[c]) cells[c] = r.cells[c];
    this.keys.line(JSON.stringify([at, length, r.table, r.rowId, cells]));
    this.tables.set(r.table, (this.tables.get(r.table) ?? 0) + 1);
    this.verbs.add(r);
    this.rowCount++;
  }

  contentChange(c: ContentChange): void {
    this.content.push(c);
  }

  finish(headers: Map<string, string[]>): StoredCommit {
    this.rows.close();
    this.keys.close();
    renameSync(`${this.tmp}.rows.tmp`, `${this.base}.rows`);
    renameSync(`${this.tmp}.keys.tmp`, `${this.base}.keys`);
    const footer: Footer = {
      commit: this.commit,
      headers: [...headers],
      content: this.content,
      rowCount: this.rowCount,
      tables: [...this.tables],
      verbs: this.verbs.counts(),
      rowsBytes: this.rows.bytes,
      keysBytes: this.keys.bytes,
    };
    writeFileSync(`${this.tmp}.json.tmp`, JSON.stringify(footer));
    renameSync(`${this.tmp}.json.tmp`, `${this.base}.json`);
    return new StoredCommit(this.base, footer);
  }
}
