/**
 * The search step's cache (src/integrations/search.ts, search-cache.ts, pagefind-merge.ts): the
 * fixture site indexed in runs of one page, taken apart into page records and joined, gives the
 * bundles of one Pagefind run over each bundle's pages (search-bundles.ts), byte for byte; a changed page is the only one
 * re-indexed and the result is a cold run's; a page file not written since the last run read it is
 * not read again, one written back with its old size and times is; a damaged or missing cache file is made again, never
 * used; the settings (here the chunk size) and the code that makes an entry are in its key.
 */
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexInOneRun, indexSite, type IndexSummary } from '../../src/integrations/search.ts';
import { SEARCH_BUNDLES } from '../../src/integrations/search-bundles.ts';
import { searchCodeFiles } from '../../src/integrations/search-cache.ts';
import { STAMP_MARGIN_MS } from '../../src/integrations/search-stamps.ts';
import { filesUnder } from '../../src/lib/util/files.ts';

const FIXTURE = 'tests/fixtures/search/site';
const work = mkdtempSync(join(tmpdir(), 'gongshi-search-parts-'));
// Small index chunks, so the join must cut and name several chunks as Pagefind does.
process.env.PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE = '40';

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  delete process.env.PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE;
  delete process.env.GONGSHI_SEARCH_PART_PAGES;
  delete process.env.GONGSHI_CACHE_DIR;
});

