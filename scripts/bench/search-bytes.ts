/**
 * The bytes a browser fetches for a first search query: open /search/?q=… in
 * headless Chromium (Debian's, through playwright-core) against the built site
 * on a local static server, wait for the results, and weigh every file the page
 * fetched — the search page itself apart from what its indexes load: the names index
 * (/search/names/: manifest, buckets, record chunks), which answers a name first, and Pagefind
 * (pagefind.js, its WebAssembly, the entry and meta files, index chunks, filters, fragments),
 * which a first query loads only when no name holds it. `index` is the first query's figure.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../chromium.ts';
import { startStaticServer } from '../serve.ts';
import { pagefindHref, searchNamesHref } from '../../src/lib/views/urls.ts';


export interface FetchedFile {
  path: string;
  raw: number;
  gzip: number;
}
export interface SearchBytes {
  query: string;
  results: number;
  /** Everything the search indexes sent for the query (names + pagefind), raw as served and as gzip would send it. */
  index: { raw: number; gzip: number };
  /** Of which the names index. */
  names: { raw: number; gzip: number };
  /** Of which Pagefind (0 when the names index answered). */
  pagefind: { raw: number; gzip: number };
  /** The search page's own HTML, CSS and JS. */
  page: { raw: number; gzip: number };
  files: FetchedFile[];
}

function weigh(root: string, path: string): FetchedFile {
  let file = join(root, path);
  if (path.endsWith('/')) file = join(file, 'index.html');
  if (!existsSync(file)) return { path, raw: 0, gzip: 0 };
  const data = readFileSync(file);
  return { path, raw: data.length, gzip: gzipSync(data, { level: 9 }).length };
}

export async function measureFirstQuery(siteDir: string, query: string): Promise<SearchBytes> {
  const server = await startStaticServer({ root: siteDir });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const fetched: string[] = [];
    page.on('response', (r) => {
      const u = new URL(r.url());
      if (u.origin === server.origin && r.status() === 200) fetched.push(u.pathname);
    });
    await page.goto(`${server.origin}/search/?q=${encodeURIComponent(query)}`, { waitUntil: 'load' });
    await page.waitForSelector('[data-search-results] > li', { timeout: 60_000 });
    await page.waitForLoadState('networkidle');
    const results = await page.locator('[data-search-results] > li').count();
    const files = [...new Set(fetched)].sort().map((p) => weigh(siteDir, p));
    const sum = (fs: FetchedFile[]) => ({ raw: fs.reduce((a, f) => a + f.raw, 0), gzip: fs.reduce((a, f) => a + f.gzip, 0) });
    const isNames = (f: FetchedFile) => f.path.startsWith(searchNamesHref);
    const isPagefind = (f: FetchedFile) => f.path.startsWith(pagefindHref);
    return {
      query,
      results,
      index: sum(files.filter((f) => isNames(f) || isPagefind(f))),
      names: sum(files.filter(isNames)),
      pagefind: sum(files.filter(isPagefind)),
      page: sum(files.filter((f) => !isNames(f) && !isPagefind(f))),
      files,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
