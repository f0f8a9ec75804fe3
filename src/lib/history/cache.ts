/**
 * What was parsed for a commit, kept between builds in the build cache folder
 * (CI can keep it). An entry's key is everything its parse depends on: the
 * commit (whose hash covers its tree and its ancestors), the parents this clone
 * sees (a shallow clone's boundary commit diffs against nothing), the headers the
 * parser carried into it, the folders, the schemas and the parser's version. A
 * rebase gives new hashes, so rewritten commits are parsed again, and an entry
 * can only be reused where a full parse would give the same result.
 *
 * An entry is the three files of store.ts; reusing one reads only its small
 * `.json` (the rows stay on disk until a page asks for them), so a build with
 * one new commit does work for that commit, not for the whole history.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ListedCommit } from './git-log.ts';
import { parseMarks, type Marks } from './marks.ts';
import type { Commit, Headers } from './parse.ts';
import { EntryWriter, StoredCommit } from './store.ts';

/** Bump when the parse of a commit could change for the same input (the parser, the git options or the entry's files). */
// history-4: versions diffed in process (diff.ts): a quoted cell spanning lines is one record even where only one of its lines changed.
const VERSION = 'history-4';

// `.groups`: the entry's grouping by compound (groups.ts).
const ENTRY = /^([0-9a-f]{64})\.(json|rows|keys|groups)$/;
// `.marks`: a table version's marks (marks.ts), named by its blob id (sha1 or sha256 repositories).
const MARKS = /^([0-9a-f]{40}|[0-9a-f]{64})\.marks$/;

/**
 * How long a file no build has used is kept. Builds sharing the cache folder (CI jobs, two
 * branches) must not delete what another build is still reading: each build marks what it uses,
 * and removes only what nobody has used for this long.
 */
const KEEP_UNUSED_MS = 86_400_000;

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

  read(key: string): StoredCommit | undefined {
    const hit = StoredCommit.read(path.join(this.dir, key));
    if (hit) this.touch(key, '.json', '.rows', '.keys');
    return hit;
  }

  private touch(name: string, ...exts: string[]): void {
    const now = new Date();
    for (const ext of exts) {
      try {
        utimesSync(path.join(this.dir, name + ext), now, now);
      } catch {
        // Gone already: the entry reads as a miss next time.
      }
    }
  }

  /** The marks of the table version `blob`, if a build kept them. */
  marks(blob: string): Marks | undefined {
    let text: string;
    try {
      text = readFileSync(path.join(this.dir, `${blob}.marks`), 'utf8');
    } catch {
      return undefined;
    }
    this.used.add(blob);
    this.touch(blob, '.marks');
    return parseMarks(text);
  }

  writeMarks(blob: string, marks: Marks): void {
    const file = path.join(this.dir, `${blob}.marks`);
    // Written whole and then renamed: a build reading beside this one sees all of it or none.
    writeFileSync(`${file}.${process.pid}.tmp`, JSON.stringify(marks));
    renameSync(`${file}.${process.pid}.tmp`, file);
    this.used.add(blob);
  }

  writer(key: string, commit: Commit): EntryWriter {
    return new EntryWriter(path.join(this.dir, key), commit);
  }

  /**
   * Drop what no build has used for a day (commits rebased away, other folders): the cache does
   * not grow forever, and a build running beside this one keeps its files.
   */
  prune(): void {
    const old = Date.now() - KEEP_UNUSED_MS;
    for (const f of readdirSync(this.dir)) {
      const file = path.join(this.dir, f);
      const name = (ENTRY.exec(f) ?? MARKS.exec(f))?.[1];
      // A build that died mid-write leaves its temporary files; another build's may still be in use.
      const unused = f.endsWith('.tmp') || (name !== undefined && !this.used.has(name));
      // `.ndjson`: an entry of the first cache format (one file per commit, rows kept in memory).
      if (f.endsWith('.ndjson') || (unused && (statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? Infinity) < old))
        rmSync(file, { force: true });
    }
  }
}
