/**
 * The validated snapshot a sharded build's jobs load (src/lib/validate/snapshot.ts): it stands in
 * for checking only when it is intact and made from the very files the build reads, so a build
 * given the valid fixture's snapshot refuses every error case exactly as a full check does.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkDataset } from '../../../src/lib/validate/index.ts';
import { checkedDataset } from '../../../src/lib/validate/once.ts';
import { readSnapshot, writeSnapshot } from '../../../src/lib/validate/snapshot.ts';
import {
  joinRows,
  packRows,
  packTable,
  unpackTable,
  SAMPLE,
  type PackedTable,
} from '../../../src/lib/validate/snapshot-tables.ts';
import { seal, writeSealedParts } from '../../../src/lib/validate/sealed.ts';
import {
  decodeTexts,
  encodeTexts,
  fromStored,
  storedTable,
  type StoredTable,
} from '../../../src/lib/validate/snapshot-texts.ts';
import type { ParsedTable } from '../../../src/lib/dataset/types.ts';
import { errorCases, materialize } from './fixtures.ts';

const base: Omit<ParsedTable<unknown>, 'rows'> = { name: 'fund_ledger', file: 'data/fund_ledger.csv', header: [] };

const dirs: string[] = [];
let valid: string;
let file: string;

beforeAll(async () => {
  valid = await materialize();
  dirs.push(valid);
  file = path.join(valid, 'snapshot.bin');
  writeSnapshot(file, { root: valid }, await checkDataset({ root: valid }));
});
afterEach(() => {
  delete process.env.GONGSHI_SNAPSHOT;
});
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('validated snapshot', () => {
  it('gives back the checked dataset for the same files', async () => {
    expect(readSnapshot(file, { root: valid })).toStrictEqual(await checkDataset({ root: valid }));
  });

  it('keeps every row as it was, by column: its keys in order, undefined cells, any value', () => {
    const many = Array.from({ length: SAMPLE + 10 }, (_, i) => ({
      data: { id: `row-${i}`, n: i, kind: i % 5 === 0 ? undefined : ['甲', '乙'][(i >> 3) % 2] },
      line: i + 2,
    }));
    const rows = [
      { data: { id: 'a', kind: '甲', amount: 0, note: undefined }, line: 2 },
      { data: { id: 'b', kind: '甲', amount: -0, note: '说明' }, line: 3 },
      { data: { kind: '乙', id: 'c', amount: Number.NaN }, line: 5 },
      { data: { id: 'd', kind: undefined, amount: 1.5, note: 7, flag: true }, line: 9 },
      { data: {}, line: 10 },
      { data: { id: 'a', kind: '甲', amount: 2 ** 53, note: '说明' }, line: 11 },
    ];
    for (const table of [
      {
        name: 'fund_ledger',
        file: 'data/fund_ledger.csv',
        header: ['id'],
        rows,
        rejected: [{ line: 4, raw: { id: '' } }],
      },
      { name: 'compounds', file: 'data/compounds.csv', header: [], rows: [], unreadable: true },
      { name: 'firms', file: 'data/firms.csv', header: ['id', 'n'], rows: many, rejected: [] },
    ] as ParsedTable<unknown>[]) {
      const back = unpackTable(deserialize(serialize(packTable(table))) as PackedTable);
      expect(back).toStrictEqual(table);
      expect(Object.keys(back)).toEqual(Object.keys(table));
      back.rows.forEach((r, i) =>
        expect(Object.keys(r.data as object)).toEqual(Object.keys(table.rows[i]?.data as object)),
      );
    }
    // The grouped column is the one kept as its distinct texts and a number per row.
    const packed = packTable({ ...base, rows: many });
    expect(packed.columns.map((c) => 'strings' in c)).toEqual([false, false, true]);
    expect(packed.columns[2]).toMatchObject({ strings: ['甲', '乙'] });
  });

  it('packs rows in parts, as the ledger chunks are packed on two threads, into what packing them whole gives', () => {
    // Texts that repeat or do not, numbers, undefined; rows of several key lists in several orders.
    const cell = fc.oneof(
      fc.constantFrom('甲', '乙', '丙', undefined),
      fc.string({ maxLength: 3 }),
      fc.integer(),
      fc.double(),
    );
    const row = fc.dictionary(fc.constantFrom('id', 'kind', 'amount', 'note'), cell, { maxKeys: 4 });
    const table = fc.record({
      rows: fc.array(row, { maxLength: 60 }),
      // Columns of many rows, so their kind is decided on the first SAMPLE cells of several parts.
      long: fc.array(fc.constantFrom('甲', '乙', undefined), { maxLength: SAMPLE * 2 }),
      distinct: fc.boolean(),
      cuts: fc.array(fc.nat(), { maxLength: 6 }),
    });
    fc.assert(
      fc.property(table, ({ rows, long, distinct, cuts }) => {
        const data = [...rows, ...long.map((kind, i) => ({ id: distinct ? `id-${i}` : kind, kind, n: i }))];
        const located = data.map((d, i) => ({ data: d, line: 2 + i * 2 }));
        const at = [...new Set(cuts.map((c) => c % (located.length + 1)))].sort((a, b) => a - b);
        const bounds = [0, ...at, located.length];
        const parts = bounds.slice(1).map((to, k) => {
          const from = bounds[k] as number;
          const shift = from * 2;
          const own = located.slice(from, to).map((r) => ({ data: r.data, line: r.line - shift }));
          return { rows: packRows(own), shift };
        });
        const joined = joinRows(parts);
        expect(joined).toStrictEqual(packRows(located));
        // The worker's parts are read back on the main thread: the same bytes whichever parts it packed.
        const sent = (mask: number) =>
          serialize(joinRows(parts.map((p, k) => ((mask >> k) & 1 ? { ...p, rows: structuredClone(p.rows) } : p))));
        const bytes = serialize(joined);
        for (const mask of [1, 2, 5, (1 << parts.length) - 1]) expect(sent(mask)).toEqual(bytes);
      }),
      { numRuns: 400 },
    );
  });

  it('is refused when it is cut short or was written in another format', () => {
    const bytes = readFileSync(file);
    const short = `${file}.short`;
    writeFileSync(short, bytes.subarray(0, bytes.length - 100));
    expect(readSnapshot(short, { root: valid })).toMatch(/不完整或已被改动/);
    // Sealed whole, as format 2 was: intact bytes that are not this format's parts.
    const old = `${file}.old`;
    writeFileSync(old, seal({ format: 'gongshi-snapshot-2', key: '', dataset: {} }));
    expect(readSnapshot(old, { root: valid })).toMatch(/无法读取/);
  });

  it('writes texts joined in blocks and reads back the same code units: non-BMP, empty, undefined, lone surrogates', () => {
    const text = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 6 }),
      fc.string({ unit: 'binary', maxLength: 4 }),
      fc.constantFrom('', '\uFEFF开头', '𠀀𝄞', '\uD83D', '\uDE00', 'L000123', 'ÿ\0'),
    );
    fc.assert(
      fc.property(fc.array(fc.option(text, { nil: undefined }), { maxLength: 40 }), (list) => {
        const stored = encodeTexts(list);
        expect(decodeTexts(deserialize(serialize(stored)) as NonNullable<typeof stored>)).toStrictEqual(list);
      }),
      { numRuns: 500 },
    );
    // Blocks: a list longer than one, a pair cut between two texts and by a block's end, each as it was.
    const long = Array.from({ length: 70_000 }, (_, i) => [`${i}\uD83D`, '\uDE00', undefined, '', 'L1'][i % 5]);
    for (const list of [long, ['', '', '', '', ...long], long.map((t) => (t === undefined ? t : t.slice(0, 1)))]) {
      const stored = encodeTexts(list);
      expect(stored?.blocks.length).toBe(2);
      expect(decodeTexts(deserialize(serialize(stored)) as NonNullable<typeof stored>)).toStrictEqual(list);
    }
    expect(encodeTexts(['甲', 1])).toBeUndefined();
    // Ids cut out of a Chinese file, as the checker's are: V8 writes each two bytes a character, here one.
    const file = Array.from({ length: 2000 }, (_, i) => `说明,LEDGER-${String(i).padStart(8, '0')}`).join('\n');
    const ids = file.split('\n').map((line, i) => ({ data: { id: line.slice(3) }, line: i + 2 }));
    const packed = packTable({ ...base, rows: ids });
    expect(serialize(packed.columns).length).toBeGreaterThan(2000 * 15 * 2);
    const [column] = storedTable(packed).columns;
    expect(column && 'texts' in column && column.texts.blocks.map((b) => b.length)).toEqual([2000 * 15]);
    expect(column && 'texts' in column && column.texts.blocks[0] instanceof Uint8Array).toBe(true);
  });

  it('stores a packed table with its text columns and dictionaries joined, read back exactly and written the same every time', () => {
    const rows = Array.from({ length: SAMPLE + 10 }, (_, i) => ({
      data: {
        id: `L${i}`,
        kind: i % 5 === 0 ? undefined : ['甲', '乙𠀀', ''][i % 3],
        n: i,
        note: i % 3 ? `第 ${i} 笔` : undefined,
        odd: i === 4 ? '\uD83D' : 'x',
      },
      line: i + 2,
    }));
    const packed = packTable({ ...base, rows });
    const stored = storedTable(packed);
    // id and note as texts, kind's and odd's dictionaries joined (odd's with a lone surrogate), n as numbers.
    expect(stored.columns.map((c) => Object.keys(c)[0])).toEqual([
      'texts',
      'joinedStrings',
      'values',
      'texts',
      'joinedStrings',
    ]);
    const bytes = serialize(stored);
    expect(serialize(storedTable(packTable({ ...base, rows: structuredClone(rows) })))).toEqual(bytes);
    expect(unpackTable(fromStored(deserialize(bytes) as StoredTable))).toStrictEqual({ ...base, rows });
  });

  it('refuses a snapshot of the previous format, naming this one', () => {
    const old = `${file}.v3`;
    writeSealedParts(old, [{ format: 'gongshi-snapshot-3', key: '', dataset: {}, tables: [] }]);
    expect(readSnapshot(old, { root: valid })).toMatch(/格式不是 gongshi-snapshot-4/);
  });

  it('is refused when its bytes changed, when the data changed, or for other folders', async () => {
    const copy = `${file}.copy`;
    const bytes = readFileSync(file);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 10) ^ 1, bytes.length - 10);
    writeFileSync(copy, bytes);
    expect(readSnapshot(copy, { root: valid })).toMatch(/不完整或已被改动/);
    expect(readSnapshot(`${file}.missing`, { root: valid })).toMatch(/不存在/);
    const other = await materialize();
    dirs.push(other);
    expect(readSnapshot(file, { root: other })).toMatch(/不是由当前的数据/);
    writeFileSync(
      path.join(other, 'data/compounds.csv'),
      readFileSync(path.join(other, 'data/compounds.csv'), 'utf8') + '\n',
    );
    expect(readSnapshot(file, { root: other })).toMatch(/不是由当前的数据/);
  });

  it('is never written for data with issues', async () => {
    const bad = await materialize('duplicate-id');
    dirs.push(bad);
    const dataset = await checkDataset({ root: bad });
    expect(() => writeSnapshot(path.join(bad, 's.bin'), { root: bad }, dataset)).toThrow();
  });

  it('lets a build refuse every error case exactly as the full check does', async () => {
    process.env.GONGSHI_SNAPSHOT = file;
    const cases = await errorCases();
    let refused = 0;
    // Some cases are the importer's (the data itself is fine): they must pass both ways alike.
    for (const c of cases) {
      const bad = await materialize(c);
      dirs.push(bad);
      const viaBuild = await checkedDataset({ root: bad });
      expect(viaBuild.issues, c).toEqual((await checkDataset({ root: bad })).issues);
      if (viaBuild.issues.length > 0) refused++;
    }
    expect(refused).toBeGreaterThan(50);
  }, 300_000);
});
