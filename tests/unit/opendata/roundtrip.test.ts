import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Papa from 'papaparse';
import { checkDataset } from '../../../src/lib/validate/index.ts';
import { TABLE_NAMES, TABLES, type TableName } from '../../../src/lib/schema/tables.ts';
import { PUBLISHED_TABLES } from '../../../src/lib/opendata/table.ts';
import { CORRECTABLE_TABLES } from '../../../src/lib/schema/corrections.ts';
import { rowsAsCellObjects, tableCsv, tableCsvPieces } from '../../../src/lib/opendata/table.ts';
import { type AnyRow } from '../../../src/lib/model/types.ts';
import { tableJsonSchema } from '../../../src/lib/opendata/json-schema.ts';
import { tableColumns } from '../../../src/lib/schema/column-info.ts';
import { buildCompoundIndex, rowsOfCompound } from '../../../src/lib/model/relations.ts';
import { compoundCsv, districtJson } from '../../../src/lib/opendata/compound.ts';
import { neutraliseFormulaCell, restoreFormulaCell } from '../../../src/lib/opendata/formula.ts';
import { toDownloadCsv } from '../../../src/lib/opendata/csv.ts';
import { rowToCells } from '../../../src/lib/schema/cells.ts';
import { downloadPaths } from '../../../src/lib/views/urls.ts';
import { readCsvBytes } from '../../../scripts/staff/import/read.ts';
import { normaliseGrid, toStandardCsv } from '../../../scripts/staff/import/pipeline.ts';
import { checkTableCsv } from '../../../scripts/staff/import/validate-table.ts';

const root = new URL('../../../', import.meta.url).pathname;
const ds = await checkDataset({ root });
const rowsOf = (t: TableName) => ds.tables[t].rows.map((r) => r.data) as AnyRow[];
const dataset = { ...ds.meta };

/** Download bytes → the importer → the check reader: the typed rows that come back. */
function reimport(table: TableName, csv: string) {
  const grid = readCsvBytes(new TextEncoder().encode(csv));
  const result = normaliseGrid(grid, table);
  if ('error' in result) throw new Error(result.error);
  const checked = checkTableCsv(table, `data/${table}.csv`, toStandardCsv(result.header, result.rows));
  return { result, checked };
}

describe('whole-table downloads', () => {
  it('a table of many pieces is the same text line by line, each piece ending at a line end', () => {
    // More rows than three pieces (4,096 lines each), so pieces meet inside the table.
    const base = rowsOf('fund_ledger');
    const rows = Array.from({ length: 9000 }, (_, i) => ({ ...base[i % base.length]!, id: `many-${i}` }));
    const header = tableCsv('fund_ledger', []);
    const expected = header + rows.map((r) => tableCsv('fund_ledger', [r]).slice(header.length)).join('');
    const pieces = [...tableCsvPieces('fund_ledger', rows)];
    expect(pieces.length).toBe(3);
    for (const p of pieces) expect(p.endsWith('\r\n')).toBe(true);
    expect(pieces.join('')).toBe(expected);
    expect(tableCsv('fund_ledger', rows)).toBe(expected);
    // Written line by line without a row's cell array: the text of the whole rows' cells.
    for (const t of PUBLISHED_TABLES) {
      const cols = tableColumns(t);
      const whole = toDownloadCsv(
        cols.map((c) => c.name),
        rowsOf(t).map((r) => rowToCells(r, cols)),
      );
      expect(tableCsv(t, rowsOf(t))).toBe(whole);
    }
  });

  it('the bundled data loads without issues', () => {
    expect(ds.issues).toEqual([]);
  });

  it.each(TABLE_NAMES.filter((t) => ds.tables[t].rows.length > 0))('%s.csv re-imports to identical rows', (table) => {
    const rows = rowsOf(table);
    const csv = tableCsv(table, rows);
    const { result, checked } = reimport(table, csv);
    expect(result.unmappable).toEqual([]);
    expect(checked.issues).toEqual([]);
    expect(checked.rows).toEqual(rows);
  });

  it('is UTF-8 with BOM and CRLF line ends, header of column names', () => {
    const csv = tableCsv('fund_ledger', rowsOf('fund_ledger'));
    expect(csv.startsWith('\uFEFFid,compound_id,date,')).toBe(true);
    expect(csv.split('\r\n').length).toBe(rowsOf('fund_ledger').length + 2);
    expect(csv.replaceAll('\r\n', '')).not.toContain('\n');
  });

  it('writes money as plain yuan with two decimals', () => {
    const row = rowsOf('fund_ledger')[0]!;
    const csv = tableCsv('fund_ledger', [row]);
    const cells = Papa.parse<string[]>(csv.slice(1)).data[1]!;
    const amount = cells[tableColumns('fund_ledger').findIndex((c) => c.name === 'amount')]!;
    expect(amount).toMatch(/^\d+\.\d\d$/);
    expect(Math.round(Number(amount) * 100)).toBe(row.amount);
  });
});

