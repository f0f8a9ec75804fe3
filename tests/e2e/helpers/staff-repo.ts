/**
 * A real git repository for the browser-editor tests: a copy of the valid fixture site
 * (tests/fixtures/valid) committed on `main`, which decap-server edits, and the CI step
 * (`npm run staff:apply`) run the way a CI job runs it: in its own clone, pushing back.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const VALID = fileURLToPath(new URL('../../fixtures/valid/', import.meta.url));
const APPLY = fileURLToPath(new URL('../../../scripts/staff/apply.ts', import.meta.url));

export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** The office's repository: staff's edits land here as cms/* branches. */
export function createStaffRepo(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'gongshi-staff-repo-'));
  cpSync(VALID, dir, { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  // The identity decap-server commits under: the staff member at this machine.
  git(dir, 'config', 'user.name', '街道工作人员');
  git(dir, 'config', 'user.email', 'staff@jiedao.invalid');
  // CI pushes the published result to main, which is checked out here (decap-server's working copy).
  git(dir, 'config', 'receive.denyCurrentBranch', 'updateInstead');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', '初始数据');
  return dir;
}

export interface CiRun {
  status: number;
  output: string;
}

/**
 * What the CI job does for a push: clone, check out the ref, `npm run staff:apply` (with
 * --review on an entry's branch), commit what it wrote and push it back to the same branch.
 */
export function runCi(repo: string, ref: string): CiRun {
  const work = mkdtempSync(path.join(tmpdir(), 'gongshi-ci-'));
  try {
    execFileSync('git', ['clone', '-q', repo, work], { stdio: 'ignore' });
    if (ref !== 'main') git(work, 'checkout', '-q', ref);
    const args = [APPLY, '--commit', ...(ref === 'main' ? [] : ['--review'])];
    const run = spawnSync(process.execPath, args, { cwd: work, encoding: 'utf8' });
    git(work, 'push', '-q', 'origin', `HEAD:${ref}`);
    return { status: run.status ?? -1, output: `${run.stdout}${run.stderr}` };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
