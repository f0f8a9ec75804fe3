/**
 * Search in a real browser against the built site: the query classes journalists and residents
 * use must put the right page first, filters must narrow, and the URL must carry the search.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditHref,
  caseHref,
  compoundHref,
  compoundsPagefindHref,
  districtHref,
  firmHref,
  honourTitleHref,
  noticeHref,
  pagefindHref,
  policyHref,
  streetHref,
} from '../../src/lib/views/urls.ts';
import type { StaticServer } from '../../scripts/serve.ts';
import { launchChromium, siteContext, watchErrors, type RequestLog } from './helpers/browser.ts';
import { readTable, rowWhere } from './helpers/data.ts';
import {
  allResults,
  announcedCount,
  compoundResults,
  openSearch,
  results,
  shownResults,
  waitForSearch,
} from './helpers/search-page.ts';
import { serveSite } from './helpers/site.ts';

const FULLTEXT_GOLDEN = 'tests/fixtures/search/fulltext-results.json';
const UPDATE_GOLDEN = process.env.GONGSHI_UPDATE_GOLDEN === '1';
/** Words the pages' text holds but no page's or person's name: the names index misses them. */
const FULLTEXT_ONLY = '双红联盟';

let server: StaticServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let requests: RequestLog;
let errors: string[];