function site(name: string): string {
  const dir = join(work, name);
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

/** indexSite with this cache folder and at most this many pages per Pagefind run. */
async function index(dir: string, cache: string, runPages: number): Promise<IndexSummary> {
  process.env.GONGSHI_CACHE_DIR = join(work, cache);
  process.env.GONGSHI_SEARCH_PART_PAGES = String(runPages);
  return indexSite(dir);
}

/** Every file of a folder with its bytes. */
function bundle(dir: string): Map<string, string> {
  return new Map(filesUnder(dir).map((f) => [f, readFileSync(join(dir, f)).toString('base64')]));
}

/** Every file of a site's search bundles (search-bundles.ts), by path in the site, with its bytes. */
function bundles(site: string): Map<string, string> {
  return new Map(
    SEARCH_BUNDLES.flatMap(({ root }) =>
      [...bundle(join(site, root, 'pagefind'))].map(([f, bytes]): [string, string] => [
        join(root, 'pagefind', f),
        bytes,
      ]),
    ),
  );
}

const isChunk = (f: string) => /(^|\/)pagefind\/index\//.test(f);

const cacheFiles = (cache: string, folder: string) => readdirSync(join(work, cache, folder)).sort();

const EDIT = '<p>二〇二五年更正 维修基金审计</p>';
const edit = (html: string) => html.replace('data-pagefind-body>', `data-pagefind-body>${EDIT}`);

/** Pagefind's own bundles of one run over each bundle's pages of the fixture. */
let oneRun: Map<string, string>;
const PAGES = 6;

beforeAll(async () => {
  const out = join(work, 'one-run');
  await indexInOneRun(FIXTURE, out);
  oneRun = bundles(out);
  expect([...oneRun.keys()].filter((f) => f.startsWith('pagefind/index/')).length).toBeGreaterThan(2);
  // The fixture's compound page has a bundle of its own.
  expect([...oneRun.keys()].filter((f) => f.startsWith('search/compounds/pagefind/index/')).length).toBeGreaterThan(0);
}, 300_000);

describe('the search step from cached page records', () => {
  it("joins runs of one page into the bundles of one Pagefind run over each bundle's pages, byte for byte", async () => {
    const dir = site('single');
    const s = await index(dir, 'cache-single', 1);
    expect(s.pageCount).toBe(PAGES);
    expect(s.reindexed).toEqual({ pages: PAGES, runs: PAGES });
    const joined = bundles(dir);
    expect([...joined.keys()]).toEqual([...oneRun.keys()]);
    expect([...joined.keys()].filter((f) => joined.get(f) !== oneRun.get(f))).toEqual([]);
  }, 300_000);

  it('joins the same bytes with two Pagefind services, whatever the order their runs finish in', async () => {
    const dir = site('services');
    // A page that sorts first (so run 0) and takes Pagefind far longer than the fixture's: thousands of distinct words.
    const firm = readFileSync(join(dir, 'firm', 'anju', 'index.html'), 'utf8');
    const words = Array.from({ length: 40_000 }, (_, i) => `<p>维修基金 第${i}号 审计${i % 97}</p>`).join('');
    mkdirSync(join(dir, 'audits', 'big'), { recursive: true });
    writeFileSync(join(dir, 'audits', 'big', 'index.html'), edit(firm).replace(EDIT, words));
    const out = join(work, 'services-one-run');
    await indexInOneRun(dir, out);
    process.env.GONGSHI_PAGEFIND_SERVICES = '2';
    try {
      const s = await index(dir, 'cache-services', 1);
      expect(s.reindexed).toEqual({ pages: PAGES + 1, runs: PAGES + 1 });
      // The big page's run, handed over first, was answered after another: the join did not see the runs in order.
      expect(s.answered[0]).not.toBe(0);
      expect([...s.answered].sort((a, b) => a - b)).toEqual([...Array(PAGES + 1).keys()]);
    } finally {
      delete process.env.GONGSHI_PAGEFIND_SERVICES;
    }
    expect(bundles(dir)).toEqual(bundles(out));
  }, 300_000);

  it('takes one run of every page apart and joins it again into the same bytes', async () => {
    const dir = site('whole');
    const s = await index(dir, 'cache-whole', 1_000_000);
    expect(s.reindexed).toEqual({ pages: PAGES, runs: 1 });
    expect(bundles(dir)).toEqual(oneRun);
  }, 300_000);

  it('re-indexes only the changed page, and joins what a cold run writes', async () => {
    const dir = site('changed');
    await index(dir, 'cache-changed', 1);
    const names = bundle(join(dir, 'search'));
    const again = await index(dir, 'cache-changed', 1);
    expect(again.reindexed).toEqual({ pages: 0, runs: 0 });
    expect(again.patched).toBe(true);
    expect(bundles(dir)).toEqual(oneRun);
    expect(bundle(join(dir, 'search'))).toEqual(names);

    const page = join(dir, 'firm', 'anju', 'index.html');
    const edited = edit(readFileSync(page, 'utf8'));
    expect(edited).toContain(EDIT);
    writeFileSync(page, edited);
    const warm = await index(dir, 'cache-changed', 1);
    expect(warm.reindexed).toEqual({ pages: 1, runs: 1 });
    expect(warm.patched).toBe(true);

    const cold = site('changed-cold');
    writeFileSync(join(cold, 'firm', 'anju', 'index.html'), edited);
    const fresh = await index(cold, 'cache-changed-cold', 1_000_000);
    expect(fresh.reindexed).toEqual({ pages: PAGES, runs: 1 });
    expect(bundles(dir)).toEqual(bundles(cold));
    expect(bundles(dir)).not.toEqual(oneRun);
    expect(bundle(join(dir, 'search'))).toEqual(bundle(join(cold, 'search')));
    // Only this site's entries are kept: the replaced page's and its chunks are gone.
    expect(cacheFiles('cache-changed', 'search-chunks')).toHaveLength([...bundles(dir).keys()].filter(isChunk).length);
    expect(cacheFiles('cache-changed', 'search-pages')).toEqual(cacheFiles('cache-changed-cold', 'search-pages'));
  }, 300_000);

  it('patches the last join edit after edit, always into what a cold run writes', async () => {
    const dir = site('edits');
    const first = await index(dir, 'cache-edits', 1_000_000);
    expect(first.patched).toBe(false);
    const rewrite = (path: string, change: (html: string) => string) => {
      const file = join(dir, ...path.split('/'), 'index.html');
      const before = readFileSync(file, 'utf8');
      const after = change(before);
      expect(after).not.toBe(before);
      writeFileSync(file, after);
    };
    // Words added to two pages at once; then one page losing most of its text and gaining new words.
    rewrite('firm/anju', edit);
    rewrite('compound/haili', (html) =>
      html.replace('data-pagefind-body>', 'data-pagefind-body><p>雨污分流 电梯更新</p>'),
    );
    const two = await index(dir, 'cache-edits', 1);
    expect(two).toMatchObject({ patched: true, reindexed: { pages: 2, runs: 2 } });
    rewrite('firm/anju', (html) =>
      html.replace(/(data-pagefind-body>)[\s\S]*(<\/main>)/, '$1<h1>安居物业</h1><p>换届审计 停车费</p>$2'),
    );
    const one = await index(dir, 'cache-edits', 1);
    expect(one).toMatchObject({ patched: true, reindexed: { pages: 1, runs: 1 } });

    const cold = join(work, 'edits-cold');
    cpSync(dir, cold, { recursive: true });
    rmSync(join(cold, 'pagefind'), { recursive: true });
    rmSync(join(cold, 'search'), { recursive: true }); // the names index and the compound pages' bundle
    const fresh = await index(cold, 'cache-edits-cold', 1_000_000);
    expect(fresh.patched).toBe(false);
    expect(bundles(dir)).toEqual(bundles(cold));
    expect(bundle(join(dir, 'search'))).toEqual(bundle(join(cold, 'search')));
  }, 300_000);

  it('keeps the names index with the join, and writes only the files whose bytes changed', async () => {
    const dir = site('kept');
    const names = (person: string) => (html: string) =>
      html.replace(
        '</main>',
        `<div hidden><span data-search-name>安居物业</span><span data-search-person="committee" data-search-role="项目经理">${person}</span></div></main>`,
      );
    const anju = join(dir, 'firm', 'anju', 'index.html');
    const original = readFileSync(anju, 'utf8');
    writeFileSync(anju, names('张三')(original));
    await index(dir, 'cache-kept', 1_000_000);
    expect(JSON.parse(readFileSync(join(dir, 'search', 'names', 'index.json'), 'utf8'))).toMatchObject({ count: 2 });
    const old = new Date('2001-01-01T00:00:00Z');
    /** Every output file with its bytes, after dating it back: a file written again gets a new time. */
    const dated = () =>
      new Map(
        ['pagefind', 'search'].flatMap((top) =>
          filesUnder(join(dir, top)).map((f): [string, string] => {
            utimesSync(join(dir, top, f), old, old);
            return [`${top}/${f}`, readFileSync(join(dir, top, f)).toString('base64')];
          }),
        ),
      );
    /**
     * The files of the last run that hold the bytes they held before it and were written again all
     * the same; but the few files canonical order writes (each bundle's filters, meta, entry) are always written.
     */
    const rewritten = (before: Map<string, string>) =>
      [...before].filter(
        ([f, bytes]) =>
          !/^(search\/compounds\/)?pagefind\/(filter\/|pagefind\.[^/]+\.pf_meta$|pagefind-entry\.json$)/.test(f) &&
          bundle(join(dir, f.split('/')[0]!)).get(f.slice(f.indexOf('/') + 1)) === bytes &&
          statSync(join(dir, f)).mtimeMs !== old.getTime(),
      );
    const cold = async (name: string) => {
      const copy = join(work, name);
      cpSync(dir, copy, { recursive: true });
      rmSync(join(copy, 'pagefind'), { recursive: true });
      rmSync(join(copy, 'search'), { recursive: true });
      await index(copy, `cache-${name}`, 1_000_000);
      expect(bundle(join(dir, 'pagefind'))).toEqual(bundle(join(copy, 'pagefind')));
      expect(bundle(join(dir, 'search'))).toEqual(bundle(join(copy, 'search')));
    };

    // Its text changed, its names not: the last names index is kept, and most files are left alone.
    let before = dated();
    writeFileSync(anju, edit(names('张三')(original)));
    expect(await index(dir, 'cache-kept', 1)).toMatchObject({ patched: true, reindexed: { pages: 1 } });
    expect(rewritten(before)).toEqual([]);
    expect([...before.keys()].filter((f) => f.startsWith('search/'))).toEqual(
      filesUnder(join(dir, 'search')).map((f) => `search/${f}`),
    );
    await cold('kept-text');

    // A person renamed: the names index is made again, into its new folder, the old one gone.
    before = dated();
    writeFileSync(anju, edit(names('李四')(original)));
    expect(await index(dir, 'cache-kept', 1)).toMatchObject({ patched: true, reindexed: { pages: 1 } });
    expect(rewritten(before)).toEqual([]);
    expect(readdirSync(join(dir, 'search', 'names'))).toHaveLength(2);
    await cold('kept-names');
  }, 300_000);

  it('reads only the pages written since the last run read them, and a page written back with its size and times', async () => {
    const dir = site('stamps');
    const html = filesUnder(dir).filter((f) => f.endsWith('.html'));
    // Whole seconds, so that the times put back below are the very nanoseconds recorded.
    const old = new Date('2001-01-01T00:00:00Z');
    for (const f of html) utimesSync(join(dir, f), old, old);
    expect(await index(dir, 'cache-stamps', 1_000_000)).toMatchObject({ read: html.length });
    // Files written less than the margin before a run are read again by the next one.
    await new Promise((r) => setTimeout(r, STAMP_MARGIN_MS + 200));
    expect(await index(dir, 'cache-stamps', 1)).toMatchObject({ read: html.length, reindexed: { pages: 0 } });
    const untouched = await index(dir, 'cache-stamps', 1);
    expect(untouched).toMatchObject({ read: 0, reindexed: { pages: 0 }, patched: true });
    expect(bundles(dir)).toEqual(oneRun);

    // The same size, inode and modification time, other words: only its status-change time tells.
    const page = join(dir, 'firm', 'anju', 'index.html');
    const stamp = () => {
      const { ino, size, mtimeNs } = statSync(page, { bigint: true });
      return [ino, size, mtimeNs];
    };
    const before = stamp();
    const edited = readFileSync(page, 'utf8').replace('演示数据 得分', '示范数据 得分');
    writeFileSync(page, edited);
    utimesSync(page, old, old);
    expect(stamp()).toEqual(before);
    expect(await index(dir, 'cache-stamps', 1)).toMatchObject({ read: 1, reindexed: { pages: 1 }, patched: true });
    const cold = site('stamps-cold');
    writeFileSync(join(cold, 'firm', 'anju', 'index.html'), edited);
    await index(cold, 'cache-stamps-cold', 1_000_000);
    expect(bundles(dir)).toEqual(bundles(cold));
    expect(bundles(dir)).not.toEqual(oneRun);

    // The record of another folder is not this one's: every page is read.
    expect(await index(cold, 'cache-stamps', 1_000_000)).toMatchObject({ read: html.length });
  }, 300_000);

  it('refuses a damaged or foreign join and joins every page again', async () => {
    const dir = site('foreign');
    await index(dir, 'cache-foreign', 1_000_000);
    const other = site('foreign-other');
    const page = join(other, 'firm', 'anju', 'index.html');
    writeFileSync(page, edit(readFileSync(page, 'utf8')));
    await index(other, 'cache-foreign-other', 1_000_000);
    const joinDir = (cache: string) => join(work, cache, 'search-join');

    // The other site's join (same pages, one of them different) is not this site's.
    rmSync(joinDir('cache-foreign'), { recursive: true });
    cpSync(joinDir('cache-foreign-other'), joinDir('cache-foreign'), { recursive: true });
    const foreign = await index(dir, 'cache-foreign', 1);
    expect(foreign.patched).toBe(false);
    expect(bundles(dir)).toEqual(oneRun);

    // Its words' file beside this site's state; then a byte of this site's words changed.
    const items = join(joinDir('cache-foreign'), 'items');
    const own = readFileSync(items);
    writeFileSync(items, readFileSync(join(joinDir('cache-foreign-other'), 'items')));
    expect((await index(dir, 'cache-foreign', 1)).patched).toBe(false);
    expect(bundles(dir)).toEqual(oneRun);
    const damaged = Buffer.from(own);
    damaged[damaged.length - 1]! ^= 1;
    writeFileSync(items, damaged);
    expect((await index(dir, 'cache-foreign', 1)).patched).toBe(false);
    expect(bundles(dir)).toEqual(oneRun);
    expect((await index(dir, 'cache-foreign', 1)).patched).toBe(true);
    expect(bundles(dir)).toEqual(oneRun);
  }, 300_000);

  it('makes damaged or missing cache files again instead of using them', async () => {
    const dir = site('damaged');
    await index(dir, 'cache-damaged', 1);
    const pages = cacheFiles('cache-damaged', 'search-pages').filter((f) => f !== 'static');
    expect(pages.length).toBeGreaterThan(1);
    // One page file with a byte changed, one cut short, Pagefind's scripts gone, a chunk's gzip changed.
    const [a, b] = pages.map((f) => join(work, 'cache-damaged', 'search-pages', f));
    const bytes = readFileSync(a!);
    bytes[bytes.length - 1]! ^= 1;
    writeFileSync(a!, bytes);
    writeFileSync(b!, readFileSync(b!).subarray(0, 30));
    rmSync(join(work, 'cache-damaged', 'search-pages', 'static'));
    const chunk = join(work, 'cache-damaged', 'search-chunks', cacheFiles('cache-damaged', 'search-chunks')[0]!);
    writeFileSync(chunk, Buffer.concat([readFileSync(chunk), Buffer.from([0])]));
    const again = await index(dir, 'cache-damaged', 1);
    expect(again.reindexed.pages).toBeGreaterThanOrEqual(2);
    expect(again.reindexed.pages).toBeLessThan(PAGES);
    expect(bundles(dir)).toEqual(oneRun);
  }, 300_000);

  it('re-indexes every page when Pagefind’s settings change', async () => {
    const dir = site('settings');
    await index(dir, 'cache-settings', 1_000_000);
    process.env.PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE = '60';
    try {
      const s = await index(dir, 'cache-settings', 1_000_000);
      expect(s.reindexed).toEqual({ pages: PAGES, runs: 1 });
      const out = join(work, 'one-run-60');
      await indexInOneRun(FIXTURE, out);
      expect(bundles(dir)).toEqual(bundles(out));
    } finally {
      process.env.PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE = '40';
    }
  }, 300_000);

  it('keys entries by the code that makes them: the segmenter, the names and sorts, the join', () => {
    const files = searchCodeFiles();
    for (const f of [
      'src/integrations/search.ts',
      'src/integrations/search-names.ts',
      'src/integrations/pagefind-merge.ts',
      'src/integrations/pagefind-format.ts',
      'src/components/search/han-words.ts',
      'src/components/search/names.ts',
    ])
      expect(files).toContain(f);
  });
});
