/**
 * The bad-input corpus (tests/fixtures/bad-input/, one file per case, named
 * `<case>.<table>.csv`): what Excel on Chinese Windows and copy-paste really
 * produce, organised by the Frictionless Data error classes (encoding, structure,
 * header, row, cell type/format/constraint). Each case must fail `npm run check`'s
 * library with the exact file:line:column and a fix, and `npm run import` must
 * either yield exactly the right value and report the change, or refuse with the
 * exact line:column in the staff's file and a fix (nothing written).
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readInput } from '../../../scripts/staff/import/read.ts';
import { normaliseGrid } from '../../../scripts/staff/import/pipeline.ts';
import { checkImport } from '../../../scripts/staff/import/validate-table.ts';
import { knownRecordsIn } from '../../../scripts/staff/import/known-ids.ts';
import type { TableName } from '../../../src/lib/schema/tables.ts';
import { caseNames, FIXTURES, loadCase, located } from '../privacy/corpus.ts';

/** The importer turns the cell into exactly `value` (source row as staff see it) and lists the change. */
type Fixes = { fixes: { row: number; column: string; value: string } };
/** The importer refuses (writes nothing) with exactly these source locations, `line:column`. */
type Refuses = { refuses: string[] };
/** Not decided by the importer, with the reason; `npm run check` stops it. */
type Gap = { gap: string };
type Expect = { check: string[]; import: Fixes | Refuses | Gap };

const L = (table: string, ...at: string[]) => at.map((a) => `data/${table}.csv:${a}`);
const fixes = (row: number, column: string, value: string): Fixes => ({ fixes: { row, column, value } });
const refuses = (...at: string[]): Refuses => ({ refuses: at });
/** Personal data is not the importer's to judge: the privacy guard of npm run check stops it. */
const PRIVACY: Gap = { gap: 'the privacy guard is a rule of npm run check over every published text' };

