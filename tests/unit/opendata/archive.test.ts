import { unzipSync, strFromU8 } from 'fflate';
import { crc32, deflateRawSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { dataArchive, deflate, DEFLATE_LEVEL } from '../../../src/lib/opendata/archive.ts';

const ENTRIES = [
  { path: 'b.csv', text: 'id\r\nb\r\n' },
  { path: 'a.csv', text: 'id\r\na\r\n' },
];
const savedTz = process.env.TZ;

describe('dataArchive', () => {
  afterEach(() => {
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
  });

  it('gives the same bytes in every time zone (the determinism build test builds in two)', async () => {
    const inZone = async (tz: string) => {
      process.env.TZ = tz;
      return Buffer.from(await dataArchive(ENTRIES, '2026-06-30')).toString('hex');
    };
    const utc = await inZone('UTC');
    expect(await inZone('Asia/Shanghai')).toBe(utc);
    expect(await inZone('America/Los_Angeles')).toBe(utc);
  });

  it('dates every entry with the as-of date, not the clock', async () => {
    process.env.TZ = 'Asia/Shanghai';
    const zip = Buffer.from(await dataArchive(ENTRIES, '2026-06-30'));
    // Local file header: DOS time at offset 10, DOS date at offset 12 (years since 1980, month, day).
    expect(zip.readUInt16LE(10)).toBe(0);
    expect(zip.readUInt16LE(12)).toBe(((2026 - 1980) << 9) | (6 << 5) | 30);
  });

  it('unzips to exactly the texts given, Chinese names and empty files included, in path order', async () => {
    const entries = [
      { path: 'district/兰亭苑.csv', text: '编号,名称\r\n' + 'c-1,兰亭苑\r\n'.repeat(500) },
      { path: 'datapackage.json', text: '{"name":"gongshi"}' },
      { path: 'empty.csv', text: '' },
    ];
    const files = unzipSync(await dataArchive(entries, '2026-06-30'));
    expect(Object.keys(files)).toEqual(['datapackage.json', 'district/兰亭苑.csv', 'empty.csv']);
    for (const e of entries) expect(strFromU8(files[e.path]!)).toBe(e.text);
  });

  it('writes a file given in pieces byte for byte as the same file given whole', async () => {
    // A ledger-like text, repetitive and not, Chinese and a lone surrogate (written as U+FFFD).
    const lines = Array.from(
      { length: 30000 },
      (_, i) => `c-${i % 977},${'维修'.repeat(i % 7)},${(i * 7919) % 100003}.50,\ud800`,
    );
    const whole = lines.map((l) => `${l}\r\n`).join('');
    const pieces = function* () {
      for (let i = 0; i < lines.length; i += 1 + (i % 4093))
        yield lines
          .slice(i, i + 1 + (i % 4093))
          .map((l) => `${l}\r\n`)
          .join('');
    };
    const asWhole = await dataArchive([{ path: 'fund_ledger.csv', text: whole }], '2026-06-30');
    const inPieces = await dataArchive([{ path: 'fund_ledger.csv', text: pieces }], '2026-06-30');
    expect(Buffer.from(inPieces).equals(Buffer.from(asWhole))).toBe(true);
    // And both are what one-shot zlib and Node's own UTF-8 encoding give (the archive before it deflated in pieces).
    const raw = Buffer.from(whole, 'utf8');
    // fflate puts the CRC in the data descriptor after the body (PK 07 08, then the CRC).
    const descriptor = Buffer.alloc(8);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(crc32(raw), 4);
    expect(
      Buffer.from(asWhole).includes(Buffer.concat([deflateRawSync(raw, { level: DEFLATE_LEVEL }), descriptor])),
    ).toBe(true);
    expect(strFromU8(unzipSync(inPieces)['fund_ledger.csv']!)).toBe(raw.toString('utf8'));
  });

  it('writes many entries, made ahead of the zip, in path order with each body as zlib alone gives it', async () => {
    // More entries than are made ahead at once, of every kind: text, a function, pieces, already deflated.
    const texts = Array.from({ length: 11 }, (_, i) => `id,名称\r\n${`c-${i},第${i}号\r\n`.repeat(200 * (i + 1))}`);
    const entries = texts.map((text, i) => {
      const path = `c-${String(10 - i).padStart(2, '0')}.csv`;
      if (i % 4 === 0) return { path, text };
      if (i % 4 === 1) return { path, text: () => text };
      if (i % 4 === 2) return { path, text: () => text.match(/[^\n]*\n/g)! };
      return { path, deflated: () => deflate(text) };
    });
    const zip = Buffer.from(await dataArchive(entries, '2026-06-30'));
    const files = unzipSync(zip);
    expect(Object.keys(files)).toEqual(entries.map((e) => e.path).sort());
    for (const [i, e] of entries.entries()) {
      expect(strFromU8(files[e.path]!)).toBe(texts[i]);
      expect(zip.includes(deflateRawSync(Buffer.from(texts[i]!, 'utf8'), { level: DEFLATE_LEVEL }))).toBe(true);
    }
  });

  it('fails with the error of an entry that could not be made, whichever entry it is', async () => {
    const entries = Array.from({ length: 9 }, (_, i) => ({
      path: `${i}.csv`,
      text: () => {
        if (i === 6) throw new Error('第 6 个文件无法生成');
        return `${i}\r\n`;
      },
    }));
    await expect(dataArchive(entries, '2026-06-30')).rejects.toThrow('第 6 个文件无法生成');
    const late = [
      ...entries.slice(0, 6),
      { path: '7.csv', deflated: () => Promise.reject(new Error('第 7 个文件压缩失败')) },
    ];
    await expect(dataArchive(late, '2026-06-30')).rejects.toThrow('第 7 个文件压缩失败');
  });
});
