/** A throwaway git repository for history tests: files written, committed with fixed dates. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface TestRepo {
  dir: string;
  git(args: string[], date?: string): string;
  write(file: string, text: string | Uint8Array): void;
  remove(file: string): void;
  commit(message: string, date: string): string;
}

export function makeRepo(prefix = 'gongshi-history-'): TestRepo {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const git = (args: string[], date?: string) =>
    execFileSync(
      'git',
      ['-c', 'user.name=街道办', '-c', 'user.email=staff@example.invalid', '-c', 'commit.gpgsign=false', ...args],
      {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}) },
        stdio: 'pipe',
      },
    );
  git(['init', '-q', '-b', 'main']);
  // Line ends exactly as written: the tests are about what Excel's re-saves do to the bytes.
  git(['config', 'core.autocrlf', 'false']);
  return {
    dir,
    git,
    write(file, text) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    },
    remove(file) {
      rmSync(path.join(dir, file));
    },
    commit(message, date) {
      git(['add', '-A']);
      git(['commit', '-q', '--allow-empty', '-m', message], date);
      return git(['rev-parse', 'HEAD']).trim();
    },
  };
}
