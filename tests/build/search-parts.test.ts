/**
 * The search step in parts (src/integrations/search.ts, search-cache.ts): the fixture site cut
 * into parts of one page gives, once joined, the bundle of one Pagefind run over every page,
 * byte for byte; a changed page re-indexes only its part and the result is a cold run's; a
 * damaged or missing cache entry is made again, never used.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexSite, type IndexSummary } from '../../src/integrations/search.ts';
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

/** indexSite with this cache folder and this many pages per part. */
async function index(dir: string, cache: string, partPages: number): Promise<IndexSummary> {
  process.env.GONGSHI_CACHE_DIR = join(work, cache);
  process.env.GONGSHI_SEARCH_PART_PAGES = String(partPages);
  return indexSite(dir);
}

/** Every file of a bundle folder with its bytes. */
function bundle(dir: string): Map<string, string> {
  return new Map(filesUnder(dir).map((f) => [f, readFileSync(join(dir, f)).toString('base64')]));
}

const entries = (cache: string) => readdirSync(join(work, cache, 'search-parts')).sort();

/** Pagefind's own bundle of one run over every page: the only entry of a one-part index. */
let oneRun: Map<string, string>;

beforeAll(async () => {
  const s = await index(site('one'), 'cache-one', 1_000_000);
  expect(s.parts).toEqual({ count: 1, indexed: 1 });
  const [entry] = entries('cache-one');
  oneRun = bundle(join(work, 'cache-one', 'search-parts', entry!, 'pagefind'));
}, 300_000);

describe('the search step in parts', () => {
  it('joins one-page parts into the bundle of one Pagefind run over every page, byte for byte', async () => {
    const dir = site('parts');
    const s = await index(dir, 'cache-parts', 1);
    expect(s.parts.count).toBeGreaterThanOrEqual(4);
    // Every indexed page made its own Pagefind run unless two fell into the same part.
    expect(s.parts.indexed).toBeGreaterThanOrEqual(4);
    expect(entries('cache-parts')).toHaveLength(s.parts.indexed);
    const joined = bundle(join(dir, 'pagefind'));
    expect([...oneRun.keys()].filter((f) => f.startsWith('index/')).length).toBeGreaterThan(2);
    expect([...joined.keys()]).toEqual([...oneRun.keys()]);
    expect([...joined.keys()].filter((f) => joined.get(f) !== oneRun.get(f))).toEqual([]);
    // And the one-part index, joined through the same code, is Pagefind's bundle too.
    expect(bundle(join(work, 'one', 'pagefind'))).toEqual(oneRun);
  }, 300_000);

  it('re-indexes only the changed page’s part, and joins what a cold run writes', async () => {
    const dir = site('changed');
    const first = await index(dir, 'cache-changed', 1);
    const page = join(dir, 'firm', 'anju', 'index.html');
    const html = readFileSync(page, 'utf8');
    const edited = html.replace('data-pagefind-body>', 'data-pagefind-body><p>二〇二五年更正 维修基金审计</p>');
    expect(edited).not.toBe(html);
    writeFileSync(page, edited);
    const warm = await index(dir, 'cache-changed', 1);
    expect(warm.parts).toEqual({ count: first.parts.count, indexed: 1 });
    // The replaced entry is pruned: the cache holds this site's parts only.
    expect(entries('cache-changed')).toHaveLength(first.parts.indexed);

    const cold = site('changed-cold');
    writeFileSync(join(cold, 'firm', 'anju', 'index.html'), edited);
    await index(cold, 'cache-changed-cold', 1);
    expect(bundle(join(dir, 'pagefind'))).toEqual(bundle(join(cold, 'pagefind')));
    expect(bundle(join(dir, 'pagefind'))).not.toEqual(oneRun);
    expect(bundle(join(dir, 'search'))).toEqual(bundle(join(cold, 'search')));
  }, 300_000);

  it('makes a damaged or half-written cache entry again instead of using it', async () => {
    const dir = site('damaged');
    const first = await index(dir, 'cache-damaged', 1);
    const [a, b] = entries('cache-damaged').map((e) => join(work, 'cache-damaged', 'search-parts', e));
    // One entry with a fragment's bytes changed, one without its list of files.
    const fragments = join(a!, 'pagefind', 'fragment');
    const fragment = join(fragments, readdirSync(fragments)[0]!);
    writeFileSync(fragment, Buffer.concat([readFileSync(fragment), Buffer.from([0])]));
    rmSync(join(b!, 'files.json'));
    const again = await index(dir, 'cache-damaged', 1);
    expect(again.parts).toEqual({ count: first.parts.count, indexed: 2 });
    expect(bundle(join(dir, 'pagefind'))).toEqual(oneRun);
  }, 300_000);
});
