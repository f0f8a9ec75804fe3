/** File versions read through one git cat-file (a named pipe) or one git per version give the same bytes, and a missing one says so. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BlobFailed, openBlobs } from '../../../src/lib/history/blobs.ts';
import { makeRepo } from './repo.ts';

describe('openBlobs', () => {
  const r = makeRepo();
  // Larger than a pipe's buffer, and with bytes that are not UTF-8 text.
  const big = Buffer.alloc(3 << 20, 'a,b\r\n');
  big[100] = 0xff;
  r.write('data/big.csv', big);
  r.write('data/small.csv', 'id\n甲\n');
  r.write('data/empty.csv', '');
  r.commit('版本', '2024-01-05T09:00:00+08:00');
  const id = (f: string) => r.git(['rev-parse', `HEAD:${f}`]).trim();
  const ids = [id('data/big.csv'), id('data/empty.csv'), id('data/small.csv'), id('data/big.csv')];

  it.each([true, false])('reads the versions in order (named pipe: %s)', (pipe) => {
    const blobs = openBlobs(r.dir, ids, mkdtempSync(path.join(tmpdir(), 'gongshi-blobs-')), pipe);
    try {
      const got = ids.map((x) => blobs.next(x, 'f'));
      expect(got[0]!.equals(big)).toBe(true);
      expect(got[1]!.length).toBe(0);
      expect(got[2]!.toString('utf8')).toBe('id\n甲\n');
      expect(got[3]!.equals(big)).toBe(true);
    } finally {
      blobs.close();
    }
  });

  it.each([true, false])('says which file’s version git could not read (named pipe: %s)', (pipe) => {
    const gone = 'f'.repeat(40);
    const blobs = openBlobs(r.dir, [ids[2]!, gone], mkdtempSync(path.join(tmpdir(), 'gongshi-blobs-')), pipe);
    try {
      expect(blobs.next(ids[2]!, 'data/small.csv').length).toBe(7);
      expect(() => blobs.next(gone, 'data/x.csv')).toThrow(BlobFailed);
      expect(() => blobs.next(gone, 'data/x.csv')).toThrow(/^git cat-file 出错:读不到 data\/x\.csv 的版本 f{40}/);
    } finally {
      blobs.close();
    }
  });
});
