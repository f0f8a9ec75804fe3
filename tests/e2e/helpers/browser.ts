/**
 * Browser-test helpers. Each test file launches one browser with launchChromium
 * (scripts/chromium.ts: Debian's Chromium, never a download; Playwright gives every launch a
 * fresh temporary profile) and reuses its pages.
 */
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';

export { launchChromium } from '../../../scripts/chromium.ts';

/** Every request a context made, and the ones whose origin is not the site's. */
export interface RequestLog {
  urls: string[];
  foreign(): string[];
  clear(): void;
}

/**
 * A context for the site at `origin` that records every request and refuses (aborts) any
 * that leaves the origin, so a stray CDN link fails the test instead of waiting on the network.
 */
export async function siteContext(
  browser: Browser,
  origin: string,
  options: BrowserContextOptions = {},
): Promise<{ context: BrowserContext; requests: RequestLog }> {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', ...options });
  const urls: string[] = [];
  const isOwn = (url: string) => url.startsWith(`${origin}/`) || url.startsWith('data:') || url.startsWith('blob:');
  context.on('request', (request) => urls.push(request.url()));
  await context.route(
    (url) => !isOwn(url.href),
    (route) => route.abort('blockedbyclient'),
  );
  return {
    context,
    requests: {
      urls,
      foreign: () => urls.filter((url) => !isOwn(url)),
      clear: () => void urls.splice(0),
    },
  };
}

/** Collects page errors and CSP violations reported on the console. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  // The console names the status but not the URL: name the failing call.
  page.on('response', (r) => {
    if (r.status() >= 500) errors.push(`http ${r.status()} ${r.request().method()} ${r.url()}`);
  });
  return errors;
}
