/**
 * One page of every type in a real browser: nothing is fetched from outside the site, nothing
 * fails to load, no script error or CSP violation, and axe-core finds no serious or critical
 * accessibility problem.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaticServer } from '../../scripts/serve.ts';
import { describeViolations, seriousViolations } from './helpers/axe.ts';
import { launchChromium, siteContext, watchErrors, type RequestLog } from './helpers/browser.ts';
import { pageSamples } from './helpers/pages.ts';
import { serveSite } from './helpers/site.ts';

let server: StaticServer;
let browser: Browser;
let page: Page;
let requests: RequestLog;
let errors: string[];
const failed: string[] = [];

beforeAll(async () => {
  server = await serveSite();
  browser = await launchChromium();
  const site = await siteContext(browser, server.origin);
  requests = site.requests;
  site.context.on('response', (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
  });
  page = await site.context.newPage();
  errors = watchErrors(page);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.each(pageSamples())('$type page $path', ({ path }) => {
  it('loads everything from the site itself, without errors', async () => {
    requests.clear();
    errors.length = 0;
    failed.length = 0;
    const response = await page.goto(`${server.origin}${path}`, { waitUntil: 'networkidle' });
    expect(response?.status()).toBe(200);
    expect(requests.urls.length).toBeGreaterThan(0);
    expect(requests.foreign(), 'requests to other origins').toEqual([]);
    expect(failed, 'requests that failed').toEqual([]);
    expect(errors, 'script errors and CSP violations').toEqual([]);
  });

  it('has no serious or critical accessibility violation (axe-core)', async () => {
    if (page.url() !== `${server.origin}${path}`)
      await page.goto(`${server.origin}${path}`, { waitUntil: 'networkidle' });
    const violations = await seriousViolations(page);
    expect(violations, describeViolations(path, violations)).toEqual([]);
  });
});

describe('the checks themselves can fail', () => {
  it('axe reports a serious violation and the request log flags a foreign request', async () => {
    requests.clear();
    await page.goto(`${server.origin}/`);
    await page.setContent(
      '<html lang="zh-CN"><body><main><img src="https://cdn.example.com/x.png"><input type="text"></main></body></html>',
    );
    const ids = (await seriousViolations(page)).map((v) => v.id);
    expect(ids).toContain('image-alt');
    expect(ids).toContain('label');
    expect(requests.foreign()).toEqual(['https://cdn.example.com/x.png']);
  });
});
