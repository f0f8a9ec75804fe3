/**
 * Where the append-only check gets "the ledger as previously published": a git
 * revision and the file's bytes at that revision.
 *
 * - `--base <rev>` on `npm run check`, or GONGSHI_LEDGER_BASE: that revision; if it
 *   does not resolve the check fails (`fatal`), it never falls back to something else.
 * - Otherwise the tag PUBLISHED_TAG, which the publishing workflow moves to the deployed
 *   commit after each deploy (docs/ci-example.yml), on every branch including main.
 * - No such tag yet: on a branch, the merge base with main; on main (or without main) the
 *   repository has never been published, and the check says so instead of comparing.
 */
import { execFileSync } from 'node:child_process';

export const BASE_ENV = 'GONGSHI_LEDGER_BASE';
/** The tag the publishing workflow writes after each deploy: the last published release. */
export const PUBLISHED_TAG = 'published';

export type BaseFile =
  /** blob: the file's git object id at the base (names its bytes for a cache), with the bytes. */
  | { ok: true; rev: string; commit: string; bytes: Uint8Array | undefined; blob?: string }
  /** fatal: a base was asked for and cannot be used (the check fails); otherwise it could not run (a note). */
  | { ok: false; reason: string; fatal?: { rev: string } };

function git(root: string, args: string[]): string {
  return execFileSync('git', ['-C', root, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

function gitBytes(root: string, args: string[]): Uint8Array {
  return execFileSync('git', ['-C', root, ...args], { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
}

function message(e: unknown): string {
  const err = e as { stderr?: Buffer | string; message?: string; code?: string };
  if (err.code === 'ENOENT') return '找不到 git 命令';
  const text = (err.stderr ? String(err.stderr) : (err.message ?? String(e))).trim();
  return text.split('\n')[0] ?? text;
}

/** The base revision's copy of `file` (undefined bytes: the file did not exist there). */
function resolves(root: string, rev: string): string | undefined {
  try {
    return git(root, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]) || undefined;
  } catch {
    return undefined;
  }
}

function currentBranch(root: string): string {
  try {
    return git(root, ['symbolic-ref', '--quiet', '--short', 'HEAD']);
  } catch {
    return '';
  }
}

type BaseRevision = { ok: true; rev: string; commit: string } | Extract<BaseFile, { ok: false }>;

/** Which commit the ledger is compared with, without reading the file (the check cache's key: validate/cached.ts). */
export function resolveBase(root: string, explicit?: string): BaseRevision {
  const requested = explicit ?? process.env[BASE_ENV] ?? '';
  try {
    if (git(root, ['rev-parse', '--is-inside-work-tree']) !== 'true') throw new Error('不在工作区中');
  } catch (e) {
    const reason = `不在 git 仓库中(${message(e)})`;
    return requested ? { ok: false, reason, fatal: { rev: requested } } : { ok: false, reason };
  }
  let rev: string;
  let commit: string | undefined;
  if (requested !== '') {
    rev = requested;
    commit = resolves(root, rev);
    if (!commit) return { ok: false, reason: '不是这个仓库里的标签、分支或提交', fatal: { rev } };
  } else if ((commit = resolves(root, `refs/tags/${PUBLISHED_TAG}`))) {
    rev = PUBLISHED_TAG;
  } else if (currentBranch(root) !== 'main' && resolves(root, 'main')) {
    try {
      rev = git(root, ['merge-base', 'HEAD', 'main']);
      commit = rev;
    } catch (e) {
      return { ok: false, reason: `找不到与 main 的共同祖先(${message(e)});用 --base <提交> 指定上次发布的版本` };
    }
  } else if (currentBranch(root) !== 'main') {
    return {
      ok: false,
      reason: `既没有发布标签 ${PUBLISHED_TAG},也没有 main 分支;用 --base <提交> 指定上次发布的版本`,
    };
  } else {
    return {
      ok: false,
      reason: `还没有发布标签 ${PUBLISHED_TAG},视为首次发布,没有已发布的流水可比对;发布流程每次部署后要把 ${PUBLISHED_TAG} 标签移到发布的提交,或用 --base <提交> 指定`,
    };
  }
  return { ok: true, rev, commit };
}

export function readBaseFile(root: string, file: string, explicit?: string): BaseFile {
  const base = resolveBase(root, explicit);
  if (!base.ok) return base;
  const { rev, commit } = base;
  try {
    git(root, ['cat-file', '-e', `${commit}:./${file}`]);
  } catch {
    return { ok: true, rev, commit, bytes: undefined };
  }
  try {
    const blob = git(root, ['rev-parse', `${commit}:./${file}`]);
    return { ok: true, rev, commit, blob, bytes: gitBytes(root, ['cat-file', 'blob', blob]) };
  } catch (e) {
    return { ok: false, reason: `读取 ${rev}:${file} 失败(${message(e)})` };
  }
}
