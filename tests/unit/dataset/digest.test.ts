import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashFile, sourcesDigest } from '../../../src/lib/dataset/digest.ts';
import { bytesHash, inputHashes } from '../../../src/lib/validate/inputs.ts';

const sha = (...parts: (string | Uint8Array)[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
};

/** Bytes that differ at every offset, longer than the buffer hashFile reads through (two and a bit of it). */
const big = Buffer.from(Array.from({ length: (2 << 20) + 12_345 }, (_, i) => (i * 7919 + (i >> 11)) & 255));

describe('hashing files through one buffer', () => {
  it('gives the hash of the whole bytes, for a file longer than the buffer, a short one and an empty one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'digest-'));
    for (const [name, bytes] of [
      ['big', big],
      ['short', Buffer.from('编号,名称\n')],
      ['empty', Buffer.alloc(0)],
    ] as const) {
      writeFileSync(join(dir, name), bytes);
      expect(hashFile(createHash('sha256'), join(dir, name)).digest('hex'), name).toBe(sha(bytes));
    }
  });

  it("keeps the folders' digest and the inputs' hashes those of the bytes read whole", () => {
    const root = mkdtempSync(join(tmpdir(), 'digest-'));
    const data = join(root, 'data');
    const content = join(root, 'content');
    mkdirSync(join(content, 'notices'), { recursive: true });
    mkdirSync(data);
    writeFileSync(join(data, 'fund_ledger.csv'), big);
    writeFileSync(join(content, 'notices', 'a.mdx'), '# 公告\n');
    expect(sourcesDigest([data, content])).toBe(
      sha('fund_ledger.csv\0', big, '\0', 'notices/a.mdx\0', '# 公告\n', '\0'),
    );
    const hashes = inputHashes({ root, dataDir: data, contentDir: content });
    expect(hashes.get('table:fund_ledger')).toBe(bytesHash(big));
    expect(hashes.get('table:compounds')).toBe('missing');
  });
});
