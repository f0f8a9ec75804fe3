/**
 * The change history of the published data, from git, once per build.
 * Dates come from the commits, never from the clock, so the same commit builds
 * the same pages. If git fails or its output cannot be read, the history is
 * "unavailable" with the reason (git's own message included): the pages are
 * published with a visible "变更记录暂不可用" notice and the build log says why.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { columnsOf, TABLE_NAMES, type TableName } from '../schema/tables.ts';
import { buildCacheDir } from '../util/cache-dir.ts';
import { relativeInside } from '../util/paths.ts';
import { HistoryCache } from './cache.ts';
import { BlobFailed, openBlobs } from './blobs.ts';
import { recordEnd, textDiffers } from './diff.ts';
import { listChanges, listCommits, NO_BLOB, openRepo, type ListedCommit } from './git-log.ts';
import { marksOf, sharedPrefix } from './marks.ts';
import { ChangeParser, dateOf, type Headers, type LayoutPaths } from './parse.ts';
import { versionsToRead, walkVersions } from './versions.ts';
import type { EntryWriter, StoredCommit } from './store.ts';
import { schemaFingerprint } from './values.ts';

/**
 * Commits newest first. A commit in memory is its metadata, counts and content
 * changes; its row changes stay on disk (store.ts), so memory does not grow with
 * the rows a history holds.
 */
export type History =
  { available: true; shallow: boolean; commits: StoredCommit[] } | { available: false; reason: string; commits: [] };

export interface HistoryOptions {
  root: string;
  dataDir?: string;
  contentDir?: string;
  /** The build cache folder; without it every commit is parsed on every call, into a temporary folder removed when the process exits. */
  cacheDir?: string;
}

/** How the last load went, for the benchmark and the build log. */
export interface HistoryStats {
  commits: number;
  fromCache: number;
  parsed: number;
}

const unavailable = (reason: string): History => ({ available: false, reason, commits: [] });

export function loadHistory(opts: HistoryOptions, stats?: HistoryStats): History {
  try {
    return load(opts, stats);
  } catch (e) {
    return unavailable(`读取 git 提交记录时出错:${e instanceof Error ? e.message : String(e)}`);
  }
}

function load(opts: HistoryOptions, stats?: HistoryStats): History {
  const root = path.resolve(opts.root);
  const dataDir = path.resolve(root, opts.dataDir ?? 'data');
  const contentDir = path.resolve(root, opts.contentDir ?? 'src/content');
  const repo = openRepo(root);
  if (!repo.ok) return unavailable(repo.reason);
  const inRepo = [dataDir, contentDir].map((p) => relativeInside(repo.root, p));
  // git would refuse with both folders' absolute paths in its words, and the reason is shown on
  // public pages: say it without them.
  const outside = inRepo.indexOf(undefined);
  if (outside >= 0) return unavailable(`${outside === 0 ? '数据' : '内容'}目录不在网站所在的 git 仓库里`);
  const paths = inRepo.map((p) => p || '.');
  const listed = listCommits(repo.root, paths);
  if (!Array.isArray(listed)) return unavailable(listed.reason);
  const layout: LayoutPaths = {
    data: paths[0]!,
    content: paths[1]!,
    tables: TABLE_NAMES,
    defaultHeader: (t) => columnsOf(t as TableName).map((c) => c.name),
  };
  const cache = new HistoryCache(
    opts.cacheDir ? path.join(path.resolve(root, opts.cacheDir), 'gongshi-history') : scratchDir(),
    JSON.stringify([paths, schemaFingerprint()]),
  );

  // Oldest first; `commits` is returned newest first.
  const out: StoredCommit[] = [];
  const keep = (c: StoredCommit) => {
    if (c.rowCount > 0 || c.content.length > 0) out.push(c);
  };
  let headers: Headers = new Map();
  let next = 0;
  for (; next < listed.length; next++) {
    const hit = cache.read(cache.key(listed[next]!, headers));
    if (!hit) break;
    keep(hit);
    headers = hit.headers;
  }
  const parsed = listed.length - next;
  if (parsed > 0) {
    const failed = parseFrom(repo.root, listed.slice(next), paths, layout, headers, cache, keep);
    if (failed) return unavailable(failed);
  }
  cache.prune();
  if (stats) Object.assign(stats, { commits: listed.length, fromCache: next, parsed });
  return { available: true, shallow: repo.shallow, commits: out.reverse() };
}

