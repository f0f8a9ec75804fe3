/**
 * The city archive's deflated tables kept between re-publishing builds (src/lib/routes/kept-deflated.ts)
 * are taken back only under the very key and code they were made by, and only intact; anything
 * else is made again.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { deflate, DEFLATE_LEVEL, type Deflated } from '../../../src/lib/opendata/archive.ts';
import { keptDeflated } from '../../../src/lib/routes/kept-deflated.ts';

const TEXT = 'id,name\r\n' + 'c-1,兰亭苑\r\n'.repeat(200);

function counted(text: string): { make: () => Promise<Deflated>; calls: () => number } {
  let n = 0;
  return {
    make: () => {
      n++;
      return deflate(text);
    },
    calls: () => n,
  };
}

const folder = () => ({ dir: path.join(mkdtempSync(path.join(tmpdir(), 'kept-')), 'deflated'), code: 'code-1' });

describe('keptDeflated', () => {
  it('gives back what the last build made from the same key, without making it again', async () => {
    const kept = folder();
    const first = counted(TEXT);
    const made = await keptDeflated(kept, 'fees.csv', 'rows-1', first.make);
    expect(first.calls()).toBe(1);
    const again = counted('not this');
    const taken = await keptDeflated(kept, 'fees.csv', 'rows-1', again.make);
    expect(again.calls()).toBe(0);
    expect(Buffer.from(taken.body).equals(made.body)).toBe(true);
    expect([taken.size, taken.crc]).toEqual([made.size, made.crc]);
    expect(Buffer.from(taken.body).equals(deflateRawSync(Buffer.from(TEXT), { level: DEFLATE_LEVEL }))).toBe(true);
  });

  it('makes it again when the rows, the code or the name differ', async () => {
    const kept = folder();
    await keptDeflated(kept, 'fees.csv', 'rows-1', counted(TEXT).make);
    for (const [k, name, key] of [
      [kept, 'fees.csv', 'rows-2'],
      [{ ...kept, code: 'code-2' }, 'fees.csv', 'rows-1'],
      [kept, 'firms.csv', 'rows-1'],
    ] as const) {
      const other = counted(`${TEXT}x`);
      const got = await keptDeflated(k, name, key, other.make);
      expect(other.calls()).toBe(1);
      expect(got.size).toBe(Buffer.byteLength(`${TEXT}x`));
    }
    // The last of each name is kept: the rows-2 entry replaced rows-1's.
    expect(readdirSync(kept.dir).sort()).toEqual(['fees.csv.bin', 'firms.csv.bin']);
  });

  it('makes it again when the kept file was altered or cut short', async () => {
    const kept = folder();
    await keptDeflated(kept, 'fees.csv', 'rows-1', counted(TEXT).make);
    const file = path.join(kept.dir, 'fees.csv.bin');
    const bytes = readFileSync(file);
    for (const damaged of [
      bytes.subarray(0, bytes.length - 7),
      Buffer.from(bytes.map((b, i) => (i === 90 ? b ^ 1 : b))),
    ]) {
      writeFileSync(file, damaged);
      const again = counted(TEXT);
      await keptDeflated(kept, 'fees.csv', 'rows-1', again.make);
      expect(again.calls()).toBe(1);
    }
  });

  it('still gives the bytes when the folder cannot be written', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kept-'));
    const blocker = path.join(dir, 'file');
    writeFileSync(blocker, '');
    const made = await keptDeflated(
      { dir: path.join(blocker, 'deflated'), code: 'c' },
      'fees.csv',
      'k',
      counted(TEXT).make,
    );
    expect(made.size).toBe(Buffer.byteLength(TEXT));
  });
});
