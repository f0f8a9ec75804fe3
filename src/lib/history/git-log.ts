/**
 * Git at build time, in three steps, none of which asks git for patches.
 * `git log` lists the commits that touched the data and content folders;
 * `git diff-tree --raw` lists the files each commit not yet in the history
 * cache changed, as blob ids (git compares trees, not text: cheap at any size);
 * blobs.ts then reads the versions the parser needs and diff.ts compares them.
 * Patches made git write out every version of a city's ledger twice per commit
 * (about 110 of a cold read's 150 s of CPU at 15,000 compounds). Per-file
 * `--follow` would be one process per file and far too slow at city scale.
 * Every failure says what git said, in Chinese.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';

const RECORD = '\x1e';
const FIELD = '\x1f';

export interface ListedCommit {
  hash: string;
  /** Parents as this clone sees them: none at a shallow clone's boundary. */
  parents: string;
}

export type Repo = { ok: true; root: string; shallow: boolean } | { ok: false; reason: string };

// A fixed environment: no pager, no user colour config, no locale-dependent output.
export const GIT_ENV = { GIT_PAGER: 'cat', LC_ALL: 'C', GIT_CONFIG_NOSYSTEM: '1' };

function git(cwd: string, args: string[], input?: string): SpawnSyncReturns<string> {
  return spawnSync('git', ['-c', 'core.quotepath=off', ...args], {
    cwd,
    encoding: 'utf8',
    input,
    // Lists of commits and blob ids only: file versions are read by blobs.ts.
    maxBuffer: 256 << 20,
    env: { ...process.env, ...GIT_ENV },
  });
}

/** git's own words, one line, for the build log and the "变更记录暂不可用" notice. */
function gitSaid(r: SpawnSyncReturns<string>): string {
  if (r.error) return r.error.message;
  const text = (r.stderr ?? '').trim().split('\n').filter(Boolean).slice(-2).join(' ');
  return text || (r.signal ? `被信号 ${r.signal} 终止` : `退出码 ${r.status}`);
}

function failed(step: string, r: SpawnSyncReturns<string>): string {
  return `git ${step} 出错:${gitSaid(r)}`;
}

export function openRepo(cwd: string): Repo {
  const top = git(cwd, ['rev-parse', '--show-toplevel']);
  if ((top.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT')
    return { ok: false, reason: '构建环境里没有 git 命令' };
  if (top.status !== 0) {
    if (/not a git repository/i.test(top.stderr ?? '')) return { ok: false, reason: '网站不是从 git 仓库构建的' };
    return { ok: false, reason: failed('rev-parse', top) };
  }
  const root = top.stdout.trim();
  const head = git(root, ['rev-parse', '--verify', '--quiet', 'HEAD']);
  if (head.status === 1 && head.stdout.trim() === '') return { ok: false, reason: '仓库里还没有提交记录' };
  if (head.status !== 0) return { ok: false, reason: failed('rev-parse HEAD', head) };
  const shallow = git(root, ['rev-parse', '--is-shallow-repository']);
  if (shallow.status !== 0) return { ok: false, reason: failed('rev-parse', shallow) };
  return { ok: true, root, shallow: shallow.stdout.trim() === 'true' };
}

/**
 * Commits that touched `paths` (relative to the repository root), oldest first.
 * Merges are left out (their changes are the merged commits'), and a renamed
 * file is a deletion and an addition: the history tells what a reader saw.
 */
export function listCommits(root: string, paths: readonly string[]): ListedCommit[] | { reason: string } {
  const r = git(root, ['log', '--reverse', '--no-renames', '--no-merges', '--format=%H %P', '--', ...paths]);
  if (r.status !== 0 || r.error) return { reason: failed('log', r) };
  return r.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const sp = l.indexOf(' ');
      return { hash: l.slice(0, sp), parents: l.slice(sp + 1) };
    });
}

/** A file a commit changed: its blob ids before and after (`NO_BLOB` where it did not exist). */
export interface FileChange {
  path: string;
  before: string;
  after: string;
}

export interface ChangedCommit {
  hash: string;
  /** Committer date, ISO 8601 with offset, exactly as git stored it. */
  time: string;
  subject: string;
  files: FileChange[];
}

export const NO_BLOB = /^0+$/;

/**
 * The files each of `hashes` changed under `paths`, in that order: one record per commit
 * (`--always`), each diffed against its parents as this clone sees them (`--root`: a shallow
 * clone's boundary commit adds everything). Blob ids only: git compares trees, never file
 * text, so this is cheap at any size; the versions are read by blobs.ts.
 */
export function listChanges(
  root: string,
  hashes: readonly string[],
  paths: readonly string[],
): ChangedCommit[] | { reason: string } {
  const r = git(
    root,
    [
      'diff-tree',
      '--stdin',
      '--always',
      '--root',
      '-r',
      '--raw',
      '--no-abbrev',
      '--no-renames',
      `--format=${RECORD}%H${FIELD}%cI${FIELD}%s`,
      '--',
      ...paths,
    ],
    hashes.join('\n') + '\n',
  );
  if (r.status !== 0 || r.error) return { reason: failed('diff-tree', r) };
  const out: ChangedCommit[] = [];
  for (const line of r.stdout.split('\n')) {
    if (line.startsWith(RECORD)) {
      const [hash = '', time = '', subject = ''] = line.slice(1).split(FIELD);
      out.push({ hash, time, subject, files: [] });
      continue;
    }
    // ":100644 100644 <before> <after> M\t<path>"; a path git had to quote (control characters) is not a table or entry.
    const m = /^:(\d+) (\d+) ([0-9a-f]+) ([0-9a-f]+) [A-Z]\d*\t([^"].*)$/.exec(line);
    // A submodule (mode 160000) has no text of its own.
    if (!m || m[1] === '160000' || m[2] === '160000') continue;
    out[out.length - 1]?.files.push({ path: m[5]!, before: m[3]!, after: m[4]! });
  }
  return out;
}