/** Parse `todo` (a tail of the commit list) from git's versions of the files, caching each commit as it completes; a git failure's reason. */
function parseFrom(
  root: string,
  todo: readonly ListedCommit[],
  paths: readonly string[],
  layout: LayoutPaths,
  start: Headers,
  cache: HistoryCache,
  keep: (c: StoredCommit) => void,
): string | undefined {
  const changes = listChanges(
    root,
    todo.map((c) => c.hash),
    paths,
  );
  if ('reason' in changes) return changes.reason;
  // git answers in the order asked: anything else means the output is not what we think.
  const wrong = todo.findIndex((c, i) => changes[i]?.hash !== c.hash);
  if (wrong !== -1 || changes.length !== todo.length)
    throw new Error(`git 列出的第 ${wrong + 1} 个提交与提交列表不符(共 ${changes.length} 个,应有 ${todo.length} 个)`);
  let i = 0;
  let before = start;
  let entry: EntryWriter | undefined;
  const parser = new ChangeParser(layout, start, {
    begin(commit) {
      entry = cache.writer(cache.key(todo[i++]!, before), commit);
    },
    row: (r) => entry!.row(r),
    content: (c) => entry!.contentChange(c),
    end(after) {
      keep(entry!.finish(after));
      before = after;
    },
  });
  const kind = (p: string) => parser.kind(p);
  // Each table's last version parsed here: its marks are kept for the next build's parent.
  const last = new Map<string, string>();
  for (const c of changes) for (const f of c.files) if ('table' in (kind(f.path) ?? {})) last.set(f.path, f.after);
  const tmp = mkdtempSync(path.join(cache.dir, 'blobs-'));
  const blobs = openBlobs(root, versionsToRead(changes, kind), tmp);
  // Parents read as the header and what follows the last mark they share with the new version, by where that mark is.
  const shortened = new WeakMap<Buffer, number>();
  const read = (id: string, file: string, now?: Buffer) => {
    const marks = now && cache.marks(id);
    const from = marks ? sharedPrefix(marks, now) : 0;
    const head = from > 0 ? recordEnd(now!, 0) + 1 : 0;
    if (head === 0 || head > from) return blobs.next(id, file);
    const parent = blobs.tail(id, file, from, now!.subarray(0, head));
    shortened.set(parent, from);
    return parent;
  };
  try {
    walkVersions(
      changes,
      kind,
      read,
      {
        begin: (c) => parser.begin({ hash: c.hash, time: c.time, date: dateOf(c.time), subject: c.subject }),
        file(f, k, old, now) {
          if ('table' in k && now && last.get(f.path) === f.after) cache.writeMarks(f.after, marksOf(now));
          if ('table' in k) {
            const from = old && shortened.get(old);
            // diff.ts walks forward from a record start: the header and the two tails diff as the whole versions do.
            const tail =
              from && now ? Buffer.concat([now.subarray(0, recordEnd(now, 0) + 1), now.subarray(from)]) : now;
            return parser.table(f.path, k.table, old, tail);
          }
          const change = NO_BLOB.test(f.before) ? 'added' : NO_BLOB.test(f.after) ? 'removed' : 'modified';
          if (change !== 'modified' || (old && now && textDiffers(old, now))) parser.content({ ...k, change });
        },
        end: () => parser.end(),
      },
      (text) => blobs.release(text),
    );
    return undefined;
  } catch (e) {
    if (e instanceof BlobFailed) return e.message;
    throw e;
  } finally {
    blobs.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

let scratch: string | undefined;

/** Without a build cache folder: one temporary folder per process, for the rows the pages read later. */
function scratchDir(): string {
  if (!scratch) {
    const dir = mkdtempSync(path.join(tmpdir(), 'gongshi-history-'));
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
    scratch = dir;
  }
  return mkdtempSync(path.join(scratch, 'load-'));
}

const memo = new Map<string, History>();

/** One git pass per build, shared by every page that shows history. */
function loadHistoryOnce(opts: HistoryOptions): History {
  const key = JSON.stringify([path.resolve(opts.root), opts.dataDir ?? '', opts.contentDir ?? '', opts.cacheDir ?? '']);
  let h = memo.get(key);
  if (!h) {
    h = loadHistory(opts);
    // Staff read the build log: say once, in their words, why the history pages carry a notice.
    if (!h.available) console.warn(`[gongshi] 变更记录暂不可用:${h.reason}。页面照常发布,变更记录页显示此提示。`);
    memo.set(key, h);
  }
  return h;
}

/** The project's history as the build sees it (GONGSHI_DATA_DIR / GONGSHI_CONTENT_DIR for fixture sites). */
export function loadProjectHistory(root: string = process.cwd()): History {
  return loadHistoryOnce({
    root,
    dataDir: process.env.GONGSHI_DATA_DIR || undefined,
    contentDir: process.env.GONGSHI_CONTENT_DIR || undefined,
    cacheDir: buildCacheDir(),
  });
}
