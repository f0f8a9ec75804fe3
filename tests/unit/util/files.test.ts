import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyTrees, filesUnder, linkOrCopy, removeOthers, writeIfChanged } from '../../../src/lib/util/files.ts';

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

  it('links the files when asked: the same file, no second copy of the bytes', () => {
    work = mkdtempSync(join(tmpdir(), 'copy-trees-'));
    const a = tree('a', { 'x/1.html': 'one' });
    const out = join(work, 'out');
    copyTrees([a], out, { conflict, link: true });
    expect(statSync(join(out, 'x/1.html')).ino).toBe(statSync(join(a, 'x/1.html')).ino);
    copyTrees([a], join(work, 'copied'), { conflict });
    expect(statSync(join(work, 'copied', 'x/1.html')).ino).not.toBe(statSync(join(a, 'x/1.html')).ino);
  });

  it('reports a path it cannot put in with the error it is given, naming the path', () => {
    work = mkdtempSync(join(tmpdir(), 'copy-'));
    // One tree's file is the other's folder.
    const a = tree('a', { 'p/index.html': 'page' });
    const b = tree('b', { 'p/index.html/x.txt': 'x' });
    const failed = (path: string, error: Error) => new Error(`${path}|${(error as NodeJS.ErrnoException).code}`);
    expect(() => copyTrees([a, b], join(work, 'out'), { conflict, failed, link: true })).toThrow(
      /^p\/index\.html\/x\.txt\|(ENOTDIR|EEXIST)$/,
    );
  });

  it('reads a link to a file as the file', () => {
    work = mkdtempSync(join(tmpdir(), 'copy-trees-'));
    const a = tree('a', { 'real.txt': 'data' });
    symlinkSync(join(a, 'real.txt'), join(a, 'link.txt'));
    expect(filesUnder(a)).toEqual(['link.txt', 'real.txt']);
  });
});

describe('writeIfChanged and removeOthers', () => {
  it('leaves a file with the same bytes alone and writes one whose bytes differ, even at the same size', () => {
    work = mkdtempSync(join(tmpdir(), 'files-'));
    const dir = tree('out', { 'a.txt': 'same', 'b.txt': 'abcd' });
    const old = new Date('2001-01-01T00:00:00Z');
    for (const f of ['a.txt', 'b.txt']) utimesSync(join(dir, f), old, old);
    expect(writeIfChanged(join(dir, 'a.txt'), 'same')).toBe(false);
    expect(writeIfChanged(join(dir, 'b.txt'), Buffer.from('abce'))).toBe(true);
    expect(writeIfChanged(join(dir, 'c.txt'), '')).toBe(true);
    expect(statSync(join(dir, 'a.txt')).mtimeMs).toBe(old.getTime());
    expect(readFileSync(join(dir, 'b.txt'), 'utf8')).toBe('abce');
    expect(readFileSync(join(dir, 'c.txt'), 'utf8')).toBe('');
  });

  it('removes the files not kept and the folders that leaves empty', () => {
    work = mkdtempSync(join(tmpdir(), 'files-'));
    const dir = tree('out', { 'a.txt': '1', 'x/b.txt': '2', 'x/y/c.txt': '3', 'z/d.txt': '4' });
    removeOthers(dir, new Set(['a.txt', 'z/d.txt']));
    expect(filesUnder(dir)).toEqual(['a.txt', 'z/d.txt']);
    expect(statSync(join(dir, 'x'), { throwIfNoEntry: false })).toBeUndefined();
    removeOthers(join(work, 'missing'), new Set());
  });
});

describe('linkOrCopy', () => {
  const failing = (code: string) => () => {
    throw Object.assign(new Error(code), { code });
  };

  it('copies where the file cannot be linked (another file system, no links, the link limit)', () => {
    work = mkdtempSync(join(tmpdir(), 'link-'));
    const a = tree('a', { 'f.txt': 'bytes' });
    for (const code of ['EXDEV', 'EPERM', 'EMLINK']) {
      const dest = join(work, `${code}.txt`);
      linkOrCopy(join(a, 'f.txt'), dest, failing(code));
      expect(readFileSync(dest, 'utf8')).toBe('bytes');
      expect(statSync(dest).ino).not.toBe(statSync(join(a, 'f.txt')).ino);
    }
  });

  it('does not copy over a file already there, nor from a file that is missing', () => {
    work = mkdtempSync(join(tmpdir(), 'link-'));
    const a = tree('a', { 'f.txt': 'new', 'g.txt': 'old' });
    expect(() => linkOrCopy(join(a, 'f.txt'), join(a, 'g.txt'))).toThrow(/EEXIST/);
    expect(readFileSync(join(a, 'g.txt'), 'utf8')).toBe('old');
    expect(() => linkOrCopy(join(a, 'none.txt'), join(a, 'h.txt'))).toThrow(/ENOENT/);
  });
});