// A cell the importer turns into exactly one value is, to npm run check, a display form
// (`excel-display`) that `npm run tidy` rewrites; the cases below that the importer fixes say so.
const CASES: Record<string, Expect> = {
  // ── encoding ──
  'gbk-encoding.districts.csv': { check: L('districts', '1:1 encoding'), import: fixes(2, 'name', '黄浦区') },
  // One line holds a UTF-8 cell and a GBK cell: each stretch is decoded by the encoding it proves.
  'mixed-encoding.districts.csv': { check: L('districts', '1:1 encoding'), import: fixes(2, 'city', '上海市') },
  // GBK lines appended to a UTF-8 file (a second program saved into it).
  'mixed-encoding-lines.fund_ledger.csv': {
    check: L('fund_ledger', '1:1 encoding'),
    import: fixes(5, 'description', '停车收益转入'),
  },
  // "¥" in UTF-8 (C2 A5) is also GBK 陇: in a file with both encodings it cannot be decided.
  'encoding-undecidable.fund_ledger.csv': { check: L('fund_ledger', '1:1 encoding'), import: refuses('3:6') },
  'bom.streets.csv': { check: L('streets', '1:1 bom'), import: fixes(2, 'name', '打浦桥街道') },
  // ── structure: line ends, quotes, blank rows, cell counts ──
  'crlf-with-bad-cell.fund_ledger.csv': { check: L('fund_ledger', '4:6 money'), import: refuses('4:6') },
  'lone-cr-with-bad-cell.fund_ledger.csv': { check: L('fund_ledger', '4:6 money'), import: refuses('4:6') },
  'unterminated-quote.sources.csv': {
    check: [
      ...L('districts', '2:5 ref'),
      ...L('figures', '2:10 ref'),
      ...L('sources', '2:3 quote'),
      ...L('streets', '2:5 ref'),
      'src/content/policies/huangpu-2023-xingdong.mdx:9:1 ref',
    ],
    import: refuses('2:3'),
  },
  // The quote is closed four lines later by another cell's quote: the lines between were swallowed.
  'quote-swallows-lines.fund_ledger.csv': { check: L('fund_ledger', '3:8 quote-invalid'), import: refuses('3:8') },
  'blank-row.compounds.csv': { check: L('compounds', '3:1 blank-row'), import: fixes(4, 'id', 'demo-meiyuan') },
  'missing-cells.compounds.csv': { check: L('compounds', '2:12 cells-missing'), import: refuses('2:12') },
  'extra-cells.compounds.csv': { check: L('compounds', '2:14 cells-extra'), import: refuses('2:14') },
  // ── header ──
  'blank-header.compounds.csv': {
    check: L('compounds', '1:13 header-blank', '1:14 header-missing'),
    import: refuses('1:13'),
  },
  'duplicate-header.compounds.csv': {
    check: L('compounds', '1:6 header-duplicate', '1:14 header-missing'),
    import: refuses('1:6'),
  },
  'header-chinese-label.streets.csv': {
    check: L('streets', '1:3 header-unknown', '1:6 header-missing'),
    import: fixes(2, 'name', '打浦桥街道'),
  },
  // ── whitespace and invisible characters ──
  'whitespace-only-cell.compounds.csv': { check: L('compounds', '2:2 whitespace'), import: refuses('2:2') },
  'whitespace-only-required-id.fund_ledger.csv': { check: L('fund_ledger', '5:1 id'), import: refuses('5:1') },
  'trailing-space-id.firms.csv': {
    check: [...L('contracts', '3:3 ref'), ...L('firms', '3:1 id')],
    import: fixes(3, 'id', 'demo-heyue-wuye'),
  },
  'nbsp-after-text.compounds.csv': {
    check: L('compounds', '2:2 whitespace'),
    import: fixes(2, 'name', '兰亭苑(演示)'),
  },
  'fullwidth-space-in-text.compounds.csv': {
    check: L('compounds', '2:2 whitespace'),
    import: fixes(2, 'name', '兰亭苑(演示)'),
  },
  'nbsp-in-money.fund_ledger.csv': {
    check: L('fund_ledger', '3:6 excel-display'),
    import: fixes(3, 'amount', '386000.00'),
  },
  'zero-width-in-id.committees.csv': { check: L('committees', '4:1 id'), import: fixes(4, 'id', 'demo-meiyuan-wgh-1') },
  'zero-width-in-text.compounds.csv': {
    check: L('compounds', '2:2 invisible'),
    import: fixes(2, 'name', '兰亭苑(演示)'),
  },
  // ── full-width characters ──
  'fullwidth-digits-int.compounds.csv': {
    check: L('compounds', '2:8 excel-display'),
    import: fixes(2, 'households', '480'),
  },
  'fullwidth-digits-money.fund_ledger.csv': {
    check: L('fund_ledger', '4:6 excel-display'),
    import: fixes(4, 'amount', '1200.50'),
  },
  'fullwidth-punctuation-money.fund_ledger.csv': {
    check: L('fund_ledger', '3:6 excel-display'),
    import: fixes(3, 'amount', '386000.00'),
  },
  // "；" in a list is not guessed into ";" silently: the vocabulary check names the cell.
  'fullwidth-semicolon-list.contracts.csv': { check: L('contracts', '4:6 enum'), import: refuses('4:6') },
  // ── ids and codes ──
  'scientific-credit-code.firms.csv': { check: L('firms', '3:4 credit-code'), import: refuses('3:4') },
  'credit-code-leading-digit-lost.firms.csv': { check: L('firms', '3:4 credit-code'), import: refuses('3:4') },
  'id-scientific.fund_ledger.csv': { check: L('fund_ledger', '3:1 id'), import: refuses('3:1') },
  'id-leading-zeros-lost.fund_ledger.csv': { check: L('fund_ledger', '7:10 ref'), import: refuses('7:10') },
  'uppercase-id.firms.csv': {
    check: [...L('contracts', '3:3 ref'), ...L('firms', '3:1 id')],
    import: fixes(3, 'id', 'demo-heyue-wuye'),
  },
  // ── money ──
  'money-thousands.fund_ledger.csv': {
    check: L('fund_ledger', '3:6 excel-display'),
    import: fixes(3, 'amount', '386000.00'),
  },
  'money-yuan-sign.fund_ledger.csv': {
    check: L('fund_ledger', '3:6 excel-display'),
    import: fixes(3, 'amount', '386000.00'),
  },
  'money-wan.fund_ledger.csv': {
    check: L('fund_ledger', '3:6 excel-display'),
    import: fixes(3, 'amount', '386000.00'),
  },
  'money-with-unit.fund_ledger.csv': {
    check: L('fund_ledger', '3:6 excel-display'),
    import: fixes(3, 'amount', '386000.00'),
  },
  'money-parentheses.fund_ledger.csv': {
    check: L('fund_ledger', '3:6 excel-display'),
    import: fixes(3, 'amount', '-386000.00'),
  },
  'money-parentheses-fullwidth.fund_ledger.csv': {
    check: L('fund_ledger', '3:6 excel-display'),
    import: fixes(3, 'amount', '-386000.00'),
  },
  'money-negative.fund_ledger.csv': {
    check: L('fund_ledger', '3:6 ledger-amount', '4:7 ledger-balance', '6:7 ledger-balance', '7:7 ledger-balance'),
    import: {
      gap: 'a negative amount is a valid number for the importer; the ledger rules (direction, balances) stop it',
    },
  },
  'money-three-decimals.fund_ledger.csv': { check: L('fund_ledger', '4:6 money'), import: refuses('4:6') },
  // ── dates ──
  'date-slash.fund_ledger.csv': {
    check: L('fund_ledger', '3:3 excel-display'),
    import: fixes(3, 'date', '2020-03-15'),
  },
  'date-chinese.fund_ledger.csv': {
    check: L('fund_ledger', '3:3 excel-display'),
    import: fixes(3, 'date', '2020-03-15'),
  },
  'date-compact.fund_ledger.csv': {
    check: L('fund_ledger', '3:3 excel-display'),
    import: fixes(3, 'date', '2020-03-15'),
  },
  'date-excel-serial.fund_ledger.csv': {
    check: L('fund_ledger', '3:3 excel-display'),
    import: fixes(3, 'date', '2020-03-15'),
  },
  'date-impossible.fund_ledger.csv': { check: L('fund_ledger', '3:3 date-impossible'), import: refuses('3:3') },
  'date-impossible-chinese.fund_ledger.csv': { check: L('fund_ledger', '3:3 date'), import: refuses('3:3') },
  // "2020" in a date column is a year, not Excel serial 2020 (1905-07-12).
  'date-year-only.fund_ledger.csv': { check: L('fund_ledger', '3:3 date'), import: refuses('3:3') },
  'date-after-as-of.fund_ledger.csv': { check: L('fund_ledger', '8:3 future-date'), import: refuses('8:3') },
  // ── ranges and vocabularies ──
  'int-out-of-range.compounds.csv': { check: L('compounds', '2:8 range'), import: refuses('2:8') },
  'int-thousands.compounds.csv': { check: L('compounds', '2:8 excel-display'), import: fixes(2, 'households', '1480') },
  'year-out-of-range.compounds.csv': { check: L('compounds', '2:7 range'), import: refuses('2:7') },
  'percent-over-100.evaluations.csv': { check: L('evaluations', '2:12 percent'), import: refuses('2:12') },
  'percent-with-sign.evaluations.csv': {
    check: L('evaluations', '2:12 excel-display'),
    import: fixes(2, 'satisfaction', '92.5'),
  },
  'bool-english.compounds.csv': { check: L('compounds', '2:11 excel-display'), import: fixes(2, 'demo', '是') },
  'enum-unknown.fund_ledger.csv': { check: L('fund_ledger', '3:5 enum'), import: refuses('3:5') },
  // ── URLs: http(s) only ──
  'url-javascript.sources.csv': { check: L('sources', '3:7 url'), import: refuses('3:7') },
  'url-data.sources.csv': { check: L('sources', '3:7 url'), import: refuses('3:7') },
  'url-no-scheme.sources.csv': { check: L('sources', '3:7 url'), import: refuses('3:7') },
  // ── issue 12: privacy guard, normalise before matching (note cell of sources.csv unless named) ──
  // ID numbers however grouped; never reported as a mobile (the X-ended ID was one).
  'privacy-id-grouped-spaces.sources.csv': { check: L('sources', '2:9 privacy-id'), import: PRIVACY },
  'privacy-id-grouped-dots.sources.csv': { check: L('sources', '2:9 privacy-id'), import: PRIVACY },
  'privacy-id-x-not-mobile.sources.csv': { check: L('sources', '2:9 privacy-id'), import: PRIVACY },
  // Any dash, dot, slash or run of spaces as a separator.
  'privacy-mobile-en-dash.sources.csv': { check: L('sources', '2:9 privacy-mobile'), import: PRIVACY },
  'privacy-mobile-dots.sources.csv': { check: L('sources', '2:9 privacy-mobile'), import: PRIVACY },
  'privacy-mobile-slashes.sources.csv': { check: L('sources', '2:9 privacy-mobile'), import: PRIVACY },
  'privacy-mobile-double-spaces.sources.csv': { check: L('sources', '2:9 privacy-mobile'), import: PRIVACY },
  'privacy-card-grouped-spaces.sources.csv': { check: L('sources', '2:9 privacy-bank-card'), import: PRIVACY },
  'privacy-card-grouped-dots.sources.csv': { check: L('sources', '2:9 privacy-bank-card'), import: PRIVACY },
  // E-mail addresses with 。 for the dot or (at) for the @.
  'privacy-email-ideographic-dot.sources.csv': { check: L('sources', '2:9 privacy-email'), import: PRIVACY },
  'privacy-email-at-spelled.sources.csv': { check: L('sources', '2:9 privacy-email'), import: PRIVACY },
  // Room addresses next to a name that is not in the data.
  'privacy-room-unknown-name.sources.csv': { check: L('sources', '2:9 privacy-room'), import: PRIVACY },
  'privacy-room-b-block.sources.csv': { check: L('sources', '2:9 privacy-room'), import: PRIVACY },
  // An allowance that is part of an ID number allows nothing and is itself refused.
  'privacy-allow-inside-id': {
    check: [...L('privacy_allow', '2:4 privacy-allow-id'), ...L('sources', '2:9 privacy-id')],
    import: PRIVACY,
  },
  // Every published text is scanned: the allow-list's own reason, corrections.csv, dataset.json.
  'privacy-allow-reason': {
    check: L('privacy_allow', '2:5 privacy-room', '2:5 privacy-id', '2:5 privacy-mobile'),
    import: PRIVACY,
  },
  'privacy-corrections-reason.corrections.csv': { check: L('corrections', '2:8 privacy-mobile'), import: PRIVACY },
  'privacy-dataset-json': { check: ['data/dataset.json:2:27 privacy-mobile'], import: PRIVACY },
  // ── issue 12: control characters and bidirectional controls in text cells ──
  'control-nul.sources.csv': { check: L('sources', '2:9 control-char'), import: refuses('2:9') },
  'control-bell.sources.csv': { check: L('sources', '2:9 control-char'), import: refuses('2:9') },
  'control-c1-nel.sources.csv': { check: L('sources', '2:9 control-char'), import: refuses('2:9') },
  'bidi-override.sources.csv': { check: L('sources', '2:9 bidi-control'), import: refuses('2:9') },
  'bidi-isolate.sources.csv': { check: L('sources', '2:9 bidi-control'), import: refuses('2:9') },
  'bidi-mark-rlm.sources.csv': { check: L('sources', '2:9 bidi-control'), import: refuses('2:9') },
  // Tab and line breaks only in multi-line columns (note, citation); a name is one line.
  'tab-in-single-line.compounds.csv': { check: L('compounds', '2:2 line-break'), import: refuses('2:2') },
  'line-break-in-single-line.compounds.csv': { check: L('compounds', '2:2 line-break'), import: refuses('2:2') },
  // ── issue 12: the ledger only grows forward (a release is tagged `published` first) ──
  // An income and an equal expense back-dated to 2012 after a release: balances hold, the history does not.
  'ledger-backdated-pair': {
    check: L('fund_ledger', '9:3 ledger-backdated', '10:3 ledger-backdated'),
    import: { gap: 'the importer sees one file; the published ledger is in git, which npm run check reads' },
  },
  // Two rows reversing each other, and a reversal of a later row.
  'ledger-reversal-cycle.fund_ledger.csv': {
    check: L('fund_ledger', '9:10 ledger-reversal-mismatch', '10:10 ledger-reversal-mismatch'),
    import: { gap: 'reversals are a cross-row rule of npm run check' },
  },
  'ledger-reversal-of-later-row.fund_ledger.csv': {
    check: L('fund_ledger', '9:10 ledger-reversal-mismatch'),
    import: { gap: 'reversals are a cross-row rule of npm run check' },
  },
  // ── issue 12: implausible years and dates ──
  'year-built-2099.compounds.csv': {
    check: L('compounds', '2:7 future-year'),
    import: { gap: 'the importer checks dates against as_of, not years; npm run check does' },
  },
  'date-year-one.fund_ledger.csv': { check: L('fund_ledger', '2:3 date-too-early'), import: refuses('2:3') },
};

