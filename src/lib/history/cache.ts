/**
 * What was parsed for a commit, kept between builds in the build cache folder
 * (CI can keep it). An entry's key is everything its parse depends on: the
 * commit (whose hash covers its tree and its ancestors), the parents this clone
 * sees (a shallow clone's boundary commit diffs against nothing), the headers the
 * parser carried into it, the folders, the schemas and the parser's version. A
 * rebase gives new hashes, so rewritten commits are parsed again, and an entry
 * can only be reused where a full parse would give the same result.
 *
 * One file per entry, one JSON line per change, written to a temporary name and
 * renamed, read back line by line; a damaged or partial entry is a miss.
 */
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { ListedCommit } from './git-log.ts';
import { forEachLine } from './lines.ts';
import type { CommitChanges, Headers } from './parse.ts';

/** Bump when the parse of a commit could change for the same input (the parser or the git options). */
const VERSION = 'history-1';

export interface CachedCommit {
  changes: CommitChanges;
  headers: Headers;
}

export class HistoryCache {
  private readonly used = new Set<string>();
  readonly dir: string;
  private readonly context: string;

  /** `dir` is this history's folder in the build cache; `context` is folders and schemas, as text. */
  constructor(dir: string, context: string) {
    this.dir = dir;
    this.context = context;
    mkdirSync(dir, { recursive: true });
  }

  key(c: ListedCommit, headers: Headers): string {
    const h = createHash('sha256');
    h.update(JSON.stringify([VERSION, this.context, c.hash, c.parents, [...headers].sort()]));
    const key = h.digest('hex');
    this.used.add(key);
    return key;
  }

  private file(key: string): string {
    return path.join(this.dir, `${key}.ndjson`);
  }

  read(key: string): CachedCommit | undefined {
    let head: { commit: CommitChanges['commit']; headers: [string, string[]][]; rows: number; content: number };
    let changes: CommitChanges | undefined;
    let ended = false;
    let broken = false;
    try {
      forEachLine(this.file(key), (line) => {
        if (broken || line === '') return;
        if (ended) {
          broken = true;
          return;
        }
        const v = JSON.parse(line);
        if (!changes) {
          head = v;
          changes = { commit: v.commit, rows: [], content: [] };
        } else if (Array.isArray(v) && v.length === 5) {
          const [table, rowId, change, cells, diff] = v;
          changes.rows.push({ table, rowId, change, cells, diff });
        } else if (Array.isArray(v) && v.length === 3) {
          const [collection, id, change] = v;
          changes.content.push({ collection, id, change });
        } else if (v && v.end === true) ended = true;
        else broken = true;
      });
    } catch {
      return undefined;
    }
    if (broken || !ended || !changes) return undefined;
    if (changes.rows.length !== head!.rows || changes.content.length !== head!.content) return undefined;
    return { changes, headers: new Map(head!.headers) };
  }

  write(key: string, changes: CommitChanges, headers: Headers): void {
    const tmp = `${this.file(key)}.${process.pid}.tmp`;
    const fd = openSync(tmp, 'w');
    try {
      let buf: string[] = [];
      let size = 0;
      const out = (line: string) => {
        buf.push(line);
        size += line.length;
        // Written in slices: a city's first commit is far more than one string can hold.
        if (size > 1 << 20) flush();
      };
      const flush = () => {
        if (buf.length > 0) writeSync(fd, buf.join('\n') + '\n');
        buf = [];
        size = 0;
      };
      const { commit, rows, content } = changes;
      out(JSON.stringify({ commit, headers: [...headers], rows: rows.length, content: content.length }));
      for (const r of rows) out(JSON.stringify([r.table, r.rowId, r.change, r.cells, r.diff]));
      for (const c of content) out(JSON.stringify([c.collection, c.id, c.change]));
      out('{"end":true}');
      flush();
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.file(key));
  }

  /** Drop entries this build did not use (commits rebased away, other folders): the cache does not grow forever. */
  prune(): void {
    const day = Date.now() - 86_400_000;
    for (const f of readdirSync(this.dir)) {
      const file = path.join(this.dir, f);
      // A build that died mid-write leaves its temporary file; another build's may still be in use.
      const stale = f.endsWith('.tmp') && (statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? Infinity) < day;
      if (stale || (f.endsWith('.ndjson') && !this.used.has(f.slice(0, -'.ndjson'.length))))
        rmSync(file, { force: true });
    }
  }
}
