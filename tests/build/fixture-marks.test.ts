/**
 * The "已更正" mark and source links where the bundled data has none to show: the valid
 * fixture (tests/fixtures/valid) corrects a compound's fee rate and cites a source with a URL.
 * Built here into bench/work (its own folders), then read like the bundled site.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, ROOT } from '../../scripts/bench/build-site.ts';
import {
  compoundHref,
  correctionHref,
  districtHref,
  feeComparisonCsvHref,
  streetHref,
} from '../../src/lib/views/urls.ts';
import { readPage, text } from './html.ts';

const FIXTURE = join(ROOT, 'tests/fixtures/valid');
mkdirSync(join(ROOT, 'bench/work'), { recursive: true });
const work = mkdtempSync(join(ROOT, 'bench/work', 'marks-'));
const DIST = join(work, 'dist');

const csv = (name: string) =>
  Papa.parse<Record<string, string>>(readFileSync(join(FIXTURE, 'data', `${name}.csv`), 'utf8'), {
    header: true,
    skipEmptyLines: true,
  }).data;
const correction = () => csv('corrections').find((c) => c.table === 'fee_standards' && c.column === 'rate')!;

beforeAll(async () => {
  await buildSite({
    ...process.env,
    ASTRO_TELEMETRY_DISABLED: '1',
    GONGSHI_DATA_DIR: join(FIXTURE, 'data'),
    GONGSHI_CONTENT_DIR: join(FIXTURE, 'src/content'),
    GONGSHI_OUT_DIR: DIST,
    GONGSHI_CACHE_DIR: join(work, 'cache'),
  });
}, 600_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The <td> that holds the mark of correction `id` on a page, as text. */
function markedCell(html: string, id: string): string {
  const at = html.indexOf(`href="${correctionHref(id)}"`);
  expect(at, `a mark linking to ${id}`).toBeGreaterThan(0);
  return text(html.slice(html.lastIndexOf('<td', at), html.indexOf('</td>', at)));
}

describe('a corrected fee rate', () => {
  it('is marked on its compound page, next to the corrected value, with the reason on hover', () => {
    const c = correction();
    expect(c).toBeTruthy();
    const fee = csv('fee_standards').find((f) => f.id === c.row_id)!;
    const html = readPage(DIST, compoundHref(fee.compound_id!));
    const cell = markedCell(html, c.id!);
    expect(cell).toContain(c.new_value!);
    expect(cell).toContain('已更正');
    const mark = /<a class="corrected"[^>]*>/.exec(
      html.slice(html.indexOf(`href="${correctionHref(c.id!)}"`) - 40),
    )![0];
    expect(mark).toContain(c.reason!);
    // The correction's own entry is on the page too (its corrections section) and on /changes/.
    expect(readPage(DIST, '/changes/')).toContain(`id="corr-${c.id}"`);
  });

  it('is marked on the district and street pages and in the fee comparison, and named in its CSV', () => {
    const c = correction();
    const fee = csv('fee_standards').find((f) => f.id === c.row_id)!;
    const compound = csv('compounds').find((x) => x.id === fee.compound_id)!;
    for (const p of [districtHref(compound.district_id!), streetHref(compound.street_id!), '/data/fees/']) {
      expect(markedCell(readPage(DIST, p), c.id!), p).toContain(c.new_value!);
    }
    const rows = Papa.parse<Record<string, string>>(readFileSync(join(DIST, feeComparisonCsvHref), 'utf8').slice(1), {
      header: true,
      skipEmptyLines: true,
    }).data;
    expect(rows.find((r) => r['小区编号'] === compound.id)?.['更正记录']).toBe(c.id);
  });
});

describe('a source with a URL', () => {
  it('is linked to the original, with its host, wherever a page cites it', () => {
    const source = csv('sources').find((s) => s.url)!;
    const street = csv('streets').find((s) => s.source_id === source.id)!;
    const html = readPage(DIST, streetHref(street.id!));
    const item = /<li id="source-\d+">([\s\S]*?)<\/li>/g;
    const entries = [...html.matchAll(item)].map((m) => m[1]!).filter((li) => li.includes(source.title!));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toContain(`href="${source.url}"`);
    expect(text(entries[0]!)).toContain(`(原文,${new URL(source.url!).host})`);
  });
});
