/**
 * The bad-input corpus (tests/fixtures/bad-input/, one file per case, named
 * `<case>.<table>.csv`): what Excel on Chinese Windows and copy-paste really
 * produce, organised by the Frictionless Data error classes (encoding, structure,
 * header, row, cell type/format/constraint). Each case must fail `npm run check`'s
 * library with the exact file:line:column and a fix, and, where `npm run import`
 * normalises it, the importer must yield exactly the right value and report it.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readInput } from '../../../src/lib/import/read.ts';
import { normaliseGrid } from '../../../src/lib/import/pipeline.ts';
import { toStandardCsv } from '../../../src/lib/import/pipeline.ts';
import { checkTableCsv } from '../../../src/lib/import/validate-table.ts';
import type { TableName } from '../../../src/lib/schema/tables.ts';
import { caseNames, FIXTURES, loadCase, located } from '../privacy/corpus.ts';

/** The importer turns the cell into exactly `value` (source row as staff see it) and lists the change. */
type Fixes = { fixes: { row: number; column: string; value: string } };
/** The importer cannot decide for a person: it reports the cell (unmappable, or its own check fails). */
type Flags = 'flags';
/** Not covered by the importer, with the reason (listed in the H6 report). */
type Gap = { gap: string };
type Expect = { check: string[]; import: Fixes | Flags | Gap };

const L = (table: string, ...at: string[]) => at.map((a) => `data/${table}.csv:${a}`);
const fixes = (row: number, column: string, value: string): Fixes => ({ fixes: { row, column, value } });

