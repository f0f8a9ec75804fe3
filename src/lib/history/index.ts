/**
 * The change history of the published data, from git, once per build.
 * Dates come from the commits, never from the clock, so the same commit builds
 * the same pages.
 */
import path from 'node:path';
import { columnsOf, TABLE_NAMES, type TableName } from '../schema/tables.ts';
import { readGitLog } from './git-log.ts';
import { parseGitLog, type CommitChanges } from './parse.ts';

export type History =
  { available: true; shallow: boolean; commits: CommitChanges[] } | { available: false; reason: string; commits: [] };

export interface HistoryOptions {
  root: string;
  dataDir?: string;
  contentDir?: string;
}

export function loadHistory(opts: HistoryOptions): History {
  const root = path.resolve(opts.root);
  const dataDir = path.resolve(root, opts.dataDir ?? 'data');
  const contentDir = path.resolve(root, opts.contentDir ?? 'src/content');
  const log = readGitLog(root, [dataDir, contentDir]);
  if (!log.available) return { available: false, reason: log.reason, commits: [] };
  const relTo = (p: string) => path.relative(log.root, p).split(path.sep).join('/');
  const commits = parseGitLog(log.text, {
    data: relTo(dataDir),
    content: relTo(contentDir),
    tables: TABLE_NAMES,
    defaultHeader: (t) => columnsOf(t as TableName).map((c) => c.name),
  });
  return { available: true, shallow: log.shallow, commits };
}

const memo = new Map<string, History>();

/** One git pass per build, shared by every page that shows history. */
export function loadHistoryOnce(opts: HistoryOptions): History {
  const key = JSON.stringify([path.resolve(opts.root), opts.dataDir ?? '', opts.contentDir ?? '']);
  let h = memo.get(key);
  if (!h) {
    h = loadHistory(opts);
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
  });
}
