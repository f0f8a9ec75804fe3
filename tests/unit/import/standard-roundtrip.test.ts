/**
 * A file already in the data standard imports to itself: every bundled
 * data/<table>.csv comes back byte for byte with nothing reported, and the
 * portal's own download of each table (/data/<table>.csv: BOM, CRLF, apostrophes
 * that keep Excel from running formulas) comes back as the same rows.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsvBytes } from '../../../scripts/staff/import/read.ts';
import { normaliseGrid, toStandardCsv, type ImportResult } from '../../../scripts/staff/import/pipeline.ts';
import { checkImport } from '../../../scripts/staff/import/validate-table.ts';
import { knownRecordsIn } from '../../../scripts/staff/import/known-ids.ts';
import { TABLE_NAMES, type TableName } from '../../../src/lib/schema/tables.ts';
import { checkDataset } from '../../../src/lib/validate/index.ts';
import { tableCsv } from '../../../src/lib/opendata/table.ts';
import { type AnyRow } from '../../../src/lib/model/types.ts';
import { tableColumns } from '../../../src/lib/schema/column-info.ts';
import { rowToCells } from '../../../src/lib/schema/cells.ts';

const root = new URL('../../../', import.meta.url).pathname;
const dataDir = path.join(root, 'data');
const asOf = (JSON.parse(readFileSync(path.join(dataDir, 'dataset.json'), 'utf8')) as { as_of: string }).as_of;
const ds = await checkDataset({ root });

/** Import bytes as `npm run import` does with data/ as the target folder; the table is found from the header. */
function importBytes(bytes: Uint8Array, table?: TableName): ImportResult {
  const result = normaliseGrid(readCsvBytes(bytes), table, {
    known: knownRecordsIn(dataDir),
    asOf,
  });
  if ('error' in result) throw new Error(result.error);
  return result;
}

const nothingToSay = (r: ImportResult) => ({
  problems: [...r.problems, ...checkImport(r, `data/${r.table}.csv`).problems],
  changes: r.changes,
  notes: r.notes,
  dropped: r.droppedColumns,
  missing: r.missingColumns,
});

describe('a data/*.csv file imports to itself', () => {
  it.each(TABLE_NAMES)('%s.csv: same bytes, nothing changed, nothing reported', (table) => {
    const bytes = readFileSync(path.join(dataDir, `${table}.csv`));
    const r = importBytes(bytes);
    expect(r.table).toBe(table);
    expect(nothingToSay(r)).toEqual({ problems: [], changes: [], notes: [], dropped: [], missing: [] });
    expect(toStandardCsv(r.header, r.rows)).toBe(bytes.toString('utf8'));
  });
});

describe('a /data/<table>.csv download imports to the same rows', () => {
  const withRows = TABLE_NAMES.filter((t) => ds.tables[t].rows.length > 0);

  it.each(withRows)('%s: BOM and CRLF reported and undone, cells back to the canonical text', (table) => {
    const rows = ds.tables[table].rows.map((r) => r.data) as AnyRow[];
    const download = tableCsv(table, rows);
    expect(download.startsWith('\uFEFF')).toBe(true);
    const r = importBytes(new TextEncoder().encode(download), table);
    const checked = checkImport(r, `data/${table}.csv`);
    expect([...r.problems, ...checked.problems]).toEqual([]);
    expect(r.notes).toEqual(['去掉了文件开头的 BOM 标记(数据标准的文件不带 BOM)', '行尾 CRLF(Windows) 已统一为 LF']);
    const cols = tableColumns(table);
    expect(r.rows).toEqual(rows.map((row) => rowToCells(row, cols)));
  });

  it('takes off the apostrophes that kept Excel from running a cell as a formula, and says so', () => {
    const cols = tableColumns('sources');
    const evil = {
      '=HYPERLINK("http://x","点我")': 'title',
      '+1+cmd|/C calc': 'publisher',
      '-3号文': 'doc_number',
      "'=写明的单引号": 'note',
    };
    const base = ds.tables.sources.rows[0]!.data as AnyRow;
    const rows = Object.entries(evil).map(([value, column], i) => ({ ...base, id: `formula-${i}`, [column]: value }));
    const download = tableCsv('sources', rows);
    expect(download).toContain(`"'=HYPERLINK(""http://x"",""点我"")"`);
    const r = importBytes(new TextEncoder().encode(download), 'sources');
    expect(r.rows).toEqual(rows.map((row) => rowToCells(row, cols)));
    expect(r.changes.map((c) => `${c.sourceRow}:${c.column}:${c.after}`)).toEqual(
      Object.entries(evil).map(([value, column], i) => `${i + 2}:${column}:${value}`),
    );
    for (const c of r.changes) expect(c.note).toContain('单引号');
  });
});
