/**
 * typeRows types most rows cell by cell with remembered cell values (type-rows.ts);
 * zod's parse of the whole row is the oracle: every row of every fixture CSV, and random
 * rows mixing valid and broken cells, must type to exactly what zod gives (same keys, same
 * values) or be rejected exactly when zod refuses them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseCsv, type RawTable } from '../../../src/lib/dataset/read-csv.ts';
import { typeRows } from '../../../src/lib/dataset/type-rows.ts';
import { columnsOf, TABLE_NAMES, TABLES, type TableName } from '../../../src/lib/schema/tables.ts';

const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const isTable = (name: string): name is TableName => (TABLE_NAMES as readonly string[]).includes(name);
const columnsFor = (name: TableName) =>
  columnsOf(name).map((c) => ({ name: c.name, title: c.meta.title, required: c.meta.required }));

/** What zod alone makes of the table: line → typed data, or 'rejected'. */
function oracle(name: TableName, raw: RawTable): Map<number, unknown> {
  const out = new Map<number, unknown>();
  for (const row of raw.rows) {
    if (row.broken) {
      out.set(row.line, 'rejected');
      continue;
    }
    const input = Object.fromEntries(Object.entries(row.cells).map(([k, v]) => [k, v === '' ? undefined : v]));
    const result = TABLES[name].schema.safeParse(input);
    out.set(row.line, result.success ? result.data : 'rejected');
  }
  return out;
}

function typed(name: TableName, raw: RawTable): Map<number, unknown> {
  const { table } = typeRows(name, `data/${name}.csv`, raw);
  const out = new Map<number, unknown>();
  for (const r of table.rows) out.set(r.line, r.data);
  for (const r of table.rejected ?? []) out.set(r.line, 'rejected');
  return out;
}

/** The table a fixture CSV is for: `fund_ledger.csv`, or the bad-input corpus's `<case>.fund_ledger.csv`. */
const tableOf = (file: string) => path.basename(file, '.csv').split('.').pop() ?? '';

function csvFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.csv') && isTable(tableOf(f)))
    .map((f) => path.join(dir, f))
    .sort();
}

describe('typeRows', () => {
  it('types every fixture row exactly as zod does', () => {
    const files = csvFiles(FIXTURES);
    expect(files.length).toBeGreaterThan(100);
    for (const file of files) {
      const name = tableOf(file) as TableName;
      const raw = parseCsv(readFileSync(file), `data/${name}.csv`, columnsFor(name));
      expect(typed(name, raw), file).toStrictEqual(oracle(name, raw));
    }
  });

  it('types random rows of repeated, valid and broken cells exactly as zod does (property)', () => {
    const valid = readFileSync(path.join(FIXTURES, 'valid/data/fund_ledger.csv'), 'utf8');
    const header = valid.split('\n')[0] as string;
    const names = header.split(',');
    const samples = valid
      .split('\n')
      .slice(1)
      .filter(Boolean)
      .map((l) => l.split(','));
    // Cells a column may or may not accept: blanks, padding, full-width digits, impossible dates, controls.
    const junk = ['', ' ', '1', '１２', '2020-02-30', '2020/6/18', '-5.00', '12.345', '收入 ', 'x\u202e', 'a b'];
    const cell = (i: number) => fc.oneof(fc.constantFrom(...samples.map((s) => s[i] ?? '')), fc.constantFrom(...junk));
    const row = fc.tuple(...names.map((_, i) => cell(i)));
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 40 }), (rows) => {
        const text = [header, ...rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c}"` : c)).join(','))].join('\n');
        const raw = parseCsv(new TextEncoder().encode(`${text}\n`), 'data/fund_ledger.csv', columnsFor('fund_ledger'));
        expect(typed('fund_ledger', raw)).toStrictEqual(oracle('fund_ledger', raw));
      }),
      { numRuns: 300 },
    );
  });
});
