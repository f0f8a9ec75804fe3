/**
 * Where the append-only check gets "the ledger as previously published": a git
 * revision (default: the merge base of HEAD and main; `--base <rev>` on
 * `npm run check`, or GONGSHI_LEDGER_BASE) and the file's bytes at that revision.
 * Every failure is a reason string, so the check can say why it could not run.
 */
import { execFileSync } from 'node:child_process';

export const BASE_ENV = 'GONGSHI_LEDGER_BASE';

export type BaseFile =
  { ok: true; rev: string; commit: string; bytes: Uint8Array | undefined } | { ok: false; reason: string };

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
export function readBaseFile(root: string, file: string, explicit?: string): BaseFile {
  try {
    if (git(root, ['rev-parse', '--is-inside-work-tree']) !== 'true') return { ok: false, reason: '不在 git 仓库中' };
  } catch (e) {
    return { ok: false, reason: `不在 git 仓库中(${message(e)})` };
  }
  const requested = explicit ?? process.env[BASE_ENV];
  let rev: string;
  if (requested !== undefined && requested !== '') {
    rev = requested;
  } else {
    try {
      rev = git(root, ['merge-base', 'HEAD', 'main']);
    } catch (e) {
      return { ok: false, reason: `找不到与 main 的共同祖先(${message(e)});用 --base <提交> 指定上次发布的版本` };
    }
  }
  let commit: string;
  try {
    commit = git(root, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
  } catch {
    return { ok: false, reason: `基准版本“${rev}”不存在` };
  }
  try {
    git(root, ['cat-file', '-e', `${commit}:./${file}`]);
  } catch {
    return { ok: true, rev, commit, bytes: undefined };
  }
  try {
    return { ok: true, rev, commit, bytes: gitBytes(root, ['show', `${commit}:./${file}`]) };
  } catch (e) {
    return { ok: false, reason: `读取 ${rev}:${file} 失败(${message(e)})` };
  }
}