const N = (name: string, ...at: string[]) => at.map((a) => `src/content/notices/${name}.mdx:${a}`);

/**
 * Content cases (`<case>.notice.mdx`, or a folder overlaid on the valid fixture):
 * staff-written MDX that would run code at build time, carry HTML past the
 * sanitiser, request another origin, crash the build, or vanish at build. The
 * check must refuse each at the file's own line:column; `clean-*` cases must pass.
 * Not imported by `npm run import` (it reads tables only).
 */
const CONTENT_CASES: Record<string, string[]> = {
  // ── code run at build time: expressions, ESM, components ──
  'expr-env-home.notice.mdx': N('expr-env-home', '10:8 mdx-expression'),
  'expr-read-file.notice.mdx': N('expr-read-file', '10:1 mdx-expression'),
  'expr-alert.notice.mdx': N('expr-alert', '12:1 mdx-expression'),
  'expr-dynamic-import.notice.mdx': N('expr-dynamic-import', '10:4 mdx-expression'),
  'expr-in-attribute.notice.mdx': N('expr-in-attribute', '10:1 mdx-expression'),
  'expr-spread-attribute.notice.mdx': N('expr-spread-attribute', '10:1 mdx-expression'),
  'esm-export-const.notice.mdx': N('esm-export-const', '10:1 mdx-esm'),
  'esm-import-npm.notice.mdx': N('esm-import-npm', '10:1 mdx-esm'),
  // Importing the project's own components is refused too: content gets no components at all.
  'esm-import-own-component.notice.mdx': N('esm-import-own-component', '10:1 mdx-esm', '12:1 mdx-component'),
  'esm-import-multiline.notice.mdx': N('esm-import-multiline', '10:1 mdx-esm'),
  'component-without-import.notice.mdx': N('component-without-import', '10:1 mdx-component'),
  // {/* comments */}, escaped \< and \{, code in fences and inline code are text, not code.
  'clean-comment-and-escapes.notice.mdx': [],
  // ── HTML through the sanitiser (what it would strip is reported) ──
  'html-script.notice.mdx': N('html-script', '12:1 mdx-html-tag'),
  'html-iframe.notice.mdx': N('html-iframe', '10:1 mdx-html-tag'),
  'html-style.notice.mdx': N('html-style', '10:1 mdx-html-tag'),
  'html-event-attributes.notice.mdx': N(
    'html-event-attributes',
    '10:1 mdx-html-attribute',
    '12:1 mdx-html-attribute',
    '12:1 mdx-file-missing',
  ),
  'html-javascript-url.notice.mdx': N('html-javascript-url', '10:1 mdx-html-attribute', '12:1 mdx-link-unsafe'),
  'html-style-attribute.notice.mdx': N('html-style-attribute', '10:1 mdx-html-attribute', '10:1 mdx-html-attribute'),
  'html-unknown-tag.notice.mdx': N('html-unknown-tag', '10:1 mdx-html-tag'),
  'clean-html-allowed.notice.mdx': [],
  // ── images only from this site ──
  'image-external.notice.mdx': N('image-external', '10:1 mdx-image-foreign'),
  'image-external-html.notice.mdx': N('image-external-html', '10:1 mdx-html-attribute'),
  'image-protocol-relative.notice.mdx': N('image-protocol-relative', '10:1 mdx-image-foreign'),
  'image-external-reference.notice.mdx': N('image-external-reference', '10:1 mdx-image-foreign'),
  'image-data-url.notice.mdx': N('image-data-url', '10:1 mdx-image-foreign'),
  // ── syntax the build would crash on with a stack trace ──
  'syntax-less-than.notice.mdx': N('syntax-less-than', '10:8 mdx-lt'),
  'syntax-unbalanced-brace.notice.mdx': N('syntax-unbalanced-brace', '10:5 mdx-brace'),
  'syntax-html-comment.notice.mdx': N('syntax-html-comment', '12:1 mdx-comment'),
  'syntax-unclosed-br.notice.mdx': N('syntax-unclosed-br', '10:4 mdx-unclosed'),
  // ── referenced files must exist ──
  'image-missing.notice.mdx': N('image-missing', '10:1 mdx-file-missing'),
  // Nothing publishes files next to an article: a relative image is refused whether or not the file is there.
  'image-relative-missing.notice.mdx': N('image-relative-missing', '10:1 mdx-image-relative'),
  'image-relative-present': N(
    'demo-x',
    '10:1 mdx-image-relative',
    '12:1 mdx-image-relative',
    '14:1 mdx-image-relative',
  ),
  'attachment-missing.notice.mdx': N('attachment-missing', '10:1 mdx-file-missing'),
  // Site pages (also generated files such as data.csv), web, phone and in-page links are not files in public/.
  'clean-links.notice.mdx': [],
  'clean-image-present': [],
  // ── names: the file name is the URL ──
  'duplicate-md-beside-mdx': N('demo-x', '1:1 content-duplicate', '1:1 content-file-name').map((l) =>
    l.replace('demo-x.mdx', 'demo-x.md'),
  ),
  'duplicate-case': N('DEMO-x', '1:1 content-duplicate', '1:1 content-file-name'),
  'file-name-space': N('demo lanting 2024', '1:1 content-file-name'),
  'file-name-chinese': N('兰亭苑公告', '1:1 content-file-name'),
  'file-in-subfolder': N('2024/demo-x', '1:1 content-file-name'),
};

