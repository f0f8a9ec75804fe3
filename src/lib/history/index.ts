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
import { HistoryCache } from './cache.ts';
import { listCommits, openRepo, writePatches, type ListedCommit } from './git-log.ts';
import { forEachLine } from './lines.ts';
import { PatchParser, type Headers, type LayoutPaths } from './parse.ts';
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
  const relTo = (p: string) => path.relative(repo.root, p).split(path.sep).join('/') || '.';
  const paths = [relTo(dataDir), relTo(contentDir)];
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

/** Parse `todo` (a tail of the commit list) from git's patches, caching each commit as it completes; a git failure's reason. */
function parseFrom(
  root: string,
  todo: readonly ListedCommit[],
  paths: readonly string[],
  layout: LayoutPaths,
  start: Headers,
  cache: HistoryCache,
  keep: (c: StoredCommit) => void,
): string | undefined {
  const tmp = mkdtempSync(path.join(cache.dir, 'patch-'));
  try {
    const written = writePatches(
      root,
      todo.map((c) => c.hash),
      paths,
      (n) => Array.from({ length: n }, (_, k) => path.join(tmp, `log-${k}.patch`)),
    );
    if ('reason' in written) return written.reason;
    let i = 0;
    let before = start;
    let entry: EntryWriter | undefined;
    const parser = new PatchParser(layout, start, {
      begin(commit) {
        const listed = todo[i++];
        // git wrote the commits in the order asked: anything else means the output is not what we think.
        if (!listed || listed.hash !== commit.hash)
          throw new Error(`git 输出的第 ${i} 个提交(${commit.hash.slice(0, 10)})与提交列表不符`);
        entry = cache.writer(cache.key(listed, before), commit);
      },
      row: (r) => entry!.row(r),
      content: (c) => entry!.contentChange(c),
      end(after) {
        keep(entry!.finish(after));
        before = after;
      },
    });
    // The parts follow each other: one parser reads them as one log.
    for (const file of written.files) forEachLine(file, (l) => parser.line(l));
    parser.end();
    if (i !== todo.length) throw new Error(`git 只输出了 ${i} 个提交,应有 ${todo.length} 个`);
    return undefined;
  } finally {
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