const CASES: Record<string, Expect> = {
  // ── encoding ──
  'gbk-encoding.districts.csv': { check: L('districts', '1:1 encoding'), import: fixes(2, 'name', '黄浦区') },
  'mixed-encoding.districts.csv': {
    check: L('districts', '1:1 encoding'),
    import: { gap: 'the importer decodes the whole file as GB18030, garbling the UTF-8 part without a report' },
  },
  'bom.streets.csv': { check: L('streets', '1:1 bom'), import: fixes(2, 'name', '打浦桥街道') },
  // ── structure: line ends, quotes, blank rows, cell counts ──
  'crlf-with-bad-cell.fund_ledger.csv': { check: L('fund_ledger', '4:6 money'), import: 'flags' },
  'lone-cr-with-bad-cell.fund_ledger.csv': { check: L('fund_ledger', '4:6 money'), import: 'flags' },
  'unterminated-quote.sources.csv': {
    check: [
      ...L('districts', '2:5 ref'),
      ...L('figures', '2:10 ref'),
      ...L('sources', '2:3 quote'),
      ...L('streets', '2:5 ref'),
      'src/content/policies/huangpu-2023-xingdong.mdx:9:1 ref',
    ],
    import: {
      gap: 'the importer reads the rest of the file into one title cell and reports it only as a trimmed change',
    },
  },
  'blank-row.compounds.csv': { check: L('compounds', '3:1 blank-row'), import: fixes(4, 'id', 'demo-meiyuan') },
  'missing-cells.compounds.csv': { check: L('compounds', '2:12 cells-missing'), import: 'flags' },
  'extra-cells.compounds.csv': {
    check: L('compounds', '2:14 cells-extra'),
    import: { gap: 'the importer drops a cell beyond the header without reporting it' },
  },
  // ── header ──
  'blank-header.compounds.csv': { check: L('compounds', '1:13 header-blank', '1:14 header-missing'), import: 'flags' },
  'duplicate-header.compounds.csv': {
    check: L('compounds', '1:6 header-duplicate', '1:14 header-missing'),
    import: 'flags',
  },
  'header-chinese-label.streets.csv': {
    check: L('streets', '1:3 header-unknown', '1:6 header-missing'),
    import: fixes(2, 'name', '打浦桥街道'),
  },
  // ── whitespace and invisible characters ──
  'whitespace-only-cell.compounds.csv': { check: L('compounds', '2:2 whitespace'), import: 'flags' },
  'whitespace-only-required-id.fund_ledger.csv': { check: L('fund_ledger', '5:1 id'), import: 'flags' },
  'trailing-space-id.firms.csv': {
    check: [...L('contracts', '3:3 ref'), ...L('firms', '3:1 id')],
    import: fixes(3, 'id', 'demo-heyue-wuye'),
  },
  'nbsp-after-text.compounds.csv': {
    check: L('compounds', '2:2 whitespace'),
    import: fixes(2, 'name', '兰亭苑(演示)'),
  },
  'nbsp-in-money.fund_ledger.csv': { check: L('fund_ledger', '3:6 money'), import: fixes(3, 'amount', '386000.00') },
  'zero-width-in-id.committees.csv': { check: L('committees', '4:1 id'), import: fixes(4, 'id', 'demo-meiyuan-wgh-1') },
  'zero-width-in-text.compounds.csv': {
    check: L('compounds', '2:2 invisible'),
    import: fixes(2, 'name', '兰亭苑(演示)'),
  },
  // ── full-width characters ──
  'fullwidth-digits-int.compounds.csv': { check: L('compounds', '2:8 type'), import: fixes(2, 'households', '480') },
  'fullwidth-digits-money.fund_ledger.csv': {
    check: L('fund_ledger', '4:6 money'),
    import: fixes(4, 'amount', '1200.50'),
  },
  'fullwidth-semicolon-list.contracts.csv': {
    check: L('contracts', '4:6 enum'),
    import: { gap: 'the importer does not find the header of contracts.csv (“前 10 行里找不到 contracts 表的表头”)' },
  },
  // ── ids and codes ──
  'scientific-credit-code.firms.csv': { check: L('firms', '3:4 credit-code'), import: 'flags' },
  'credit-code-leading-digit-lost.firms.csv': { check: L('firms', '3:4 credit-code'), import: 'flags' },
  'id-leading-zeros-lost.fund_ledger.csv': {
    check: L('fund_ledger', '7:10 ref'),
    import: { gap: 'a reference to another row can only be judged with the whole data set (npm run check does)' },
  },
  'uppercase-id.firms.csv': {
    check: [...L('contracts', '3:3 ref'), ...L('firms', '3:1 id')],
    import: fixes(3, 'id', 'demo-heyue-wuye'),
  },
  // ── money ──
  'money-thousands.fund_ledger.csv': { check: L('fund_ledger', '3:6 money'), import: fixes(3, 'amount', '386000.00') },
  'money-yuan-sign.fund_ledger.csv': { check: L('fund_ledger', '3:6 money'), import: fixes(3, 'amount', '386000.00') },
  'money-wan.fund_ledger.csv': { check: L('fund_ledger', '3:6 money'), import: fixes(3, 'amount', '386000.00') },
  'money-with-unit.fund_ledger.csv': { check: L('fund_ledger', '3:6 money'), import: fixes(3, 'amount', '386000.00') },
  'money-parentheses.fund_ledger.csv': {
    check: L('fund_ledger', '3:6 money'),
    import: fixes(3, 'amount', '-386000.00'),
  },
  'money-negative.fund_ledger.csv': {
    check: L('fund_ledger', '3:6 ledger-amount', '4:7 ledger-balance', '6:7 ledger-balance', '7:7 ledger-balance'),
    import: { gap: 'a negative amount is a valid number for the importer; the ledger rule stops it' },
  },
  'money-three-decimals.fund_ledger.csv': { check: L('fund_ledger', '4:6 money'), import: 'flags' },
  // ── dates ──
  'date-slash.fund_ledger.csv': { check: L('fund_ledger', '3:3 date'), import: fixes(3, 'date', '2020-03-15') },
  'date-chinese.fund_ledger.csv': { check: L('fund_ledger', '3:3 date'), import: fixes(3, 'date', '2020-03-15') },
  'date-compact.fund_ledger.csv': { check: L('fund_ledger', '3:3 date'), import: fixes(3, 'date', '2020-03-15') },
  'date-excel-serial.fund_ledger.csv': { check: L('fund_ledger', '3:3 date'), import: fixes(3, 'date', '2020-03-15') },
  'date-impossible.fund_ledger.csv': { check: L('fund_ledger', '3:3 date-impossible'), import: 'flags' },
  'date-after-as-of.fund_ledger.csv': {
    check: L('fund_ledger', '8:3 future-date'),
    import: { gap: 'the as-of date lives in dataset.json; npm run check judges it' },
  },
  // ── ranges and vocabularies ──
  'int-out-of-range.compounds.csv': { check: L('compounds', '2:8 range'), import: 'flags' },
  'year-out-of-range.compounds.csv': { check: L('compounds', '2:7 range'), import: 'flags' },
  'percent-over-100.evaluations.csv': { check: L('evaluations', '2:12 percent'), import: 'flags' },
  'percent-with-sign.evaluations.csv': {
    check: L('evaluations', '2:12 type'),
    import: fixes(2, 'satisfaction', '92.5'),
  },
  'bool-english.compounds.csv': { check: L('compounds', '2:11 enum'), import: fixes(2, 'demo', '是') },
  'enum-unknown.fund_ledger.csv': { check: L('fund_ledger', '3:5 enum'), import: 'flags' },
  // ── URLs: http(s) only ──
  'url-javascript.sources.csv': { check: L('sources', '3:7 url'), import: 'flags' },
  'url-data.sources.csv': { check: L('sources', '3:7 url'), import: 'flags' },
  'url-no-scheme.sources.csv': { check: L('sources', '3:7 url'), import: 'flags' },
};

