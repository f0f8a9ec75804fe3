import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyTrees, filesUnder } from '../../../src/lib/util/files.ts';

let work: string;
afterEach(() => rmSync(work, { recursive: true, force: true }));

function tree(name: string, files: Record<string, string>): string {
  const dir = join(work, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const conflict = (path: string, earlier: string, dir: string) => new Error(`${path}|${earlier}|${dir}`);

describe('copyTrees', () => {
  it('copies the union of the trees, a shared path once, and skips what it is told to', () => {
    work = mkdtempSync(join(tmpdir(), 'copy-trees-'));
    const a = tree('a', { 'index.html': 'same', 'x/1.html': 'one', 'own.json': 'a' });
    const b = tree('b', { 'index.html': 'same', 'y/deep/2.html': 'two', 'own.json': 'b' });
    const out = join(work, 'out');
    const n = copyTrees([a, b], out, { skip: (p) => p === 'own.json', conflict });
    expect(n).toBe(3);
    expect(filesUnder(out)).toEqual(['index.html', 'x/1.html', 'y/deep/2.html']);
    expect(readFileSync(join(out, 'y/deep/2.html'), 'utf8')).toBe('two');
  });

  it('refuses a path two trees hold with different bytes, naming both', () => {
    work = mkdtempSync(join(tmpdir(), 'copy-trees-'));
    const a = tree('a', { 'p/page.html': 'one' });
    const b = tree('b', { 'p/page.html': 'one ' });
    expect(() => copyTrees([a, b], join(work, 'out'), { conflict })).toThrow(`p/page.html|${a}|${b}`);
  });

  it('reads a link to a file as the file', () => {
    work = mkdtempSync(join(tmpdir(), 'copy-trees-'));
    const a = tree('a', { 'real.txt': 'data' });
    symlinkSync(join(a, 'real.txt'), join(a, 'link.txt'));
    expect(filesUnder(a)).toEqual(['link.txt', 'real.txt']);
  });
});
