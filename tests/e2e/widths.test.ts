/**
 * No page scrolls sideways on a phone, and no table hides a column on a laptop: one page of
 * every type at 390×844 and at 1366×768. Every table's last column — often the one that
 * decides, like 末位淘汰's 结果与说明 — must be on screen and inside its frame, or the frame must
 * scroll with its visible cue (the edge shadow, global.css "tables"). Stacked rows on a phone
 * pass by the same measure: each row's last cell is then on screen.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaticServer } from '../../scripts/serve.ts';
import { compoundHistoryHref, completenessHref, districtsHref, rankingsHref } from '../../src/lib/views/urls.ts';
import { launchChromium, siteContext } from './helpers/browser.ts';
import { readTable } from './helpers/data.ts';
import { demoCompound, pageSamples, type PageSample } from './helpers/pages.ts';
import { SITE_DIR, serveSite } from './helpers/site.ts';

let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  server = await serveSite();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A district whose rankings page has the 末位淘汰 table (an evaluation with that outcome). */
function rankedDistrict(): string {
  const row = readTable('evaluations').find((e) => e.outcome === '末位淘汰' && e.district_id);
  if (!row) throw new Error('data/evaluations.csv has no 末位淘汰 row with a district_id');
  return row.district_id!;
}

/** Index pages that exist in this build (other work adds some; each present one is checked). */
function indexPages(): PageSample[] {
  return ['compound', 'firm', 'notices', 'audits', 'cases', 'policies', 'streets', 'firms', 'compounds']
    .filter((dir) => existsSync(join(SITE_DIR, dir, 'index.html')))
    .map((dir) => ({ type: `${dir} index`, path: `/${dir}/` }));
}

function samples(): PageSample[] {
  const seen = new Set<string>();
  return [
    ...pageSamples(),
    { type: 'compound (demo) history', path: compoundHistoryHref(demoCompound().id!) },
    { type: 'rankings of a district', path: rankingsHref(rankedDistrict()) },
    { type: 'completeness', path: completenessHref },
    { type: 'districts', path: districtsHref },
    ...indexPages(),
  ].filter((s) => !seen.has(s.path) && seen.add(s.path));
}

interface TableReport {
  caption: string;
  /** The last cell of the fullest row, in page pixels. */
  left: number;
  right: number;
  frameLeft: number;
  frameRight: number;
  scrolls: boolean;
  cue: boolean;
}

async function measure(page: Page): Promise<{ scrollWidth: number; innerWidth: number; tables: TableReport[] }> {
  return page.evaluate(() => {
    // Folded parts (past fee changes, the whole ledger) count too: open them.
    for (const d of Array.from(document.querySelectorAll('details'))) d.open = true;
    const tables: TableReport[] = [];
    for (const table of Array.from(document.querySelectorAll('table'))) {
      if (table.getClientRects().length === 0) continue; // print-only
      // Body rows: on a phone the header row is only there for screen readers.
      const body = Array.from(table.querySelectorAll('tbody tr, tfoot tr'));
      const rows = body.length > 0 ? body : Array.from(table.querySelectorAll('tr'));
      // The fullest row, and of those one whose last cell has a value: an empty cell is left out
      // of a phone's row block on purpose (the ledger's 表决依据 is empty on every inflow).
      const weight = (r: Element) => r.children.length * 2 + (r.lastElementChild?.innerHTML ? 1 : 0);
      const fullest = rows.sort((a, b) => weight(b) - weight(a))[0];
      const last = fullest?.lastElementChild;
      if (!last) continue;
      const cell = last.getBoundingClientRect();
      const frame = (table.closest('.table-wrap') ?? table.parentElement!) as HTMLElement;
      const box = frame.getBoundingClientRect();
      const style = getComputedStyle(frame);
      tables.push({
        caption: table.caption?.textContent?.trim() ?? '(no caption)',
        left: cell.left,
        right: cell.right,
        frameLeft: box.left,
        frameRight: box.right,
        scrolls: frame.scrollWidth > frame.clientWidth + 1 && /auto|scroll/.test(style.overflowX),
        cue: /radial-gradient/.test(style.backgroundImage),
      });
    }
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, tables };
  });
}

const viewports = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'laptop', width: 1366, height: 768 },
];