const tableOf = (name: string) => /\.([a-z_]+)\.csv$/.exec(name)?.[1] as TableName;

async function importCase(name: string) {
  const bytes = readFileSync(path.join(FIXTURES, 'bad-input', name));
  const grid = await readInput(name.replace(/\.[a-z_]+\.csv$/, '.csv'), bytes);
  const result = normaliseGrid(grid, tableOf(name));
  if ('error' in result) return { error: result.error };
  const { issues } = checkTableCsv(result.table, `data/${result.table}.csv`, toStandardCsv(result.header, result.rows));
  return { result, issues };
}

describe('bad-input corpus', () => {
  it('has an expectation for every case file and a case file for every expectation', async () => {
    expect(await caseNames('bad-input')).toEqual(Object.keys(CASES).sort());
  });

  describe.each(Object.entries(CASES))('%s', (name, want) => {
    it('fails npm run check at the exact file:line:column, with a fix', async () => {
      const issues = await loadCase('bad-input', name);
      expect(located(issues)).toEqual(want.check);
      for (const i of issues) {
        expect(i.line).toBeGreaterThanOrEqual(1);
        expect(i.column).toBeGreaterThanOrEqual(1);
        expect(i.message).not.toBe('');
        expect(i.fix).not.toBe('');
      }
    });

    const imp = want.import;
    if (imp === 'flags') {
      it('npm run import reports it for a person instead of guessing', async () => {
        const r = await importCase(name);
        const reported =
          'error' in r
            ? 1
            : r.result.unmappable.length +
              r.issues.length +
              r.result.missingColumns.length +
              r.result.duplicateHeaders.length;
        expect(reported).toBeGreaterThan(0);
      });
    } else if ('fixes' in imp) {
      it(`npm run import yields ${imp.fixes.column} = “${imp.fixes.value}” and reports it`, async () => {
        const r = await importCase(name);
        if ('error' in r) throw new Error(r.error);
        const { result, issues } = r;
        const at = result.sourceRows.indexOf(imp.fixes.row);
        expect(at, 'the source row is imported').toBeGreaterThanOrEqual(0);
        expect(result.rows[at]?.[result.header.indexOf(imp.fixes.column)]).toBe(imp.fixes.value);
        expect(issues.filter((i) => i.columnName === imp.fixes.column)).toEqual([]);
        const cellChanged = result.changes.some((c) => c.sourceRow === imp.fixes.row && c.column === imp.fixes.column);
        // Whole-file repairs (encoding, BOM, header labels, blank rows) are reported for the file, not per cell.
        const fileLevel = /^(gbk|bom|header|blank-row)/.test(name);
        expect(cellChanged || fileLevel, 'the change is in the import report').toBe(true);
        const fileReport = `${result.source} ${JSON.stringify(result.mapped)} 跳过空行${result.blankRowsSkipped}`;
        if (fileLevel) expect(fileReport).toMatch(/GB|BOM|街道名称|跳过空行[1-9]/);
      });
    }
  });
});

describe('npm run import (the command)', () => {
  it('prints the before and after of a normalised cell', () => {
    const file = path.join(FIXTURES, 'bad-input', 'money-yuan-sign.fund_ledger.csv');
    const node = path.resolve('node_modules/.bin/node');
    let out = '';
    try {
      out = execFileSync(node, ['scripts/import.ts', file, '--table', 'fund_ledger', '--dry-run'], {
        encoding: 'utf8',
      });
    } catch (e) {
      out = String((e as { stdout?: string }).stdout ?? '');
    }
    expect(out).toContain('¥386,000.00');
    expect(out).toContain('386000.00');
  });
});