const tableOf = (name: string) => /\.([a-z_]+)\.csv$/.exec(name)?.[1] as TableName;

const VALID_DATA = path.join(FIXTURES, 'valid', 'data');
const AS_OF = (JSON.parse(readFileSync(path.join(VALID_DATA, 'dataset.json'), 'utf8')) as { as_of: string }).as_of;

/** The case through the importer as `npm run import` runs it against the valid fixture's data folder. */
async function importCase(name: string) {
  const bytes = readFileSync(path.join(FIXTURES, 'bad-input', name));
  const grid = await readInput(name.replace(/\.[a-z_]+\.csv$/, '.csv'), bytes);
  const table = tableOf(name);
  const result = normaliseGrid(grid, table, { known: knownRecordsIn(VALID_DATA), asOf: AS_OF });
  if ('error' in result) return { error: result.error };
  const checked = checkImport(result, `data/${result.table}.csv`);
  return { result, problems: [...result.problems, ...checked.problems] };
}

describe('bad-input corpus', () => {
  it('has an expectation for every case file and a case file for every expectation', async () => {
    expect(await caseNames('bad-input')).toEqual([...Object.keys(CASES), ...Object.keys(CONTENT_CASES)].sort());
  });

  describe.each(Object.entries(CONTENT_CASES))('%s', (name, want) => {
    it(want.length ? 'fails npm run check at the file’s own line:column, with a fix' : 'passes', async () => {
      const issues = await loadCase('bad-input', name);
      expect(located(issues)).toEqual(want);
      for (const i of issues) {
        expect(i.message).not.toBe('');
        expect(i.fix).not.toBe('');
      }
    });
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
    if ('refuses' in imp) {
      it(`npm run import refuses at ${imp.refuses.join(', ')} with a fix`, async () => {
        const r = await importCase(name);
        if ('error' in r) throw new Error(r.error);
        expect(r.problems.map((p) => `${p.line}:${p.column}`)).toEqual(imp.refuses);
        for (const p of r.problems) {
          expect(p.message).not.toBe('');
          expect(p.fix).not.toBe('');
        }
      });
    } else if ('fixes' in imp) {
      it(`npm run import yields ${imp.fixes.column} = “${imp.fixes.value}” and reports it`, async () => {
        const r = await importCase(name);
        if ('error' in r) throw new Error(r.error);
        const { result, problems } = r;
        expect(problems, 'nothing left for a person').toEqual([]);
        const at = result.sourceRows.indexOf(imp.fixes.row);
        expect(at, 'the source row is imported').toBeGreaterThanOrEqual(0);
        expect(result.rows[at]?.[result.header.indexOf(imp.fixes.column)]).toBe(imp.fixes.value);
        const cellChanged = result.changes.some((c) => c.sourceRow === imp.fixes.row && c.column === imp.fixes.column);
        // Whole-file repairs (encoding, BOM, header labels, blank rows) are reported for the file, not per cell.
        const fileReport = `${result.notes.join(' ')} ${JSON.stringify(result.mapped)} 跳过空行${result.blankRowsSkipped}`;
        const fileLevel = /GBK|BOM|街道名称|跳过空行[1-9]/.test(fileReport);
        expect(cellChanged || fileLevel, 'the change is in the import report').toBe(true);
      });
    }
  });
});

