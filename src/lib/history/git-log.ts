/**
 * Run git once at build time. One `git log -p --unified=0` pass over the data
 * and content folders gives every commit with its changed lines; per-file
 * `--follow` would be one process per file and far too slow at city scale.
 * Outside a git work tree, or without git, history is simply unavailable.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export const RECORD = '\x1e';
export const FIELD = '\x1f';

export type GitLogResult =
  { available: true; text: string; shallow: boolean; root: string } | { available: false; reason: string };

function git(cwd: string, args: string[]) {
  return spawnSync('git', ['-c', 'core.quotepath=off', ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    // A fixed environment: no pager, no user colour config, no locale-dependent output.
    env: { ...process.env, GIT_PAGER: 'cat', LC_ALL: 'C', GIT_CONFIG_NOSYSTEM: '1' },
  });
}

/** The log of `paths` (absolute or relative to `cwd`), oldest commit first. */
export function readGitLog(cwd: string, paths: readonly string[]): GitLogResult {
  const top = git(cwd, ['rev-parse', '--show-toplevel']);
  if (top.error) return { available: false, reason: '构建环境里没有 git 命令' };
  if (top.status !== 0) return { available: false, reason: '网站不是从 git 仓库构建的' };
  const root = top.stdout.trim();
  const shallow = git(cwd, ['rev-parse', '--is-shallow-repository']).stdout.trim() === 'true';
  const rel = paths.map((p) => path.relative(root, path.resolve(cwd, p)).split(path.sep).join('/') || '.');
  const log = git(root, [
    'log',
    '--reverse',
    '--no-renames',
    '--no-merges',
    '--no-color',
    '-p',
    '--unified=0',
    `--format=${RECORD}%H${FIELD}%cI${FIELD}%s`,
    '--',
    ...rel,
  ]);
  if (log.status !== 0) {
    // A repository with no commits yet has no history either.
    return { available: false, reason: '仓库里还没有提交记录' };
  }
  return { available: true, text: log.stdout, shallow, root };
}
