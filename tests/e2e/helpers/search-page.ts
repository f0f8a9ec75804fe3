/** Driving the search page: open a search by URL, wait for its answer (names index or Pagefind), read the results. */
import type { Page } from 'playwright-core';
import { parseSearchParams, toSearchString } from '../../../src/components/search/search-state.ts';

export interface ResultItem {
  href: string;
  title: string;
  /** The title link's HTML: a names-index hit marks the query in it. */
  titleHtml: string;
  meta: string;
  excerptHtml: string;
}

/** Waits until the page has finished the search whose query string is `query` ("?q=…" or ""). */
export async function waitForSearch(page: Page, query: string): Promise<void> {
  await page.waitForFunction(
    (expected) => document.querySelector<HTMLElement>('[data-search-app]')?.dataset.searchDone === expected,
    query,
    { timeout: 15_000 },
  );
}

export async function openSearch(page: Page, origin: string, params: Record<string, string>): Promise<void> {
  const query = new URLSearchParams(params).toString();
  await page.goto(`${origin}/search/${query ? `?${query}` : ''}`);
  // The page rewrites the URL in its own parameter order; wait for that form.
  await waitForSearch(page, toSearchString(parseSearchParams(new URLSearchParams(query))));
}

export async function results(page: Page): Promise<ResultItem[]> {
  return page.$$eval('[data-search-results] > li', (items) =>
    items.map((li) => ({
      // Pagefind gives readable paths (/honours/最美业主/); compare them decoded.
      href: decodeURI(li.querySelector('a')?.getAttribute('href') ?? ''),
      title: li.querySelector('a')?.textContent?.trim() ?? '',
      titleHtml: li.querySelector('a')?.innerHTML ?? '',
      meta: li.querySelector('.search-result__meta')?.textContent?.trim() ?? '',
      excerptHtml: li.querySelector('.search-result__excerpt')?.innerHTML ?? '',
    })),
  );
}

/** Every result of the search on screen, pressing 显示更多结果 until it goes. */
export async function allResults(page: Page): Promise<ResultItem[]> {
  const more = page.locator('[data-search-more]');
  while (await more.isVisible()) {
    const shown = await page.locator('[data-search-results] > li').count();
    await more.click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-search-results] > li').length > n, shown);
  }
  return results(page);
}

/** The result count the status line announces ("找到 N 个结果"), or 0. */
export async function announcedCount(page: Page): Promise<number> {
  const text = (await page.locator('[data-search-status]').textContent()) ?? '';
  const match = /找到 (\d+) 个结果/.exec(text);
  return match ? Number(match[1]) : 0;
}
