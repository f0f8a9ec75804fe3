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

/** The first answer's results: the names index's, or full text's on every page but the compound pages. */
export async function results(page: Page): Promise<ResultItem[]> {
  return resultsIn(page, '[data-search-results]');
}

/** Full text's results on the compound pages, the group drawn after the first answer ("小区页面"). */
export async function compoundResults(page: Page): Promise<ResultItem[]> {
  return resultsIn(page, '[data-search-compound-results]');
}

/** Every result on screen, the first answer's and then the compound pages' group. */
export async function shownResults(page: Page): Promise<ResultItem[]> {
  return [...(await results(page)), ...(await compoundResults(page))];
}

async function resultsIn(page: Page, list: string): Promise<ResultItem[]> {
  return page.$$eval(`${list} > li`, (items) =>
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

/** Every result of the search, in the order the page lists them, pressing each group's 显示更多 until it goes. */
export async function allResults(page: Page): Promise<ResultItem[]> {
  for (const [button, list] of [
    ['[data-search-more]', '[data-search-results]'],
    ['[data-search-compounds-more]', '[data-search-compound-results]'],
  ] as const) {
    const more = page.locator(button);
    while (await more.isVisible()) {
      const shown = await page.locator(`${list} > li`).count();
      await more.click();
      await page.waitForFunction(([l, n]) => document.querySelectorAll(`${l} > li`).length > n, [list, shown] as const);
    }
  }
  return shownResults(page);
}

/** The result count the status line announces ("找到 N 个结果"), or 0. */
export async function announcedCount(page: Page): Promise<number> {
  const text = (await page.locator('[data-search-status]').textContent()) ?? '';
  const match = /找到 (\d+) 个结果/.exec(text);
  return match ? Number(match[1]) : 0;
}