beforeAll(async () => {
  server = await serveSite();
  browser = await launchChromium();
  const site = await siteContext(browser, server.origin);
  requests = site.requests;
  context = site.context;
  page = await context.newPage();
  errors = watchErrors(page);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Ids of the case stories (src/content/cases/*.mdx) that name someone. */
function caseStoriesNaming(name: string): string[] {
  const dir = 'src/content/cases';
  return readdirSync(dir)
    .filter((file) => file.endsWith('.mdx') && readFileSync(join(dir, file), 'utf8').includes(name))
    .map((file) => file.replace(/\.mdx$/, ''));
}
/** The page of the one entry of a content collection whose title contains `words`. */
function contentPage(collection: 'notices' | 'cases' | 'policies' | 'audits', words: string): string {
  const dir = `src/content/${collection}`;
  const found = readdirSync(dir).filter((file) => {
    const title = /^title:\s*(.*)$/m.exec(readFileSync(join(dir, file), 'utf8'))?.[1] ?? '';
    return file.endsWith('.mdx') && title.includes(words);
  });
  expect(found, `one ${collection} entry titled with ${words}`).toHaveLength(1);
  const id = found[0]!.replace(/\.mdx$/, '');
  const href = { notices: noticeHref, cases: caseHref, policies: policyHref, audits: auditHref }[collection];
  return href(id);
}
const firmNamed = (name: string) => firmHref(rowWhere('firms', 'name', name).id!);
const compoundNamed = (name: string) => compoundHref(rowWhere('compounds', 'name', name).id!);
const streetNamed = (name: string) => streetHref(rowWhere('streets', 'name', name).id!);
const districtNamed = (name: string) => districtHref(rowWhere('districts', 'name', name).id!);

/** The honour title page's path, decoded like the result links. */
const titlePath = (title: string) => decodeURI(honourTitleHref(title));

async function firstResultFor(q: string) {
  await openSearch(page, server.origin, { q });
  const found = await results(page);
  expect(found.length, `no result for ${q}`).toBeGreaterThan(0);
  return found[0]!;
}

/** One search in a fresh context (empty cache): its page and the paths it fetched. */
async function fetchedFor(params: Record<string, string>) {
  const site = await siteContext(browser, server.origin);
  const fresh = await site.context.newPage();
  const pageErrors = watchErrors(fresh);
  const sizes: Promise<{ path: string; bytes: number }>[] = [];
  fresh.on('requestfinished', (request) => {
    const path = new URL(request.url()).pathname;
    sizes.push(request.sizes().then((s) => ({ path, bytes: s.responseBodySize })));
  });
  await openSearch(fresh, server.origin, params);
  await fresh.waitForLoadState('networkidle');
  const fetched = async () => Promise.all(sizes);
  const bytesUnder = async (prefix: string) =>
    (await fetched()).filter((f) => f.path.startsWith(prefix)).reduce((n, f) => n + f.bytes, 0);
  const done = async () => {
    expect(pageErrors).toEqual([]);
    expect(site.requests.foreign()).toEqual([]);
    await site.context.close();
  };
  return { page: fresh, fetched, bytesUnder, done };
}

describe('queries on the bundled data put the right page first', () => {
  it('a compound by part of its name: 海丽 → 海丽花园', async () => {
    const compound = rowWhere('compounds', 'name', '海丽花园');
    const first = await firstResultFor('海丽');
    expect(first.href).toBe(`/compound/${compound.id}/`);
    // A names-index hit: the query is marked in the name.
    expect(first.titleHtml).toMatch(/<mark>海丽<\/mark>/);
  });

  it('a firm by its short name: 中海物业 → 上海中海物业管理有限公司 (needs Chinese segmentation)', async () => {
    const firm = rowWhere('firms', 'name', '上海中海物业管理有限公司');
    const first = await firstResultFor('中海物业');
    expect(first.href).toBe(`/firm/${firm.id}/`);
    expect(first.title).toContain('上海中海物业管理有限公司');
  });

  it.each(['沈莞愫', '宓文标'])('a person honoured in the articles: %s → a page about them', async (name) => {
    const honours = readTable('honours').filter((h) => h.person_name === name);
    expect(honours.length, `data/honours.csv names ${name}`).toBeGreaterThan(0);
    // A person has no page of their own. The right pages are the compound they serve (it lists
    // them with post and honour), their honour title's page, and a case story told about them.
    const about = new Set<string>();
    for (const h of honours) {
      if (h.compound_id) about.add(`/compound/${h.compound_id}/`);
      about.add(titlePath(h.title!));
    }
    for (const id of caseStoriesNaming(name)) about.add(`/cases/${id}/`);
    const first = await firstResultFor(name);
    // A names-index hit opens the compound at the section naming them (#committee, #honours).
    expect([...about]).toContain(first.href.replace(/#.*$/, ''));
    // ...and that page shows who they are: their name and their honour.
    const shown = await context.newPage();
    await shown.goto(`${server.origin}${encodeURI(first.href)}`);
    const text = await shown.locator('main').innerText();
    await shown.close();
    expect(text).toContain(name);
    expect(honours.some((h) => text.includes(h.title!))).toBe(true);
  });

  it('an honour title with a year: 最美业主 2023 → the 最美业主 page', async () => {
    const first = await firstResultFor('最美业主 2023');
    expect(first.href).toBe(titlePath('最美业主'));
    expect(first.excerptHtml).toMatch(/<mark>最美<\/mark>|<mark>最美业主<\/mark>/);
  });

  it('a street name: 打浦桥 → 打浦桥街道', async () => {
    const street = rowWhere('streets', 'name', '打浦桥街道');
    const first = await firstResultFor('打浦桥');
    expect(first.href).toBe(`/street/${street.id}/`);
  });
});

describe('what residents and journalists type', () => {
  it('a notice by words of its title: 挂牌督办 → the notice titled with it, first', async () => {
    const first = await firstResultFor('挂牌督办');
    expect(first.href).toBe(contentPage('notices', '挂牌督办'));
    expect(first.titleHtml).toContain('<mark>挂牌督办</mark>');
    // The same page leads the full text, whose excerpt marks the words.
    await openSearch(page, server.origin, { q: '挂牌督办', all: '1' });
    const [full] = await results(page);
    expect(full?.href).toBe(first.href);
    expect(full?.excerptHtml).toContain('<mark>挂牌督办</mark>');
  });

  it('后进小区 finds the 后进小区 notice among the first three', async () => {
    await openSearch(page, server.origin, { q: '后进小区' });
    const top = (await results(page)).slice(0, 3).map((r) => r.href);
    expect(top).toContain(contentPage('notices', '后进小区'));
  });

  it.each(['红色示范业委会', '红色议事先锋', '最美物业人', '红色物业'])(
    'an honour by its name: %s → its own page first (exact title first)',
    async (title) => {
      expect(readTable('honours').some((h) => h.title === title)).toBe(true);
      const first = await firstResultFor(title);
      expect(first.href).toBe(titlePath(title));
    },
  );

  // [query, expected first result]: names as people say them, and topics as reporters ask them.
  const cases: [string, () => string][] = [
    ['永理置业', () => firmNamed('上海永理置业管理有限公司')],
    ['复欣物业', () => firmNamed('上海复欣物业管理发展有限公司')],
    ['上海复欣物业管理发展有限公司', () => firmNamed('上海复欣物业管理发展有限公司')],
    ['金玉兰', () => firmNamed('上海金玉兰物业管理有限公司')],
    ['殷行物业', () => firmNamed('殷行物业管理有限公司')],
    ['乐道物业', () => firmNamed('乐道物业')],
    ['尚物博', () => firmNamed('尚物博(上海)物业公司')],
    ['大同花园', () => compoundNamed('大同花园')],
    ['开鲁路286弄', () => compoundNamed('开鲁路286弄')],
    ['昌里花园', () => compoundNamed('昌里花园')],
    ['真光四小区', () => compoundNamed('真光四小区')],
    ['殷行街道', () => streetNamed('殷行街道')],
    ['周家渡', () => streetNamed('周家渡街道')],
    ['甘泉路街道', () => streetNamed('甘泉路街道')],
    ['普陀区', () => districtNamed('普陀区')],
    ['杨浦区', () => districtNamed('杨浦区')],
    ['物业费调整', () => contentPage('notices', '物业费调整')],
    ['公共收益', () => contentPage('notices', '公共收益收支公示')],
    ['选举结果', () => contentPage('notices', '选举结果')],
    ['换届审计', () => contentPage('audits', '换届审计')],
    ['议价会议', () => contentPage('cases', '议价会议')],
    ['电梯焕新', () => contentPage('cases', '电梯焕新')],
    ['片区大物业', () => contentPage('cases', '片区大物业')],
    ['协调会', () => contentPage('cases', '协调会')],
    ['雨污分流', () => contentPage('policies', '雨污分流')],
    ['达标考核', () => contentPage('policies', '达标考核')],
  ];
  it.each(cases)('%s → the right page first', async (q, expected) => {
    const first = await firstResultFor(q);
    expect(first.href).toBe(decodeURI(expected()));
  });

  it('维修资金 电梯: a notice on spending the fund on lifts comes first', async () => {
    const first = await firstResultFor('维修资金 电梯');
    expect(first.href).toMatch(/^\/notices\//);
    expect(first.title).toContain('维修资金');
    expect(first.title).toContain('电梯');
  });

  it('业委会主任 周德民 → his compound first among the compound pages', async () => {
    await openSearch(page, server.origin, { q: '业委会主任 周德民' });
    const [first] = await compoundResults(page);
    expect(first?.href).toBe(decodeURI(compoundNamed('北蒙三小区')));
  });

  it("a spending line of a compound's fund ledger finds the compound (喷淋: in no notice, name or policy)", async () => {
    await openSearch(page, server.origin, { q: '喷淋' });
    expect(await results(page)).toEqual([]);
    const [first] = await compoundResults(page);
    expect(first?.href).toBe(decodeURI(compoundHref('demo-yinxing-xincun')));
    expect(await page.locator('[data-search-compounds-title]').textContent()).toMatch(/^小区页面/);
    expect(await announcedCount(page)).toBeGreaterThan(0);
    // Every word must be on a page of the group that lists it: the other pages hold 物业 but not 喷淋.
    await openSearch(page, server.origin, { q: '喷淋 物业', all: '1' });
    expect(await results(page)).toEqual([]);
    expect((await compoundResults(page)).map((r) => r.href)).toContain(decodeURI(compoundHref('demo-yinxing-xincun')));
  });

  // The index must hold the words the query is cut into (han-words.ts). Pagefind's own Chinese
  // segmenter cut 高志明 into 高/志/明, so the query's 志明 started no indexed word: the name typed in
  // quotes found nothing (unquoted, Pagefind fell back to 高 alone), nor did a credit code.
  it('a committee member’s name and a credit code typed into full text find the pages that hold them', async () => {
    const member = rowWhere('committee_members', 'name', '高志明');
    const compound = decodeURI(compoundHref(rowWhere('committees', 'id', member.committee_id!).compound_id!));
    for (const q of [member.name!, `“${member.name!}”`]) {
      await openSearch(page, server.origin, { q, all: '1' });
      const hit = (await compoundResults(page)).find((r) => r.href === compound);
      expect(hit?.excerptHtml ?? 'not found', `${q} on ${compound}`).toContain(`<mark>${member.name}</mark>`);
    }

    const firm = rowWhere('firms', 'credit_code', '91999901MA1AJ2009A');
    await openSearch(page, server.origin, { q: firm.credit_code!, all: '1' });
    const hit = (await results(page)).find((r) => r.href === firmHref(firm.id!));
    expect(hit?.excerptHtml ?? 'not found', `${firm.credit_code} on ${firm.id}`).toContain(
      `<mark>${firm.credit_code}</mark>`,
    );

    // The names index finds the same person, at the committee, before Pagefind is loaded.
    await openSearch(page, server.origin, { q: member.name! });
    expect((await results(page))[0]?.href).toBe(`${compound}#committee`);
  });

  it('full text draws the other pages first, then the compound pages as a group of their own', async () => {
    const site = await siteContext(browser, server.origin);
    const fresh = await site.context.newPage();
    const pageErrors = watchErrors(fresh);
    // The compound pages' bundle is held until the first answer has been looked at; each of its
    // requests notes how many results were on screen when it was made.
    const onScreenWhenAsked: number[] = [];
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    await fresh.route(
      (url) => url.pathname.startsWith(compoundsPagefindHref),
      async (route) => {
        onScreenWhenAsked.push(
          await fresh.evaluate(() => document.querySelectorAll('[data-search-results] > li').length),
        );
        await released;
        await route.continue();
      },
    );
    const query = `?${new URLSearchParams({ q: '维修资金 电梯', all: '1' })}`;
    await fresh.goto(`${server.origin}/search/${query}`);
    await fresh.waitForFunction(() => document.querySelectorAll('[data-search-results] > li').length > 0);
    const first = await results(fresh);
    expect(first[0]?.href).toMatch(/^\/notices\//);
    expect(await fresh.locator('[data-search-status]').textContent()).toContain('正在查找小区页面');
    release();
    await waitForSearch(fresh, query);
    expect(onScreenWhenAsked.length).toBeGreaterThan(0);
    for (const n of onScreenWhenAsked) expect(n).toBeGreaterThan(0);
    // The first results stayed as they were; the compound pages came below them.
    expect(await results(fresh)).toEqual(first);
    const compounds = await compoundResults(fresh);
    expect(compounds.length).toBeGreaterThan(0);
    for (const r of compounds) expect(r.href).toMatch(/^\/compound\/[^/]+\/$/);
    for (const r of first) expect(r.href).not.toMatch(/^\/compound\/[^/]+\/$/);
    expect(await announcedCount(fresh)).toBe((await allResults(fresh)).length);
    expect(pageErrors).toEqual([]);
    expect(site.requests.foreign()).toEqual([]);
    await site.context.close();
  });

  it('a phrase in quotes (as a Chinese keyboard types them) lists only pages holding the phrase', async () => {
    await openSearch(page, server.origin, { q: '业委会换届' });
    const loose = (await results(page)).map((r) => r.href);
    await openSearch(page, server.origin, { q: '“业委会换届”' });
    const phrase = await results(page);
    expect(phrase.length).toBeGreaterThan(0);
    expect(phrase.length).toBeLessThan(loose.length);
    const shown = await context.newPage();
    for (const r of phrase) {
      await shown.goto(`${server.origin}${encodeURI(r.href)}`);
      expect((await shown.locator('main').innerText()).replace(/\s+/g, ''), r.href).toContain('业委会换届');
      expect(r.excerptHtml).toContain('<mark>业委会换届</mark>');
    }
    // ...and the loose search did find pages with the words apart, which the phrase left out.
    const dropped = loose.filter((href) => !phrase.some((r) => r.href === href));
    await shown.goto(`${server.origin}${encodeURI(dropped[0]!)}`);
    expect((await shown.locator('main').innerText()).replace(/\s+/g, '')).not.toContain('业委会换届');
    await shown.close();
  });

  it.each<Record<string, string>>([{}, { all: '1' }])(
    'highlights only the words asked for: 后进 never marks 后 alone or the 进 of 进行 (%o)',
    async (scope) => {
      await openSearch(page, server.origin, { q: '后进', ...scope });
      const found = await results(page);
      expect(found.length).toBeGreaterThan(0);
      const marks = found.flatMap((r) =>
        [...`${r.titleHtml}${r.excerptHtml}`.matchAll(/<mark>([^<]*)<\/mark>/g)].map((m) => m[1]),
      );
      expect(marks.length).toBeGreaterThan(0);
      expect(new Set(marks)).toEqual(new Set(['后进']));
    },
  );

  it("titles and excerpts read as written, without the index's word breaks", async () => {
    const first = await firstResultFor('挂牌督办');
    expect(first.title).not.toMatch(/\p{Script=Han} \p{Script=Han}/u);
    expect(first.excerptHtml.replace(/<\/?mark>/g, '')).not.toMatch(/\p{Script=Han} \p{Script=Han}/u);
  });
});

describe('filters and the URL', () => {
  it('filters narrow the results, and every result shown matches them', async () => {
    await openSearch(page, server.origin, { q: '物业', all: '1' });
    const all = await announcedCount(page);
    await openSearch(page, server.origin, { q: '物业', kind: '小区' });
    const compounds = await announcedCount(page);
    expect(compounds).toBeGreaterThan(0);
    expect(compounds).toBeLessThan(all);
    expect(await shownResults(page)).not.toEqual([]);
    for (const r of await shownResults(page)) expect(r.meta.startsWith('小区')).toBe(true);

    await openSearch(page, server.origin, { q: '物业', kind: '小区', district: '黄浦区' });
    const huangpu = await announcedCount(page);
    expect(huangpu).toBeGreaterThan(0);
    expect(huangpu).toBeLessThan(compounds);
    for (const r of await shownResults(page)) expect(r.meta).toMatch(/^小区 · 黄浦区/);
  });

  it('filters alone list pages: every 2023 honour page', async () => {
    await openSearch(page, server.origin, { kind: '荣誉', year: '2023' });
    const found = await results(page);
    expect(found.map((r) => r.href)).toContain(titlePath('最美业主'));
    for (const r of found) expect(r.meta.startsWith('荣誉')).toBe(true);
  });

  it('typing and choosing a filter update the address, which reopens the same search', async () => {
    await openSearch(page, server.origin, {});
    await page.fill('#search-q', '打浦桥');
    const typed = `?q=${encodeURIComponent('打浦桥')}`;
    await waitForSearch(page, typed);
    expect(new URL(page.url()).search).toBe(typed);

    // The controls are built when the reader opens them: a plain query loads no filter index.
    expect(await page.locator('#search-filter-kind').count()).toBe(0);
    await page.click('[data-search-controls-box] > summary');
    await page.selectOption('#search-filter-kind', '小区');
    const filtered = `${typed}&kind=${encodeURIComponent('小区')}`;
    await waitForSearch(page, filtered);
    expect(new URL(page.url()).search).toBe(filtered);
    const shown = await shownResults(page);
    expect(shown.length).toBeGreaterThan(0);
    for (const r of shown) expect(r.meta.startsWith('小区')).toBe(true);

    await page.reload();
    await waitForSearch(page, filtered);
    expect(await page.inputValue('#search-q')).toBe('打浦桥');
    expect(await page.inputValue('#search-filter-kind')).toBe('小区');
    expect((await shownResults(page)).map((r) => r.href)).toEqual(shown.map((r) => r.href));
  });

  it('shows ten results at a time, with a button for the next ten only when there are more', async () => {
    await openSearch(page, server.origin, { q: '物业', all: '1' });
    const total = await announcedCount(page);
    expect(total).toBeGreaterThan(20);
    expect(await results(page)).toHaveLength(10);
    const more = page.locator('[data-search-more]');
    expect(await more.isVisible()).toBe(true);
    await more.click();
    await page.waitForFunction(() => document.querySelectorAll('[data-search-results] > li').length === 20);
    const shown = (await results(page)).map((r) => r.href);
    expect(new Set(shown).size).toBe(20);

    await openSearch(page, server.origin, { q: '海丽', kind: '小区' });
    const few = await announcedCount(page);
    expect(few).toBeGreaterThan(0);
    expect(few).toBeLessThanOrEqual(10);
    expect(await more.isVisible()).toBe(false);
  });

  it('sorting by score lists only scored pages, in the URL too', async () => {
    await openSearch(page, server.origin, { kind: '物业企业', sort: 'score' });
    expect(new URL(page.url()).searchParams.get('sort')).toBe('score');
    expect(await page.inputValue('#search-sort')).toBe('score');
    const scored = await announcedCount(page);
    await openSearch(page, server.origin, { kind: '物业企业' });
    expect(scored).toBeLessThanOrEqual(await announcedCount(page));
  });
});

describe('names first, full text when asked or when no name holds the query', () => {
  it('a name is answered by the names index alone; the full-text button then loads Pagefind', async () => {
    const s = await fetchedFor({ q: '中海物业' });
    const [first] = await results(s.page);
    expect(first?.href).toBe(firmNamed('上海中海物业管理有限公司'));
    expect(first?.meta.startsWith('物业企业')).toBe(true);
    expect(await s.bytesUnder('/search/names/')).toBeGreaterThan(0);
    expect(await s.bytesUnder('/pagefind/')).toBe(0);
    expect(await s.bytesUnder(compoundsPagefindHref)).toBe(0);
    const fullText = s.page.locator('[data-search-fulltext]');
    expect(await fullText.textContent()).toContain('中海物业');

    await fullText.click();
    const all = `?q=${encodeURIComponent('中海物业')}&all=1`;
    await waitForSearch(s.page, all);
    expect(new URL(s.page.url()).search).toBe(all);
    expect(await fullText.isVisible()).toBe(false);
    expect((await s.fetched()).map((f) => f.path)).toContain(`${pagefindHref}pagefind-worker.js`);
    // Full text finds the firm too, and more pages than its name alone.
    const full = await results(s.page);
    expect(full.map((r) => r.href)).toContain(first?.href);
    expect(await announcedCount(s.page)).toBeGreaterThan(1);
    await s.done();
  });

  it('a committee member is found in the names index, without any request to Pagefind', async () => {
    const member = rowWhere('committee_members', 'name', '沈莞愫');
    const term = rowWhere('committees', 'id', member.committee_id!);
    const compound = rowWhere('compounds', 'id', term.compound_id!);
    const street = rowWhere('streets', 'id', compound.street_id!);
    const s = await fetchedFor({ q: '沈莞愫' });
    const found = await results(s.page);
    expect(found[0]?.href).toBe(`${compoundHref(compound.id!)}#committee`);
    expect(found[0]?.titleHtml).toBe('<mark>沈莞愫</mark>');
    const district = rowWhere('districts', 'id', compound.district_id!);
    expect(found[0]?.meta).toBe(`${term.kind}${member.role} · ${compound.name} · ${district.name} · ${street.name}`);
    expect(await s.bytesUnder('/search/names/')).toBeGreaterThan(0);
    expect((await s.fetched()).filter((f) => f.path.startsWith('/pagefind/'))).toEqual([]);
    expect(await s.page.locator('[data-search-status]').textContent()).toContain('人名含“沈莞愫”');
    // The hit opens the compound page at its committee, which shows the name.
    await s.page.locator('[data-search-results] > li a').first().click();
    await s.page.waitForURL(/#committee$/);
    expect(await s.page.locator('#committee').innerText()).toContain('沈莞愫');
    await s.done();
  });

  it('a person honoured by a firm is found on the firm’s page, with the honour and post', async () => {
    const honour = readTable('honours').find((h) => h.person_name === '张浩')!;
    const firm = rowWhere('firms', 'id', honour.firm_id!);
    const s = await fetchedFor({ q: '张浩' });
    const found = await results(s.page);
    const hit = found.find((r) => r.href === `${firmHref(firm.id!)}#honours-h`);
    expect(hit?.meta).toContain(`${honour.year}年“${honour.title}”,${honour.person_post}`);
    expect(hit?.meta).toContain(firm.name);
    expect((await s.fetched()).filter((f) => f.path.startsWith('/pagefind/'))).toEqual([]);
    await s.done();
  });

  it('words that no name and no person holds are answered by full text at once', async () => {
    const s = await fetchedFor({ q: FULLTEXT_ONLY });
    expect(await s.bytesUnder('/search/names/')).toBeGreaterThan(0);
    expect(await s.bytesUnder('/pagefind/')).toBeGreaterThan(0);
    expect(await announcedCount(s.page)).toBeGreaterThan(0);
    expect(await s.page.locator('[data-search-fulltext]').isVisible()).toBe(false);
    await s.done();
  });

  it('a single character goes straight to full text: the names index cannot narrow it', async () => {
    const s = await fetchedFor({ q: '梯' });
    expect(await s.bytesUnder('/search/names/')).toBe(0);
    expect(await announcedCount(s.page)).toBeGreaterThan(0);
    await s.done();
  });

  it('nothing found in names or full text: says so, with a way forward', async () => {
    const s = await fetchedFor({ q: '鳄鱼潜水艇' });
    expect(await results(s.page)).toEqual([]);
    expect(await s.page.locator('[data-search-status]').textContent()).toContain('没有找到与“鳄鱼潜水艇”相关的页面');
    expect(await s.bytesUnder('/search/names/')).toBeGreaterThan(0);
    expect(await s.bytesUnder('/pagefind/')).toBeGreaterThan(0);
    await s.done();
  });

  // A golden file: every result of each query in order, first recorded from the search page
  // before the names index existed (commit 973f678), so full text answers exactly as it did.
  // Page content changes move Pagefind's ranking: after a deliberate one, re-record with
  // GONGSHI_UPDATE_GOLDEN=1 and read the diff.
  const before = JSON.parse(readFileSync(FULLTEXT_GOLDEN, 'utf8')) as Record<string, string[]>;
  const recorded: Record<string, string[]> = {};
  it.each(Object.keys(before))('full text for %s lists the same pages in the same order as before', async (q) => {
    await openSearch(page, server.origin, { q, all: '1' });
    const hrefs = (await allResults(page)).map((r) => r.href);
    if (UPDATE_GOLDEN) recorded[q] = hrefs;
    else expect(hrefs).toEqual(before[q]);
  });
  afterAll(() => {
    if (UPDATE_GOLDEN) writeFileSync(FULLTEXT_GOLDEN, JSON.stringify(recorded, null, 1) + '\n');
  });
});

describe('cost and hygiene', () => {
  it.each([
    ['a name, from the names index', '中海物业'],
    ['a person, from the names index', '沈莞愫'],
    ['words no name holds, from full text', FULLTEXT_ONLY],
  ])('the first query fetches less than 300 KB of search files: %s', async (_, q) => {
    const s = await fetchedFor({ q });
    const bytes = (await s.bytesUnder('/pagefind/')) + (await s.bytesUnder('/search/names/'));
    const compounds = await s.bytesUnder(compoundsPagefindHref);
    console.log(
      `first search (${q}): ${(bytes / 1024).toFixed(1)} KB of search index files, then ${(compounds / 1024).toFixed(1)} KB of the compound pages' bundle`,
    );
    // Only full text loads the compound pages' bundle, after its first answer.
    if (q === FULLTEXT_ONLY) expect(compounds).toBeGreaterThan(0);
    else expect(compounds).toBe(0);
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThan(300 * 1024);
    // Filter chunks load only when the reader opens the filters (search-client.ts).
    expect((await s.fetched()).filter((f) => /^\/(search\/compounds\/)?pagefind\/filter\//.test(f.path))).toEqual([]);
    await s.done();
  });

  it("full text talks to each bundle's Pagefind worker itself: Pagefind's wrapper script is never fetched", async () => {
    const s = await fetchedFor({ q: FULLTEXT_ONLY });
    expect((await results(s.page)).length).toBeGreaterThan(0);
    expect((await compoundResults(s.page)).length).toBeGreaterThan(0);
    const paths = (await s.fetched()).map((f) => f.path);
    for (const bundle of [pagefindHref, compoundsPagefindHref]) {
      expect(paths).toContain(`${bundle}pagefind-worker.js`);
      expect(paths).not.toContain(`${bundle}pagefind.js`);
    }
    await s.done();
  });

  it("without a worker (refused), full text answers the same through Pagefind's own script", async () => {
    await openSearch(page, server.origin, { q: FULLTEXT_ONLY, all: '1' });
    const withWorker = await allResults(page);
    const site = await siteContext(browser, server.origin);
    await site.context.route(/\/pagefind-worker\.js$/, (route) => route.abort('blockedbyclient'));
    const fresh = await site.context.newPage();
    const pageErrors = watchErrors(fresh);
    const fetched: string[] = [];
    fresh.on('requestfinished', (request) => fetched.push(new URL(request.url()).pathname));
    await openSearch(fresh, server.origin, { q: FULLTEXT_ONLY, all: '1' });
    expect(withWorker.length).toBeGreaterThan(0);
    expect(await allResults(fresh)).toEqual(withWorker);
    expect(fetched).toContain(`${pagefindHref}pagefind.js`);
    // The refused worker's load is the only error.
    expect(pageErrors.filter((e) => !e.includes('ERR_BLOCKED_BY_CLIENT'))).toEqual([]);
    await site.context.close();
  });

  it('no request left the site and no script failed', () => {
    expect(requests.urls.length).toBeGreaterThan(0);
    expect(requests.foreign()).toEqual([]);
    expect(errors).toEqual([]);
  });
});
