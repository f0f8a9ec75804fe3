/**
 * A zipped table's entry (src/lib/routes/table-entry.ts) is deflated once for its own download and
 * the city archive: the second archive gets the first's bytes, which are those of deflating the
 * table's CSV, and nothing is kept where the city archive is not built (a shard other than 1).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { deflateRawSync } from 'node:zlib';
import { tableEntry } from '../../../src/lib/routes/table-entry.ts';
import { DEFLATE_LEVEL } from '../../../src/lib/opendata/archive.ts';
import { tableCsv } from '../../../src/lib/opendata/table.ts';
import { buildSiteData } from '../../../src/lib/model/build.ts';
import type { MdxDocs, Rows } from '../../../src/lib/model/types.ts';
import { TABLE_NAMES } from '../../../src/lib/schema/tables.ts';
import { entry } from '../views/compound/rows.ts';

const meta = { title: 't', as_of: '2026-11-01', licence: 'CC BY 4.0', standard_version: 1 as const, publisher: 'p' };
const docs: MdxDocs = { notices: [], audits: [], policies: [], cases: [] };

function site() {
  const rows = Object.fromEntries(TABLE_NAMES.map((n) => [n, []])) as unknown as Rows;
  rows.fund_ledger = [
    entry({ id: 'l1', date: '2020-01-01', direction: '收入', category: '续筹', amount: 100 }),
    entry({ id: 'l2', date: '2020-02-01', direction: '支出', category: '电梯', amount: 2550 }),
  ];
  return buildSiteData(meta, rows, docs);
}

const savedShard = process.env.GONGSHI_SHARD;
afterEach(() => {
  if (savedShard === undefined) delete process.env.GONGSHI_SHARD;
  else process.env.GONGSHI_SHARD = savedShard;
});

describe('tableEntry', () => {
  it('deflates a zipped table once for two archives, then forgets it', async () => {
    delete process.env.GONGSHI_SHARD;
    const s = site();
    const first = tableEntry(s, 'fund_ledger');
    const second = tableEntry(s, 'fund_ledger');
    if (!('deflated' in first) || !('deflated' in second)) throw new Error('a zipped table gives deflated bytes');
    expect(first.path).toBe('fund_ledger.csv');
    const made = first.deflated();
    expect(second.deflated()).toBe(made);
    // Taken by both: a third archive (a later build in the same process) deflates again.
    expect(tableEntry(s, 'fund_ledger')).toSatisfy((e) => 'deflated' in e && e.deflated() !== made);
    const raw = Buffer.from(tableCsv('fund_ledger', s.rows.fund_ledger), 'utf8');
    const { body, size } = await made;
    expect(Buffer.from(body).equals(deflateRawSync(raw, { level: DEFLATE_LEVEL }))).toBe(true);
    expect(size).toBe(raw.length);
  });

  it('gives a table that is not zipped, or any table outside the city shard, as its CSV text', () => {
    expect(tableEntry(site(), 'compounds')).toHaveProperty('text');
    process.env.GONGSHI_SHARD = '2/4';
    expect(tableEntry(site(), 'fund_ledger')).toHaveProperty('text');
    process.env.GONGSHI_SHARD = '1/4';
    expect(tableEntry(site(), 'fund_ledger')).toHaveProperty('deflated');
  });
});
