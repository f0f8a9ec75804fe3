/**
 * A compound page in a real browser: every chart is drawn (a canvas with real pixels), each
 * chart's table prints what the chart draws and what the CSV says, the print layout drops the
 * navigation and keeps the QR code, and screenshots at phone and desktop size are saved for a
 * person to look at (test-results/screenshots/).
 */
import { mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatQuarter, formatYuan } from '../../src/lib/views/format.ts';
import { CHART_KINDS, specFromTable, type ChartKind } from '../../src/components/charts/chart-spec.ts';
import { parseMoneyToFen } from '../../src/lib/util/money.ts';
import type { StaticServer } from '../../scripts/serve.ts';
import { launchChromium, siteContext, watchErrors, type RequestLog } from './helpers/browser.ts';
import { readTable } from './helpers/data.ts';
import { demoCompound, pageSamples, realCompound } from './helpers/pages.ts';
import { serveSite } from './helpers/site.ts';

const SCREENSHOT_DIR = resolve('test-results/screenshots');

let server: StaticServer;
let browser: Browser;
let page: Page;
let requests: RequestLog;
let errors: string[];
const demo = demoCompound();

beforeAll(async () => {
  server = await serveSite();
  browser = await launchChromium();
  const site = await siteContext(browser, server.origin, { viewport: { width: 1366, height: 900 } });
  requests = site.requests;
  page = await site.context.newPage();
  errors = watchErrors(page);
  await page.goto(`${server.origin}/compound/${demo.id}/`, { waitUntil: 'networkidle' });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const fen = (yuan: string | undefined): number => {
  const value = parseMoneyToFen(yuan ?? '');
  if (value === undefined) throw new Error(`not a money cell: ${yuan}`);
  return value;
};

/** A table as {row label → {column header → cell text}}. */
async function tableOf(chartId: string): Promise<Map<string, Record<string, string>>> {
  const rows = await page.$$eval(`figure#${chartId} table`, ([table]) => {
    if (!table) return [];
    const headers = Array.from(table.querySelectorAll('thead th')).map((th) => th.textContent?.trim() ?? '');
    return Array.from(table.querySelectorAll('tbody tr')).map((tr) => {
      const cells = Array.from(tr.children).map((c) => c.textContent?.trim() ?? '');
      return [cells[0] ?? '', Object.fromEntries(headers.map((h, i) => [h, cells[i] ?? '']))] as const;
    });
  });
  return new Map(rows);
}

describe(`the demo compound page (/compound/${demo.id}/)`, () => {
  it('draws every chart on a visible canvas with real pixels', async () => {
    const charts = await page.$$eval('figure.chart', (figures) =>
      figures.map((figure) => {
        const box = figure.querySelector<HTMLElement>('.chart__canvas');
        const canvas = figure.querySelector('canvas');
        if (!box || !canvas) return { id: figure.id, visible: false, width: 0, height: 0, inked: 0, colours: 0 };
        const { width, height } = canvas;
        const pixels = canvas.getContext('2d')?.getImageData(0, 0, width, height).data ?? new Uint8ClampedArray();
        let inked = 0;
        const colours = new Set<number>();
        for (let i = 0; i < pixels.length; i += 4) {
          if (pixels[i + 3]! > 0) {
            inked++;
            colours.add(((pixels[i]! >> 4) << 8) | ((pixels[i + 1]! >> 4) << 4) | (pixels[i + 2]! >> 4));
          }
        }
        return {
          id: figure.id,
          visible: !box.hidden && box.checkVisibility(),
          width,
          height,
          inked,
          colours: colours.size,
        };
      }),
    );
    // One chart per fee category (fee-history-1, -2…), then collection, fund and revenue.
    const kinds = new Set(charts.map((c) => c.id.replace(/-\d+$/, '')));
    expect([...kinds].sort()).toEqual(['collection-rate', 'fee-history', 'fund-flows', 'revenue-quarters']);
    for (const chart of charts) {
      expect(chart.visible, chart.id).toBe(true);
      expect(chart.width * chart.height, chart.id).toBeGreaterThan(10_000);
      // Axes and labels alone ink a few percent; bars and lines add their palette colours.
      expect(chart.inked / (chart.width * chart.height), chart.id).toBeGreaterThan(0.02);
      expect(chart.colours, chart.id).toBeGreaterThan(3);
    }
  });

  it('each chart is drawn from its table, and every series cell reads back as a number', async () => {
    const figures = await page.$$eval('figure.chart', (els) =>
      els.map((f) => {
        const text = (el: Element | null) => el?.textContent?.trim() ?? '';
        const table = f.querySelector('table');
        return {
          id: f.id,
          kind: (f as HTMLElement).dataset.chartKind ?? '',
          unit: (f as HTMLElement).dataset.chartUnit ?? '',
          series: Number((f as HTMLElement).dataset.chartSeries),
          headers: Array.from(table?.querySelectorAll('thead th') ?? [])
            .slice(1)
            .map(text),
          rows: Array.from(table?.querySelectorAll('tbody tr') ?? []).map((tr) => ({
            label: text(tr.querySelector('th')),
            cells: Array.from(tr.querySelectorAll('td')).map(text),
          })),
        };
      }),
    );
    expect(figures.length).toBeGreaterThan(0);
    // An empty cell reads as "—" on screen (global.css), not as a blank a reader could take for zero.
    const shown = await page.$eval('figure.chart td:empty', (td) => getComputedStyle(td, '::after').content);
    expect(shown).toBe('"—"');
    for (const f of figures) {
      expect(CHART_KINDS, f.id).toContain(f.kind);
      expect(f.unit, f.id).not.toBe('');
      expect(f.series, f.id).toBeGreaterThan(0);
      const spec = specFromTable(f.kind as ChartKind, f.unit, f, f.series);
      expect(spec.datasets, f.id).toHaveLength(f.series);
      expect(spec.labels, f.id).toEqual(f.rows.map((r) => r.label));
      // A cell the script cannot read would silently drop a bar: only an empty cell may mean no value.
      spec.datasets.forEach((d, col) =>
        d.data.forEach((v, row) => {
          if (v === null) expect(f.rows[row]!.cells[col], `${f.id} ${d.label} ${row}`).toBe('');
        }),
      );
      expect(
        spec.datasets.some((d) => d.data.some((v) => v !== null)),
        f.id,
      ).toBe(true);
    }
  });

  it('the collection table matches data/fee_collection.csv', async () => {
    const rows = readTable('fee_collection').filter((r) => r.compound_id === demo.id);
    expect(rows.length).toBeGreaterThan(0);
    const table = await tableOf('collection-rate');
    expect(table.size).toBe(rows.length);
    for (const row of rows) {
      const printed = table.get(`${row.year}年`);
      expect(printed, `year ${row.year}`).toBeDefined();
      expect(printed!['应收']).toBe(formatYuan(fen(row.billed)));
      expect(printed!['实收']).toBe(formatYuan(fen(row.collected)));
      const rate = (fen(row.collected) / fen(row.billed)) * 100;
      expect(Number(printed!['收缴率']!.replace('%', ''))).toBeCloseTo(rate, 1);
    }
  });

  it('the public-revenue table matches data/public_revenue.csv, quarter by quarter', async () => {
    const rows = readTable('public_revenue').filter((r) => r.compound_id === demo.id);
    expect(rows.length).toBeGreaterThan(0);
    const sums = new Map<string, { income: number; spending: number; toFund: number }>();
    for (const row of rows) {
      const key = formatQuarter(Number(row.year), Number(row.quarter));
      const sum = sums.get(key) ?? { income: 0, spending: 0, toFund: 0 };
      sum.income += fen(row.income);
      sum.spending += fen(row.spending);
      sum.toFund += fen(row.to_fund);
      sums.set(key, sum);
    }
    const table = await tableOf('revenue-quarters');
    expect(new Set(table.keys())).toEqual(new Set(sums.keys()));
    for (const [quarter, sum] of sums) {
      expect(table.get(quarter)!['收入'], quarter).toBe(formatYuan(sum.income));
      expect(table.get(quarter)!['支出'], quarter).toBe(formatYuan(sum.spending));
      expect(table.get(quarter)!['转入维修资金'], quarter).toBe(formatYuan(sum.toFund));
    }
  });

  it('prints without navigation and with the QR code of the page', async () => {
    await page.emulateMedia({ media: 'print' });
    try {
      const navs = await page.$$eval('nav, .site-header, .site-search, .skip-link', (els) =>
        els.map((el) => ({ what: el.outerHTML.slice(0, 80), visible: (el as HTMLElement).checkVisibility() })),
      );
      expect(navs.length).toBeGreaterThan(0);
      for (const nav of navs) expect(nav.visible, nav.what).toBe(false);
      const qr = page.locator('svg.qr-svg');
      expect(await qr.count()).toBe(1);
      expect(await qr.isVisible()).toBe(true);
      const box = await qr.boundingBox();
      expect(box!.width).toBeGreaterThan(60);
      expect(await qr.getAttribute('aria-label')).toContain(`/compound/${demo.id}/`);
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });

  it('loaded nothing from elsewhere and raised no script error', () => {
    expect(requests.foreign()).toEqual([]);
    expect(errors).toEqual([]);
  });
});

describe('screenshots of compound pages (test-results/screenshots/)', () => {
  const viewports = [
    { name: 'phone', width: 390, height: 844 },
    { name: 'desktop', width: 1366, height: 900 },
  ];
  const compounds = [
    { label: 'demo', id: demo.id! },
    { label: 'real', id: realCompound().id! },
  ];
  for (const { name, width, height } of viewports) {
    for (const compound of compounds) {
      it(`${compound.label} compound at ${name} size (${width}×${height}) fits the width`, async () => {
        mkdirSync(SCREENSHOT_DIR, { recursive: true });
        await page.setViewportSize({ width, height });
        await page.goto(`${server.origin}/compound/${compound.id}/`, { waitUntil: 'networkidle' });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, 'page wider than the screen').toBeLessThanOrEqual(0);
        const file = join(SCREENSHOT_DIR, `compound-${compound.label}-${name}.png`);
        await page.screenshot({ path: file, fullPage: true });
        expect(statSync(file).size).toBeGreaterThan(10_000);
      });
    }
  }
});

describe('phone first (390×844): a compact header, then 要点 on the first screen', () => {
  const PHONE = { width: 390, height: 844 };
  const ids = readTable('compounds').map((c) => c.id!);

  it.each(ids)('/compound/%s/: header ≤ 120px, every 要点 line within the first 844px', async (id) => {
    await page.setViewportSize(PHONE);
    await page.goto(`${server.origin}/compound/${id}/`);
    const boxes = await page.evaluate(() => {
      const box = (el: Element | null) => el?.getBoundingClientRect();
      return {
        header: box(document.querySelector('.site-header'))?.height ?? Infinity,
        facts: Array.from(document.querySelectorAll('[data-key-fact]'), (el) => ({
          what: el.getAttribute('data-key-fact'),
          bottom: el.getBoundingClientRect().bottom + window.scrollY,
          link: el.querySelector('a.key-fact__label')?.getAttribute('href'),
        })),
        toc: box(document.querySelector('details.toc'))?.top ?? 0,
        tocOpen: document.querySelector('details.toc')?.hasAttribute('open'),
      };
    });
    expect(boxes.header).toBeLessThanOrEqual(120);
    // The firm, fee, fund, committee and latest notice lines are always there (未公开 when unknown).
    expect(boxes.facts.map((f) => f.what)).toEqual(
      expect.arrayContaining(['firm', 'fees', 'fund', 'committee', 'notices']),
    );
    for (const f of boxes.facts) {
      expect(f.bottom, `${id}: 要点 ${f.what}`).toBeLessThanOrEqual(PHONE.height);
      // Each line leads to its section, or to the line that says the section is missing.
      expect(f.link, f.what!).toBe(`#${f.what}`);
      expect(await page.locator(`[id="${f.what}"]`).count(), f.what!).toBe(1);
    }
    // The table of contents comes after 要点, folded.
    expect(boxes.toc).toBeGreaterThan(Math.max(...boxes.facts.map((f) => f.bottom)));
    expect(boxes.tocOpen).toBe(false);
  });

  it.each(pageSamples())('$type page $path: text is 18px or larger, lists and tables included', async ({ path }) => {
    await page.setViewportSize(PHONE);
    await page.goto(`${server.origin}${path}`, { waitUntil: 'networkidle' });
    const sizes = await page.evaluate(() => {
      const px = (el: Element) => parseFloat(getComputedStyle(el).fontSize);
      // Secondary text (source markers, dates under a heading, notes, result metadata) may be
      // smaller than the 18px of the text it accompanies, but never below 16px.
      const secondary =
        '.muted, .source-ref, .section-updated, .badge, .cadence-note, .search-result__meta, .search-result__section';
      const visible = (selector: string) =>
        Array.from(document.querySelectorAll(selector)).filter(
          (el) => !el.closest('.site-header, .site-footer, .visually-hidden') && (el as HTMLElement).checkVisibility(),
        );
      const main = visible('main li, main td, main th, main p, main dd').filter((el) => !el.closest(secondary));
      const describe = (el: Element) =>
        `${el.tagName.toLowerCase()}.${el.className}: ${px(el)}px ${el.textContent?.trim().slice(0, 30)}`;
      return {
        body: px(document.body),
        small: main
          .filter((el) => px(el) < 18)
          .slice(0, 5)
          .map(describe),
        tiny: visible(secondary)
          .filter((el) => px(el) < 16)
          .slice(0, 5)
          .map(describe),
        count: main.length,
      };
    });
    expect(sizes.body).toBeGreaterThanOrEqual(18);
    expect(sizes.count).toBeGreaterThan(0);
    expect(sizes.small).toEqual([]);
    expect(sizes.tiny).toEqual([]);
  });
});

/** Pages of the current page printed to A4 (page objects in the PDF, not the /Pages tree). */
async function pdfPages(): Promise<number> {
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
  return (pdf.toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length;
}

describe('the one-page A4 summary sheet (/compound/<id>/#print-sheet)', () => {
  const compounds = [demo.id!, 'demo-yinxing-xincun', realCompound().id!];
  it.each(compounds)('/compound/%s/#print-sheet prints to exactly one A4 page with a large QR code', async (id) => {
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(`${server.origin}/compound/${id}/#print-sheet`, { waitUntil: 'networkidle' });
    // Without print media the note on how to print shows, and the page is the whole page.
    expect(await page.locator('#print-sheet').isVisible()).toBe(true);
    // page.pdf() lays out with print media unless screen was emulated last, as other tests here do.
    await page.emulateMedia({ media: 'print' });
    try {
      expect(await pdfPages()).toBe(1);
      const qr = await page.locator('.print-sheet-foot__qr svg.qr-svg').boundingBox();
      // 60 mm at 96 dpi is about 227 px: big enough to scan from a notice board.
      expect(qr!.width).toBeGreaterThan(200);
      expect(await page.locator('[data-key-fact]').count()).toBeGreaterThanOrEqual(5);
      expect(await page.locator('.site-header').isVisible()).toBe(false);
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });

  it('the full disclosure still prints from the compound page, and the checks can fail', async () => {
    await page.goto(`${server.origin}/compound/${demo.id}/`, { waitUntil: 'networkidle' });
    await page.emulateMedia({ media: 'print' });
    try {
      // A ledger, charts and tables do not fit on one page: the counter really counts pages.
      expect(await pdfPages()).toBeGreaterThan(1);
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });
});
