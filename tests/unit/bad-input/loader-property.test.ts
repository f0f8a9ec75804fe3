/**
 * Property: whatever bytes or rows arrive, the CSV loader (reader + typing) never
 * throws, and every problem it reports is a located DataIssue.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseCsv } from '../../../src/lib/dataset/read-csv.ts';
import { typeRows } from '../../../src/lib/dataset/type-rows.ts';
import { columnsOf, TABLE_NAMES, type TableName } from '../../../src/lib/schema/tables.ts';
import type { DataIssue } from '../../../src/lib/messages/issue.ts';

function load(table: TableName, bytes: Uint8Array): DataIssue[] {
  const file = `data/${table}.csv`;
  const columns = columnsOf(table).map((c) => ({ name: c.name, title: c.meta.title }));
  const raw = parseCsv(bytes, file, columns);
  const typed = typeRows(table, file, raw);
  return [...raw.issues, ...typed.issues];
}

function assertLocated(table: TableName, issues: DataIssue[]): void {
  for (const i of issues) {
    expect(i.file).toBe(`data/${table}.csv`);
    expect(Number.isInteger(i.line) && i.line >= 1, `line of ${JSON.stringify(i)}`).toBe(true);
    expect(Number.isInteger(i.column) && i.column >= 1, `column of ${JSON.stringify(i)}`).toBe(true);
    expect(i.message.trim()).not.toBe('');
    expect(i.fix.trim()).not.toBe('');
    expect(i.kind).not.toBe('');
  }
}

/** Cells staff actually produce, plus plain noise. */
const NASTY = [
  '',
  ' ',
  '\u3000',
  '\u200b',
  '"',
  '""',
  '"a,b"',
  ',',
  '\n',
  '\r',
  '\r\n',
  '1,234.50',
  '¥1,234.50',
  '1.2万',
  '(1,234.50)',
  '2023/8/29',
  '2023年8月29日',
  '20230829',
  '45167',
  '2023-02-30',
  '9.13101E+17',
  '１２３',
  '是',
  'TRUE',
  '=HYPERLINK("x")',
  'demo',
  'huangpu',
  '\ufeff',
  '\u0000',
  '\ud800',
];
const cell = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
);
const table = fc.constantFrom(...TABLE_NAMES);

describe('CSV loader under random input', () => {
  it('random bytes: never throws, every issue located', () => {
    fc.assert(
      fc.property(table, fc.uint8Array({ maxLength: 400 }), (t, bytes) => {
        assertLocated(t, load(t, bytes));
      }),
      { numRuns: 400 },
    );
  });

  it('random rows under a real, shuffled or damaged header: never throws, every issue located', () => {
    fc.assert(
      fc.property(
        table,
        fc.boolean(),
        fc.array(fc.array(cell, { maxLength: 16 }), { maxLength: 8 }),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.array(cell, { maxLength: 3 }),
        (t, shuffle, rows, eol, extraHeader) => {
          const names = columnsOf(t).map((c) => c.name);
          const header = [...(shuffle ? [...names].reverse() : names), ...extraHeader];
          const quote = (v: string) => (/[",\r\n]/.test(v) && v !== '"' ? `"${v.replaceAll('"', '""')}"` : v);
          const text = [header.join(','), ...rows.map((r) => r.map(quote).join(','))].join(eol);
          assertLocated(t, load(t, new TextEncoder().encode(text)));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('GBK-encoded text is reported once, located at 1:1', () => {
    const gbk = new Uint8Array([0x69, 0x64, 0x0a, 0xbb, 0xc6, 0xc6, 0xd6]); // "id\n黄浦" in GBK
    const issues = load('districts', gbk);
    expect(issues.map((i) => `${i.line}:${i.column} ${i.kind}`)).toEqual(['1:1 encoding']);
  });
});
