/**
 * What a re-publishing build keeps for the next one (src/lib/routes/kept-file.ts; the tables'
 * digests per compound, key-hash.ts) is taken back only under the very format, code, name and key
 * it was made for, only intact and only when the caller takes its shape; anything else is made again.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { keptValue, type KeptIn } from '../../../src/lib/routes/kept-file.ts';

const FORMAT = 'test-format-1';
const isMap = (v: unknown): v is Map<string, string> => v instanceof Map;
const folder = (): KeptIn => ({ dir: path.join(mkdtempSync(path.join(tmpdir(), 'kept-')), 'keys'), code: 'code-1' });

function counted(value: Map<string, string>): { make: () => Map<string, string>; calls: () => number } {
  let n = 0;
  return {
    make: () => {
      n++;
      return value;
    },
    calls: () => n,
  };
}

const SHARES = new Map([
  ['c-1', 'digest-1'],
  ['c-2', 'digest-2'],
]);

describe('keptValue', () => {
  it('gives back what the last build made for the same key, without making it again', () => {
    const kept = folder();
    const first = counted(SHARES);
    expect(keptValue(kept, FORMAT, 'shares-fees', 'h1', first.make, isMap)).toBe(SHARES);
    const again = counted(new Map());
    expect(keptValue(kept, FORMAT, 'shares-fees', 'h1', again.make, isMap)).toEqual(SHARES);
    expect([first.calls(), again.calls()]).toEqual([1, 0]);
  });

  it('makes it again for another key, code, name or format, or a value of another shape', () => {
    const kept = folder();
    keptValue(kept, FORMAT, 'shares-fees', 'h1', counted(SHARES).make, isMap);
    const other = new Map([['c-1', 'other']]);
    for (const [k, format, name, key, valid] of [
      [kept, FORMAT, 'shares-fees', 'h2', isMap],
      // Each differs from the entry the row above it wrote in one thing only.
      [kept, 'test-format-2', 'shares-fees', 'h2', isMap],
      [kept, 'test-format-2', 'shares-fees', 'h2', (v: unknown): v is Map<string, string> => Array.isArray(v)],
      [{ ...kept, code: 'code-2' }, 'test-format-2', 'shares-fees', 'h2', isMap],
      [kept, FORMAT, 'shares-firms', 'h2', isMap],
    ] as const) {
      const made = counted(other);
      expect(keptValue(k, format, name, key, made.make, valid)).toBe(other);
      expect(made.calls()).toBe(1);
    }
  });

  it('makes it again when the kept file was altered or cut short', () => {
    const kept = folder();
    keptValue(kept, FORMAT, 'shares-fees', 'h1', counted(SHARES).make, isMap);
    const file = path.join(kept.dir, 'shares-fees.bin');
    const bytes = readFileSync(file);
    for (const damaged of [
      bytes.subarray(0, bytes.length - 7),
      Buffer.from(bytes.map((b, i) => (i === bytes.length - 3 ? b ^ 1 : b))),
    ]) {
      writeFileSync(file, damaged);
      const again = counted(new Map([['c-1', 'remade']]));
      expect(keptValue(kept, FORMAT, 'shares-fees', 'h1', again.make, isMap).get('c-1')).toBe('remade');
      expect(again.calls()).toBe(1);
    }
  });

  it('still gives the value when the folder cannot be written', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kept-'));
    const blocker = path.join(dir, 'file');
    writeFileSync(blocker, '');
    expect(keptValue({ dir: path.join(blocker, 'keys'), code: 'c' }, FORMAT, 'n', 'k', () => SHARES, isMap)).toBe(
      SHARES,
    );
  });
});
