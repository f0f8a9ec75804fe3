/**
 * Every unit test file gets a temporary folder of its own as the OS temporary folder, removed
 * when the file's tests end: git repositories, history caches and the history's scratch rows
 * (removed by the library only at a normal process exit, which a test worker does not have)
 * would otherwise stay in /tmp after each run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

const before = process.env.TMPDIR;
const mine = mkdtempSync(path.join(tmpdir(), 'gongshi-test-'));
process.env.TMPDIR = mine;

afterAll(() => {
  if (before === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = before;
  rmSync(mine, { recursive: true, force: true });
});
