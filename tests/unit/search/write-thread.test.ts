import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { readEntry } from '../../../src/integrations/search-cache.ts';
import { WriteThread } from '../../../src/integrations/search-writes.ts';

/**
 * The search step's second thread (search-writes.ts) writes the cache files and the bundles'
 * fragments while the main thread writes the rest: what it writes must be what the main thread
 * would have, in the order handed over, and a failure must reach the step.
 */
describe('WriteThread', () => {
  it('writes checked files readEntry trusts, and leaves a body on a shared buffer to its owner', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'writes-'));
    const writes = new WriteThread();
    const own = serialize({ settings: 's', value: { words: '物业 维修', n: [1, 2, 3] } });
    // A small Buffer is a view on Node's shared pool: it must be copied, not handed over.
    const pooled = Buffer.from(serialize({ settings: 's', value: 'pooled' }));
    writes.write(join(dir, 'a', 'own'), own);
    writes.write(join(dir, 'a', 'pooled'), pooled);
    await writes.done();
    expect(readEntry(join(dir, 'a', 'own'), 's')).toEqual({ words: '物业 维修', n: [1, 2, 3] });
    expect(readEntry(join(dir, 'a', 'pooled'), 's')).toBe('pooled');
    expect(pooled.length).toBeGreaterThan(0);
    expect(readdirSync(join(dir, 'a')).sort()).toEqual(['own', 'pooled']);
  });

  it('writes the files handed over before it removes the others, so an empty folder being filled stays', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'writes-'));
    mkdirSync(join(dir, 'fragment'));
    mkdirSync(join(dir, 'old'));
    writeFileSync(join(dir, 'old', 'x'), 'left by an earlier run');
    writeFileSync(join(dir, 'kept'), 'kept');
    const writes = new WriteThread();
    writes.writeFiles(dir, [
      ['fragment/a.pf_fragment', Buffer.from('一')],
      ['fragment/b.pf_fragment', Buffer.alloc(0)],
      ['fragment/c.pf_fragment', Buffer.from('三三')],
    ]);
    writes.removeOthers(dir, ['fragment/a.pf_fragment', 'fragment/b.pf_fragment', 'fragment/c.pf_fragment', 'kept']);
    await writes.done();
    expect(readFileSync(join(dir, 'fragment/a.pf_fragment'), 'utf8')).toBe('一');
    expect(readFileSync(join(dir, 'fragment/b.pf_fragment'), 'utf8')).toBe('');
    expect(readFileSync(join(dir, 'fragment/c.pf_fragment'), 'utf8')).toBe('三三');
    expect(existsSync(join(dir, 'kept'))).toBe(true);
    expect(existsSync(join(dir, 'old'))).toBe(false);
  });

  it('rejects with the first file it could not write, and writes nothing after it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'writes-'));
    writeFileSync(join(dir, 'file'), '');
    const writes = new WriteThread();
    writes.write(join(dir, 'file', 'under-a-file'), serialize('x'));
    writes.writeFiles(dir, [['after', Buffer.from('x')]]);
    await expect(writes.done()).rejects.toThrow(/^搜索索引失败: 文件没有写成 \(.*under-a-file: /);
    expect(existsSync(join(dir, 'after'))).toBe(false);
  });
});
