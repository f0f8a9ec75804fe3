/**
 * Git at build time, in two steps. `git log` without patches lists the commits
 * that touched the data and content folders (small at any age); `git diff-tree
 * --stdin` then writes the changed lines of only the commits the history cache
 * has not seen, straight into a file that the parser reads in chunks, so the
 * patch text never sits in memory (a city's whole-table re-save is larger than
 * V8's longest string). Per-file `--follow` would be one process per file and
 * far too slow at city scale. Most of a cold read is git producing each version
 * of a large table, so a long list of commits is split into two consecutive
 * parts diffed by one git each, side by side (on two cores). Every failure says what
 * git said, in Chinese.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { availableParallelism } from 'node:os';

export const RECORD = '\x1e';
export const FIELD = '\x1f';

export interface ListedCommit {
  hash: string;
  /** Parents as this clone sees them: none at a shallow clone's boundary. */
  parents: string;
}

export type Repo = { ok: true; root: string; shallow: boolean } | { ok: false; reason: string };

// A fixed environment: no pager, no user colour config, no locale-dependent output.
const ENV = { GIT_PAGER: 'cat', LC_ALL: 'C', GIT_CONFIG_NOSYSTEM: '1' };

function git(cwd: string, args: string[], stdout?: number, input?: string): SpawnSyncReturns<string> {
  return spawnSync('git', ['-c', 'core.quotepath=off', ...args], {
    cwd,
    encoding: 'utf8',
    input,
    stdio: ['pipe', stdout ?? 'pipe', 'pipe'],
    // Only the commit list comes back through memory; patches go to a file.
    maxBuffer: 256 << 20,
    env: { ...process.env, ...ENV },
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

const DIFF_TREE = [
  'diff-tree',
  '--stdin',
  '--always',
  '--root',
  '-r',
  '-p',
  '--unified=0',
  '--no-renames',
  '--no-color',
  '--no-ext-diff',
  '--no-textconv',
  '--ignore-cr-at-eol',
  `--format=${RECORD}%H${FIELD}%cI${FIELD}%s`,
];

/** Fewer commits than this per part are not worth another git process. */
const MIN_PART = 8;

/**
 * Runs several gits at once and waits for all of them, in a Node child: the
 * history is read synchronously, and a synchronous call can only wait for one
 * process. Reads the jobs as JSON on stdin; prints each one's exit as JSON.
 */
const PARALLEL = `
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const jobs = JSON.parse(fs.readFileSync(0, 'utf8'));
const out = [];
let left = jobs.length;
const done = (i, r) => {
  if (out[i]) return;
  out[i] = r;
  if (--left === 0) process.stdout.write(JSON.stringify(out));
};
jobs.forEach((j, i) => {
  const fd = fs.openSync(j.file, 'w');
  let stderr = '';
  const p = spawn('git', j.args, { cwd: j.cwd, stdio: ['pipe', fd, 'pipe'] });
  p.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
  p.on('error', (e) => { fs.closeSync(fd); done(i, { error: e.message, stderr }); });
  p.on('close', (status, signal) => { try { fs.closeSync(fd); } catch {} done(i, { status, signal, stderr }); });
  p.stdin.on('error', () => {});
  p.stdin.end(j.input);
});
`;

/**
 * Write the changed lines of `hashes` (in that order) to `files`: one record per
 * commit (`--always`, even when nothing but line ends changed), zero context,
 * line-end-only changes ignored (a CRLF re-save of a whole table is no diff at all).
 * `files(n)` names the n parts; their concatenation, in order, is the whole output.
 */
export function writePatches(
  root: string,
  hashes: readonly string[],
  paths: readonly string[],
  files: (parts: number) => string[],
): { files: string[] } | { reason: string } {
  const args = ['-c', 'core.quotepath=off', ...DIFF_TREE, '--', ...paths];
  // Two at most: each git holds two versions of the largest table, and memory is bounded too.
  const parts = Math.max(1, Math.min(availableParallelism(), 2, Math.floor(hashes.length / MIN_PART)));
  const names = files(parts);
  if (parts === 1) {
    const fd = openSync(names[0]!, 'w');
    let r: SpawnSyncReturns<string>;
    try {
      r = git(root, args.slice(2), fd, hashes.join('\n') + '\n');
    } finally {
      closeSync(fd);
    }
    if (r.status !== 0 || r.error) return { reason: failed('diff-tree', r) };
    return { files: names };
  }
  const size = Math.ceil(hashes.length / parts);
  const jobs = names.map((file, i) => ({
    file,
    cwd: root,
    args,
    input: hashes.slice(i * size, (i + 1) * size).join('\n') + '\n',
  }));
  const r = spawnSync(process.execPath, ['-e', PARALLEL], {
    input: JSON.stringify(jobs),
    encoding: 'utf8',
    maxBuffer: 256 << 20,
    env: { ...process.env, ...ENV },
  });
  if (r.status !== 0 || r.error) return { reason: failed('diff-tree', r) };
  for (const j of JSON.parse(r.stdout) as {
    status: number | null;
    signal: NodeJS.Signals | null;
    error?: string;
    stderr: string;
  }[]) {
    const one = {
      status: j.status,
      signal: j.signal,
      stderr: j.stderr,
      error: j.error ? new Error(j.error) : undefined,
    };
    if (j.status !== 0 || j.error) return { reason: failed('diff-tree', one as SpawnSyncReturns<string>) };
  }
  return { files: names };
}
