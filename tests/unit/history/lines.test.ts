/** forEachLine gives exactly the file's lines, whatever the chunk boundaries split (multi-byte characters, long lines). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { forEachLine } from '../../../src/lib/history/lines.ts';

const file = path.join(mkdtempSync(path.join(tmpdir(), 'gongshi-lines-')), 'f.txt');

function lines(text: string): string[] {
  writeFileSync(file, text);
  const out: string[] = [];
  forEachLine(file, (l) => out.push(l));
  return out;
}

describe('forEachLine', () => {
  it.each([
    ['empty', ''],
    ['one line without newline', 'a'],
    ['one line', 'a\n'],
    ['last line without newline', 'a\nb'],
    ['blank lines', '\n\n'],
    ['Chinese', '中文\n行二\n'],
    ['a line longer than the read buffer', `${'x'.repeat(3 << 20)}\n甲`],
    ['multi-byte characters across chunk ends', `行,${'值'.repeat(100)}\n`.repeat(20_000)],
  ])('%s', (_, text) => {
    const want = text === '' ? [] : (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
    expect(lines(text)).toEqual(want);
  });
});