describe.each(viewports)('at $width×$height ($name)', ({ width, height }) => {
  it.each(samples().map((s) => [s.type, s.path]))('%s (%s): no sideways scroll, no hidden column', async (_, path) => {
    const { context } = await siteContext(browser, server.origin, { viewport: { width, height } });
    const page = await context.newPage();
    const response = await page.goto(`${server.origin}${path}`);
    expect(response?.status()).toBe(200);
    await page.waitForLoadState('load');
    const { scrollWidth, innerWidth, tables } = await measure(page);
    await context.close();
    expect(scrollWidth, `${path} is ${scrollWidth}px wide in a ${innerWidth}px window`).toBeLessThanOrEqual(innerWidth);
    for (const t of tables) {
      const inView =
        t.left >= -1 && t.right <= innerWidth + 1 && t.right <= t.frameRight + 1 && t.left >= t.frameLeft - 1;
      expect(
        inView || (t.scrolls && t.cue),
        `table "${t.caption}" on ${path}: last column at ${t.left}–${t.right}px, frame ${t.frameLeft}–${t.frameRight}px, scrolls ${t.scrolls}, cue ${t.cue}`,
      ).toBe(true);
    }
  });
});

describe('the measure itself', () => {
  it('sees the 末位淘汰 table, whose last column is 结果与说明, and it fits at 1366 px', async () => {
    const { context } = await siteContext(browser, server.origin, { viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await page.goto(`${server.origin}${rankingsHref(rankedDistrict())}`);
    const lastHeader = await page
      .locator('table', { has: page.locator('caption', { hasText: '末位淘汰' }) })
      .locator('thead th')
      .last()
      .textContent();
    const { tables } = await measure(page);
    await context.close();
    expect(lastHeader?.trim()).toBe('结果与说明');
    const table = tables.find((t) => t.caption.includes('末位淘汰'));
    expect(table).toBeDefined();
    expect(table!.right).toBeLessThanOrEqual(table!.frameRight + 1);
    expect(table!.scrolls).toBe(false);
  });

  it('on a phone every table with a header row is stacked, each cell named by its column', async () => {
    const { context } = await siteContext(browser, server.origin, { viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${server.origin}${rankingsHref(rankedDistrict())}`);
    // Its assessment tables name their columns from /table-labels.css (DataTable `columns`).
    const shown = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLTableElement>('.table-wrap--stack table'), (table) => {
        const header = Array.from(table.querySelectorAll('thead tr:last-child th'), (th) => th.textContent!.trim());
        const row = table.querySelector('tbody tr')!;
        return Array.from(row.children, (cell, i) => ({
          want: cell.innerHTML === '' ? 'none' : `"${header[i]}："`,
          before: getComputedStyle(cell, '::before').content,
        }));
      }),
    );
    await context.close();
    expect(shown.length).toBeGreaterThan(0);
    for (const cells of shown) expect(cells.map((c) => c.before)).toEqual(cells.map((c) => c.want));
  });

  it('on a phone every cell of a compound page names its own column, from data-label or /table-labels.css', async () => {
    const { context } = await siteContext(browser, server.origin, { viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${server.origin}/compound/${demoCompound().id!}/`);
    const tables = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLTableElement>('.table-wrap--stack table'), (table) => {
        const header = Array.from(table.querySelectorAll('thead tr:last-child th'), (th) => th.textContent!.trim());
        const wrong: string[] = [];
        let cells = 0;
        for (const tr of table.querySelectorAll('tbody tr')) {
          Array.from(tr.children).forEach((cell, i) => {
            if (cell.innerHTML === '' || cell.hasAttribute('colspan')) return;
            cells++;
            const before = getComputedStyle(cell, '::before').content;
            if (before !== `"${header[i]}："`) wrong.push(`${i + 1}: ${before}`);
          });
        }
        return { caption: table.caption?.textContent ?? '', css: table.classList.contains('css-labels'), cells, wrong };
      }),
    );
    await context.close();
    // Both ways are on the page: the fixed-column tables by the generated stylesheet, the rest by data-label.
    expect(tables.some((t) => t.css && t.caption.includes('维修资金全部流水'))).toBe(true);
    expect(tables.some((t) => t.css && t.caption.includes('维修资金按年度'))).toBe(true);
    expect(tables.some((t) => !t.css)).toBe(true);
    for (const t of tables) {
      expect(t.cells, t.caption).toBeGreaterThan(0);
      expect(t.wrong, t.caption).toEqual([]);
    }
  });

  it('a table too wide for its frame is caught unless it scrolls with the cue', async () => {
    // The site's CSP forbids inline styles; this test adds one on purpose.
    const { context } = await siteContext(browser, server.origin, {
      viewport: { width: 390, height: 844 },
      bypassCSP: true,
    });
    const page = await context.newPage();
    await page.goto(`${server.origin}/data/`);
    // Force a table wider than the window, in a frame that clips it without a cue.
    await page.addStyleTag({
      content:
        'table{display:table!important;min-width:900px} .table-wrap{overflow:hidden!important;background:none!important} thead{position:static!important;width:auto!important;height:auto!important}',
    });
    const { tables } = await measure(page);
    await context.close();
    const clipped = tables.filter((t) => t.right > t.frameRight + 1);
    expect(clipped.length).toBeGreaterThan(0);
    expect(clipped.every((t) => !(t.scrolls && t.cue))).toBe(true);
  });
});
