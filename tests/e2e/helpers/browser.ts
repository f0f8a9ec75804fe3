/**
 * Debian's Chromium driven by playwright-core: never a downloaded browser. Each test file
 * launches one browser (Playwright gives every launch a fresh temporary profile) and reuses
 * its pages.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.GONGSHI_CHROMIUM ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. The browser tests need Debian's chromium package: ` +
        '`apt-get update && apt-get install -y chromium` (.ci/run does this), or set GONGSHI_CHROMIUM to its path.',
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

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
  return errors;
}