describe('formula injection', () => {
  it('neutralises = + - @ tab CR and restores them exactly', () => {
    const evil = ['=HYPERLINK("http://x","点我")', '+1+cmd|/C calc', '-2+3', '@SUM(A1)', '\tx', '\rx', "'=already"];
    for (const e of evil) {
      const safe = neutraliseFormulaCell(e);
      expect(safe.startsWith("'")).toBe(true);
      expect(restoreFormulaCell(safe)).toBe(e);
    }
    expect(neutraliseFormulaCell('-1234.50')).toBe('-1234.50');
    expect(neutraliseFormulaCell('海丽花园')).toBe('海丽花园');
  });

  it('is lossless for any text (property)', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(restoreFormulaCell(neutraliseFormulaCell(s))).toBe(s);
      }),
    );
  });

  it('a hostile cell in a download re-imports to the original text', () => {
    const row = { ...rowsOf('compounds')[0]!, note: '=cmd|"/C calc"!A0' };
    const csv = tableCsv('compounds', [row]);
    expect(csv).toContain(`"'=cmd|""/C calc""!A0"`);
    const { checked } = reimport('compounds', csv);
    expect(checked.rows).toEqual([row]);
  });
});

describe('per-compound downloads', () => {
  const tables = Object.fromEntries(TABLE_NAMES.map((t) => [t, rowsOf(t)]));
  const index = buildCompoundIndex(tables);
  const id = 'demo-lanting';
  const sections = rowsOfCompound(tables, index, id);

  it('hold every table that concerns the compound, members through their committee', () => {
    const names = sections.map((s) => s.table);
    expect(names).toEqual(
      expect.arrayContaining(['compounds', 'committees', 'committee_members', 'fund_ledger', 'public_revenue']),
    );
    const committees = new Set(sections.find((s) => s.table === 'committees')!.rows.map((r) => r.id));
    for (const m of sections.find((s) => s.table === 'committee_members')!.rows)
      expect(committees.has(m.committee_id)).toBe(true);
    for (const s of sections) for (const r of s.rows) if ('compound_id' in r) expect(r.compound_id).toBe(id);
  });

  it('CSV splits back by its table column into identical rows', () => {
    const csv = compoundCsv(sections);
    const parsed = Papa.parse<Record<string, string>>(csv.slice(1), { header: true, skipEmptyLines: true }).data;
    for (const s of sections) {
      const cols = tableColumns(s.table).map((c) => c.name);
      const part = parsed
        .filter((r) => r.table === s.table)
        .map((r) => cols.map((c) => restoreFormulaCell(r[c] ?? '')));
      const back = checkTableCsv(s.table, `data/${s.table}.csv`, toStandardCsv(cols, part));
      expect(back.issues).toEqual([]);
      expect(back.rows).toEqual(s.rows);
    }
  });

  it('district JSON holds each compound once, with one section per table', () => {
    const district = { id: 'd-test', name: '测试区' };
    const doc = JSON.parse(
      [...districtJson({ district, compounds: [{ id, name: '测试小区', sections }] }, dataset)].join(''),
    );
    expect(doc.district).toBe('d-test');
    expect(Object.keys(doc.compounds)).toEqual([id]);
    expect(Object.keys(doc.compounds[id].tables)).toEqual(sections.map((s) => s.table));
    expect(doc.compounds[id].tables.compounds.rows[0].id).toBe(id);
  });

  it('district JSON, written a compound at a time, is what stringifying the whole document gives', () => {
    const district = { id: 'd-test', name: '测试区' };
    // Ids that read as array indexes go first in a JavaScript object, ascending: the bytes must follow.
    const ids = ['b-yuan', '12', id, '3'];
    const text = [
      ...districtJson({ district, compounds: ids.map((c) => ({ id: c, name: `小区${c}`, sections })) }, dataset),
    ].join('');
    expect(`${JSON.stringify(JSON.parse(text))}\n`).toBe(text);
    expect(Object.keys(JSON.parse(text).compounds)).toEqual(['3', '12', 'b-yuan', id]);
  });

  // The writers build their text cell by cell; these are the documents they stand for, built the
  // plain way (whole arrays and objects), over every compound of the bundled data and a row of
  // cells that must be quoted, guarded or escaped.
  const awkward = { ...rowsOf('compounds')[0]!, name: ' "小区",\n=1+1 ', address: '-12.50' } as AnyRow;
  const cases = [
    ...[...new Set(rowsOf('compounds').map((r) => r.id as string))].map((c) => rowsOfCompound(tables, index, c)),
    [
      ...sections.map((s) => (s.table === 'compounds' ? { ...s, rows: [awkward, ...s.rows] } : s)),
      { table: 'corrections' as const, rows: rowsOf('corrections') },
    ],
  ];

  it('compound CSV is the sheet of whole rows: `table` first, a column named `table` in its place', () => {
    for (const secs of cases) {
      const at = new Map<string, number>([['table', 0]]);
      for (const s of secs) for (const c of tableColumns(s.table)) if (!at.has(c.name)) at.set(c.name, at.size);
      const lines = secs.flatMap((s) =>
        s.rows.map((r) => {
          const line = new Array<string>(at.size).fill('');
          line[0] = s.table;
          for (const [i, c] of rowToCells(r, tableColumns(s.table)).entries())
            line[at.get(tableColumns(s.table)[i]!.name)!] = c;
          return line;
        }),
      );
      expect(compoundCsv(secs)).toBe(toDownloadCsv([...at.keys()], lines));
    }
  });

  it('district JSON is the text of the whole document with rows as objects of cell text', () => {
    const district = { id: 'd-test', name: '测试区' };
    const compounds = cases.map((secs, i) => ({ id: `c-${i}`, name: `小区"${i}"`, sections: secs }));
    const doc = {
      district: district.id,
      district_name: district.name,
      dataset: dataset.title,
      as_of: dataset.as_of,
      licence: dataset.licence,
      standard_version: dataset.standard_version,
      compounds: Object.fromEntries(
        compounds.map((c) => [
          c.id,
          {
            name: c.name,
            tables: Object.fromEntries(
              c.sections.map((s) => [
                s.table,
                {
                  title: TABLES[s.table].title,
                  schema: downloadPaths(s.table).schema,
                  rows: rowsAsCellObjects(s.table, s.rows),
                },
              ]),
            ),
          },
        ]),
      ),
    };
    expect([...districtJson({ district, compounds }, dataset)].join('')).toBe(`${JSON.stringify(doc)}\n`);
  });
});

