import { unzipSync, strFromU8 } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { dataArchive } from '../../../src/lib/opendata/archive.ts';

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

  it('gives the same bytes in every time zone (the determinism build test builds in two)', () => {
    const inZone = (tz: string) => {
      process.env.TZ = tz;
      return Buffer.from(dataArchive(ENTRIES, '2026-06-30')).toString('hex');
    };
    const utc = inZone('UTC');
    expect(inZone('Asia/Shanghai')).toBe(utc);
    expect(inZone('America/Los_Angeles')).toBe(utc);
  });

  it('dates every entry with the as-of date, not the clock', () => {
    process.env.TZ = 'Asia/Shanghai';
    const zip = Buffer.from(dataArchive(ENTRIES, '2026-06-30'));
    // Local file header: DOS time at offset 10, DOS date at offset 12 (years since 1980, month, day).
    expect(zip.readUInt16LE(10)).toBe(0);
    expect(zip.readUInt16LE(12)).toBe(((2026 - 1980) << 9) | (6 << 5) | 30);
  });

  it('unzips to exactly the texts given, Chinese names and empty files included, in path order', () => {
    const entries = [
      { path: 'district/兰亭苑.csv', text: '编号,名称\r\n' + 'c-1,兰亭苑\r\n'.repeat(500) },
      { path: 'datapackage.json', text: '{"name":"gongshi"}' },
      { path: 'empty.csv', text: '' },
    ];
    const files = unzipSync(dataArchive(entries, '2026-06-30'));
    expect(Object.keys(files)).toEqual(['datapackage.json', 'district/兰亭苑.csv', 'empty.csv']);
    for (const e of entries) expect(strFromU8(files[e.path]!)).toBe(e.text);
  });
});
