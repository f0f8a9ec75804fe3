/**
 * The bytes a browser fetches for a first search query: open /search/?q=… in
 * headless Chromium (Debian's, through playwright-core) against the built site
 * on a local static server, wait until the search is done, and weigh every file the page
 * fetched — the search page itself apart from what its indexes load: the names index
 * (/search/names/: manifest, buckets, record chunks), which answers a name first, and Pagefind
 * (its worker script, or pagefind.js where a worker is refused; its WebAssembly, the entry and
 * meta files, index chunks, filters, fragments), which a first query loads only when no name holds it. `index` is the first answer's figure:
 * the names index and the first Pagefind bundle, whose results are drawn before the compound
 * pages' bundle (src/integrations/search-bundles.ts) is asked for anything; `compounds` is that
 * second bundle (and its list of sorts), fetched after them, and `complete` both together.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../chromium.ts';
import { startStaticServer } from '../serve.ts';
import { compoundsPagefindHref, compoundsSortsHref, pagefindHref, searchNamesHref } from '../../src/lib/views/urls.ts';


export interface FetchedFile {
  path: string;
  raw: number;
  gzip: number;
}
export interface SearchBytes {
  query: string;
  /** Results in the first answer's list (the names index's or the first Pagefind bundle's). */
  results: number;
  /** Results in the compound pages' group, drawn after the first answer (absent in reports made before it existed). */
  compoundResults?: number;
  /**
   * The first answer: what the search indexes sent before its results were drawn (names + the
   * first Pagefind bundle), raw as served and as gzip would send it. Pagefind's index files and
   * WebAssembly are gzip already; the gzip figure is what a host that also gzips the JS and JSON sends.
   */
  index: { raw: number; gzip: number };
  /** The compound pages' bundle, fetched after the first answer was drawn (absent in reports made before it existed). */
  compounds?: { raw: number; gzip: number };
  /** The complete answer: `index` and `compounds` (absent in reports made before the compound bundle existed). */
  complete?: { raw: number; gzip: number };
  /** Of which the names index. */
  names: { raw: number; gzip: number };
  /** Of which the first Pagefind bundle (0 when the names index answered). */
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
  // A host gzips what gets smaller: Pagefind's own gzip files are sent as they are.
  return { path, raw: data.length, gzip: Math.min(data.length, gzipSync(data, { level: 9 }).length) };
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
    // Done means both Pagefind bundles answered (search-client.ts sets it last).
    await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-search-app]')?.dataset.searchDone, null, {
      timeout: 60_000,
    });
    await page.waitForLoadState('networkidle');
    const results = await page.locator('[data-search-results] > li').count();
    const compoundResults = await page.locator('[data-search-compound-results] > li').count();
    const files = [...new Set(fetched)].sort().map((p) => weigh(siteDir, p));
    const sum = (fs: FetchedFile[]) => ({ raw: fs.reduce((a, f) => a + f.raw, 0), gzip: fs.reduce((a, f) => a + f.gzip, 0) });
    const isNames = (f: FetchedFile) => f.path.startsWith(searchNamesHref);
    const isPagefind = (f: FetchedFile) => f.path.startsWith(pagefindHref);
    const isCompounds = (f: FetchedFile) => f.path.startsWith(compoundsPagefindHref) || f.path === compoundsSortsHref;
    return {
      query,
      results,
      compoundResults,
      index: sum(files.filter((f) => isNames(f) || isPagefind(f))),
      compounds: sum(files.filter(isCompounds)),
      complete: sum(files.filter((f) => isNames(f) || isPagefind(f) || isCompounds(f))),
      names: sum(files.filter(isNames)),
      pagefind: sum(files.filter(isPagefind)),
      page: sum(files.filter((f) => !isNames(f) && !isPagefind(f) && !isCompounds(f))),
      files,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