describe('published tables', () => {
  it('publish every table but the privacy allow-list, a map of where personal-looking data sits', () => {
    expect(PUBLISHED_TABLES).toEqual(TABLE_NAMES.filter((t) => t !== 'privacy_allow'));
  });
});

describe('corrections table', () => {
  it('can point at every data table of the registry', () => {
    const expected = TABLE_NAMES.filter((t) => t !== 'corrections' && t !== 'privacy_allow');
    expect([...CORRECTABLE_TABLES].sort()).toEqual([...expected].sort());
    expect(TABLES.corrections.title).toBe('更正记录');
  });

  it('every bundled correction names a row and column that exist', () => {
    for (const c of rowsOf('corrections') as { table: TableName; row_id: string; column: string }[]) {
      expect(rowsOf(c.table).some((r) => r.id === c.row_id)).toBe(true);
      expect(tableColumns(c.table).map((x) => x.name)).toContain(c.column);
    }
  });
});

describe('JSON Schema per table', () => {
  /** The keywords the generated schemas use: type string, pattern, enum, required, additionalProperties. */
  function violations(schema: ReturnType<typeof tableJsonSchema>, row: Record<string, string>): string[] {
    const props = schema.properties as Record<string, { pattern?: string; enum?: string[] }>;
    const out: string[] = [];
    for (const r of schema.required as string[]) if (!(r in row)) out.push(`missing ${r}`);
    for (const [k, v] of Object.entries(row)) {
      const p = props[k];
      if (!p) out.push(`extra ${k}`);
      else if (p.pattern && !new RegExp(p.pattern, 'u').test(v)) out.push(`${k}: ${v} !~ ${p.pattern}`);
      else if (p.enum && !p.enum.includes(v)) out.push(`${k}: ${v} not in enum`);
    }
    return out;
  }

  it.each(TABLE_NAMES)('%s: every published row is valid, and a broken row is not', (table) => {
    const schema = tableJsonSchema(table);
    expect(schema.$id).toBe(`https://gongshi.example.org/data/${table}.schema.json`);
    for (const row of rowsAsCellObjects(table, rowsOf(table))) expect(violations(schema, row)).toEqual([]);
    expect(violations(schema, { id: 'Bad Id', bogus: 'x' })).toEqual(
      expect.arrayContaining(['extra bogus', expect.stringMatching(/^id: Bad Id/)]),
    );
  });
});
