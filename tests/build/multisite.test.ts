/**
 * Sharding proof (docs/sharding.md): two shards of a national portal, each built
 * on its own from its own data (two generated fixtures), joined into one search
 * with Pagefind's multisite API. Shard A is served at the origin's root, shard B
 * under /b/ on the same origin (so the sites' CSP, connect-src 'self', holds);
 * in headless Chromium, shard A's pagefind.js merges shard B's index with
 * `mergeIndex('/b/pagefind/', { baseUrl: '/b/' })`, and one query must return
 * pages of both shards, each under its own site's URL.
 */
import { createReadStream, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, ROOT, siteEnv } from '../../scripts/bench/build-site.ts';
import { generateFixture } from '../../scripts/bench/fixture/generate.ts';
import { contentType } from '../../scripts/serve.ts';
import { launchChromium } from '../../scripts/chromium.ts';

// Inside the project (bench/work is gitignored): the build's prerender chunks resolve packages from node_modules.
mkdirSync(join(ROOT, 'bench/work'), { recursive: true });
const WORK_ROOT = join(ROOT, 'bench/work');
const work = mkdtempSync(join(WORK_ROOT, 'multisite-'));
const shards = { a: { seed: 11 }, b: { seed: 12 } } as const;
const dist = (s: keyof typeof shards) => join(work, `site-${s}`, 'dist');

/** One origin, two sites: /b/… from shard B's output, everything else from shard A's. */
function serveShards(): Promise<{ origin: string; server: Server }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const [root, rest] = path.startsWith('/b/') ? [dist('b'), path.slice(2)] : [dist('a'), path];
    let file = resolve(join(root, rest));
    if (file !== resolve(root) && !file.startsWith(resolve(root) + sep)) return void res.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': contentType(extname(file) ? file : `${file}.html`) });
    createReadStream(file).pipe(res);
  });
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () =>
      done({ origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server }),
    ),
  );
}

/** Runs in the page: shard A's Pagefind, shard B's index merged in, one query, every result's URL. */
const MERGED_QUERY = `(async () => {
  const pagefind = await import('/pagefind/pagefind.js');
  await pagefind.options({ baseUrl: '/' });
  await pagefind.mergeIndex('/b/pagefind/', { baseUrl: '/b/' });
  const found = await pagefind.search('演示');
  return Promise.all(found.results.map(async (r) => (await r.data()).url));
})()`;

let browser: Browser | undefined;
let served: { origin: string; server: Server } | undefined;

beforeAll(async () => {
  for (const [name, { seed }] of Object.entries(shards)) {
    const fixtureDir = join(work, `fixture-${name}`);
    generateFixture({ compounds: 24, seed, out: fixtureDir });
    await buildSite(siteEnv({ fixtureDir, siteDir: join(work, `site-${name}`) }));
  }
  served = await serveShards();
  browser = await launchChromium();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((done) => (served ? served.server.close(() => done()) : done()));
  rmSync(work, { recursive: true, force: true });
});

describe('Pagefind multisite search over two shards', () => {
  it('each shard has its own index', () => {
    for (const s of ['a', 'b'] as const)
      expect(existsSync(join(dist(s), 'pagefind', 'pagefind-entry.json')), s).toBe(true);
  });

  it('a query on shard A, with shard B merged, returns pages of both shards', async () => {
    const page = await (browser as Browser).newPage();
    const blocked: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) blocked.push(m.text());
    });
    // Shard A's own page, so the join runs under the site's real CSP.
    await page.goto(`${served?.origin}/`);
    // A string, not a function: vitest would rewrite a function's import() for Node.
    const urls = (await page.evaluate(MERGED_QUERY)) as string[];
    expect(blocked).toEqual([]);
    const fromB = urls.filter((u) => u.startsWith('/b/'));
    const fromA = urls.filter((u) => !u.startsWith('/b/'));
    expect(fromA.length, `shard A results among ${urls.length}`).toBeGreaterThan(0);
    expect(fromB.length, `shard B results among ${urls.length}`).toBeGreaterThan(0);
    // A merged result opens the right shard's page.
    const target = fromB.find((u) => u.includes('/compound/')) ?? (fromB[0] as string);
    const res = await page.goto(`${served?.origin}${target}`);
    expect(res?.status()).toBe(200);
    await page.close();
  });
});