describe('npm run import (the command)', () => {
  const node = path.resolve('node_modules/.bin/node');
  const run = (...args: string[]) => spawnSync(node, ['scripts/import.ts', ...args], { encoding: 'utf8' });

  it('prints the before and after of a normalised cell', () => {
    const file = path.join(FIXTURES, 'bad-input', 'money-yuan-sign.fund_ledger.csv');
    const r = run(file, '--table', 'fund_ledger', '--dry-run');
    expect(r.stdout).toContain('第 3 行 “¥386,000.00” → “386000.00”');
  });

  it.each(['unterminated-quote.sources.csv', 'extra-cells.compounds.csv', 'encoding-undecidable.fund_ledger.csv'])(
    'refuses %s: located problem, exit 1, nothing written',
    (name) => {
      const out = path.join(mkdtempSync(path.join(tmpdir(), 'gongshi-refuse-')), `${tableOf(name)}.csv`);
      const r = run(path.join(FIXTURES, 'bad-input', name), '--out', out);
      expect(r.status).toBe(1);
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/bad-input\/[^:]+:\d+:\d+ 第 \d+ 行 [A-Z]+ 列/);
      expect(r.stdout).toContain('改法:');
      expect(r.stdout).toContain('导入被拒绝:没有写出任何文件');
      expect(existsSync(out)).toBe(false);
    },
  );
});
