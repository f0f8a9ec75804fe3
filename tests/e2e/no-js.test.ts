/**
 * With JavaScript switched off the site still answers: the search page explains how to browse
 * and links every district and honour title; a compound page shows all its tables.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { honourTitleHref } from '../../src/lib/views/urls.ts';
import type { StaticServer } from '../../scripts/serve.ts';
import { launchChromium, siteContext, type RequestLog } from './helpers/browser.ts';
import { readTable } from './helpers/data.ts';
import { demoCompound } from './helpers/pages.ts';
import { serveSite } from './helpers/site.ts';

let server: StaticServer;
let browser: Browser;
let page: Page;
let requests: RequestLog;

beforeAll(async () => {
  server = await serveSite();
  browser = await launchChromium();
  const site = await siteContext(browser, server.origin, { javaScriptEnabled: false });
  requests = site.requests;
  page = await site.context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('without JavaScript', () => {
  it('the header search box leads to a search page that says how to browse instead', async () => {
    await page.goto(`${server.origin}/`);
    await page.fill('#site-search-q', '海丽');
    await Promise.all([page.waitForURL(/\/search\/\?q=/), page.press('#site-search-q', 'Enter')]);
    expect(new URL(page.url()).searchParams.get('q')).toBe('海丽');
    const notice = page.locator('main .alert', { hasText: 'JavaScript' });
    expect(await notice.isVisible()).toBe(true);
    expect(await notice.textContent()).toContain('浏览');
  });

  it('the search page links every district and every honour title', async () => {
    await page.goto(`${server.origin}/search/`);
    const hrefs = new Set(await page.$$eval('main a[href]', (links) => links.map((a) => a.getAttribute('href'))));
    for (const district of readTable('districts')) expect(hrefs).toContain(`/district/${district.id}/`);
    for (const title of new Set(readTable('honours').map((h) => h.title!)))
      expect(hrefs).toContain(honourTitleHref(title));
    expect(hrefs).toContain('/honours/');
    // The Pagefind controls need the script; without it they stay out of the way.
    expect(await page.locator('[data-search-controls-box]').isVisible()).toBe(false);
    expect(await page.locator('[data-search-more]').isVisible()).toBe(false);
  });

  it('a compound page shows every chart as a table, with every row', async () => {
    const compound = demoCompound();
    await page.goto(`${server.origin}/compound/${compound.id}/`);
    const charts = await page.$$eval('figure.chart', (figures) =>
      figures.map((f) => ({
        canvasShown: !(f.querySelector('.chart__canvas') as HTMLElement | null)?.hidden,
        rows: Array.from(f.querySelectorAll('tbody tr')).map((tr) => tr.querySelector('th')?.textContent?.trim() ?? ''),
        tableVisible: (f.querySelector('table') as HTMLElement | null)?.checkVisibility() ?? false,
      })),
    );
    expect(charts.length).toBeGreaterThan(0);
    for (const chart of charts) {
      expect(chart.canvasShown).toBe(false);
      expect(chart.tableVisible).toBe(true);
      expect(chart.rows.length).toBeGreaterThan(0);
      expect(chart.rows.every((label) => label !== '')).toBe(true);
    }
    expect(await page.locator('main table').count()).toBeGreaterThanOrEqual(charts.length);
    expect(requests.foreign()).toEqual([]);
  });
});
