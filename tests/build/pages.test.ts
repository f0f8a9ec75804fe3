/**
 * The directory pages built from the bundled data: firm, street, district, honours,
 * rankings, policies and cases. Reads the built site (npm test builds it before
 * vitest; GONGSHI_BUILD_DIST points at a build elsewhere) and derives what each page
 * must show from the data itself.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkDataset } from '../../src/lib/validate/index.ts';
import { type Dataset } from '../../src/lib/dataset/types.ts';
import type { Row } from '../../src/lib/schema/tables.ts';
import { honourTitleHref, tableLabelsHref } from '../../src/lib/views/urls.ts';
import { honourTitles } from '../../src/lib/views/directory/honours.ts';
import { formatDecimal } from '../../src/lib/views/format.ts';
import { citedSources, hrefs, listItems, readPage, section, sections, text } from './html.ts';

const DIST = resolve(process.env.GONGSHI_BUILD_DIST ?? 'dist');
let data: Dataset;
function rows<T extends keyof Dataset['tables']>(name: T): Row<T>[] {
  return data.tables[name].rows.map((r) => r.data) as Row<T>[];
}

beforeAll(async () => {
  if (!existsSync(join(DIST, 'index.html'))) {
    throw new Error(
      `${DIST}/index.html is missing: these tests read the built site. Build it first with ` +
        '`npm run build` (`npm test` does this), or set GONGSHI_BUILD_DIST to a build of the same data.',
    );
  }
  data = await checkDataset({
    root: process.cwd(),
    dataDir: process.env.GONGSHI_DATA_DIR || undefined,
    contentDir: process.env.GONGSHI_CONTENT_DIR || undefined,
  });
  expect(data.issues, 'the bundled data must be valid').toEqual([]);
});

/** Page folders built under dist/<folder>/ (each holding an index.html). */
function builtIds(folder: string): string[] {
  const dir = join(DIST, folder);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((id) => existsSync(join(dir, id, 'index.html')))
    .sort();
}

const sorted = (ids: string[]) => [...ids].sort();

describe('every directory page exists for every row', () => {
  it('one firm page per firms.csv row', () => {
    expect(builtIds('firm')).toEqual(sorted(rows('firms').map((r) => r.id)));
    expect(rows('firms').length).toBeGreaterThan(0);
  });

  it('one street page per streets.csv row and one district page per districts.csv row', () => {
    expect(builtIds('street')).toEqual(sorted(rows('streets').map((r) => r.id)));
    expect(builtIds('district')).toEqual(sorted(rows('districts').map((r) => r.id)));
  });

  it('one page per honour title, linked from /honours/', () => {
    const titles = honourTitles(rows('honours'));
    expect(builtIds('honours')).toEqual(sorted(titles.map((t) => t.segment)));
    const index = readPage(DIST, '/honours/');
    for (const t of titles) expect(hrefs(index)).toContain(honourTitleHref(t.title));
  });

  it('one page per policy and per case', () => {
    const ids = (c: string) => sorted(data.content.filter((e) => e.collection === c).map((e) => e.id));
    expect(builtIds('policies')).toEqual(ids('policies'));
    expect(builtIds('cases')).toEqual(ids('cases'));
  });

  it('a rankings page per district with evaluations, linked from /rankings/', () => {
    const links = hrefs(readPage(DIST, '/rankings/'));
    const ranked = rows('districts').filter((d) =>
      rows('evaluations').some(
        (e) =>
          e.district_id === d.id ||
          (e.street_id !== undefined && rows('streets').find((s) => s.id === e.street_id)?.district_id === d.id),
      ),
    );
    expect(ranked.length).toBeGreaterThan(0);
    for (const d of ranked) {
      expect(builtIds('rankings')).toContain(d.id);
      expect(links).toContain(`/rankings/${d.id}/`);
    }
  });

  it('the districts index links every district and street', () => {
    const links = hrefs(readPage(DIST, '/districts/'));
    for (const d of rows('districts')) expect(links).toContain(`/district/${d.id}/`);
    for (const s of rows('streets')) expect(links).toContain(`/street/${s.id}/`);
  });
});

describe('honours page', () => {
  it('lists the five 2023 打浦桥 最美业主 with links to their compound pages', () => {
    const html = readPage(DIST, '/honours/');
    const group = sections(html, 'data-honour-title="最美业主"').find((s) => s.includes('data-honour-year="2023"'));
    expect(group, '2023 最美业主 group on /honours/').toBeDefined();
    const items = listItems(group!);
    for (const name of ['沈莞愫', '刘元凯', '周德民', '姚建国', '陈孝辉']) {
      const item = items.find((li) => text(li).includes(name));
      expect(item, `${name} in the 2023 最美业主 list`).toBeDefined();
      const compoundLinks = hrefs(item!).filter((h) => h.startsWith('/compound/'));
      expect(compoundLinks, `${name} links to a compound page`).toHaveLength(1);
      readPage(DIST, compoundLinks[0]!); // the linked page was built
    }
    expect(text(group!)).toContain('打浦桥');
  });

  it('the per-title page lists every year of the title', () => {
    const years = [
      ...new Set(
        rows('honours')
          .filter((h) => h.title === '最美业主')
          .map((h) => h.year),
      ),
    ];
    const html = readPage(DIST, honourTitleHref('最美业主'));
    for (const y of years) expect(html).toContain(`data-honour-year="${y}"`);
  });
});

describe('firm page', () => {
  it('中海物业 shows its 红色示范物业 honour and 张浩 as 最美物业人', () => {
    const firm = rows('firms').find((f) => f.short_name === '中海物业' || f.name.includes('中海物业'));
    expect(firm, '中海物业 in firms.csv').toBeDefined();
    const honours = text(section(readPage(DIST, `/firm/${firm!.id}/`), 'aria-labelledby="honours-h"'));
    expect(honours).toContain('红色示范物业');
    expect(honours).toMatch(/最美物业人[^。]*张浩/);
  });

  it('lists current and past compounds with links, judged on as_of', () => {
    const asOf = data.meta.as_of;
    for (const firm of rows('firms')) {
      const html = section(readPage(DIST, `/firm/${firm.id}/`), 'aria-labelledby="compounds-h"');
      const links = hrefs(html);
      for (const c of rows('contracts').filter((x) => x.firm_id === firm.id)) {
        expect(links, `${firm.id} links ${c.compound_id}`).toContain(`/compound/${c.compound_id}/`);
      }
      const serving = rows('contracts').filter(
        (c) => c.firm_id === firm.id && (c.start ?? '') <= asOf && (c.end === undefined || c.end >= asOf),
      );
      if (serving.length === 0) expect(text(html)).toContain('数据中没有它正在服务的小区');
    }
  });
});

describe('street and district pages', () => {
  it('show the figures the articles reported, each with its source', () => {
    const streetsWithFigures = rows('streets').filter((s) => rows('figures').some((f) => f.street_id === s.id));
    expect(streetsWithFigures.length, 'figures.csv has street figures').toBeGreaterThan(0);
    for (const street of streetsWithFigures) {
      const html = readPage(DIST, `/street/${street.id}/`);
      const reported = section(html, 'aria-labelledby="reported-h"');
      const sources = section(html, 'aria-labelledby="sources-h"');
      for (const f of rows('figures').filter((x) => x.street_id === street.id)) {
        const row = reported.split('<tr').find((tr) => tr.startsWith(` data-figure="${f.id}"`));
        expect(row, `${street.id}: ${f.metric}`).toBeDefined();
        expect(text(row!)).toContain(f.metric);
        expect(text(row!)).toContain(`${formatDecimal(f.value)} ${f.unit}`);
        // The row's citation number leads to this source's entry in the page's 来源 list.
        const source = rows('sources').find((s) => s.id === f.source_id)!;
        const cited = citedSources(sources, row!);
        expect(cited.length, `${street.id}: ${f.metric} cites its source`).toBe(1);
        expect(cited[0]).toContain(source.title);
        expect(cited[0]).toContain(source.publisher);
      }
    }
  });

  it('say how many compounds the computed figures cover', () => {
    for (const street of rows('streets')) {
      const n = rows('compounds').filter((c) => c.street_id === street.id).length;
      const figures = text(section(readPage(DIST, `/street/${street.id}/`), 'aria-labelledby="figures-h"'));
      expect(figures).toContain(`收录的 ${n} 个小区`);
    }
  });

  it('list every compound of the area, linked', () => {
    for (const d of rows('districts')) {
      const links = hrefs(section(readPage(DIST, `/district/${d.id}/`), 'aria-labelledby="compounds-h"'));
      for (const c of rows('compounds').filter((x) => x.district_id === d.id)) {
        expect(links).toContain(`/compound/${c.id}/`);
      }
    }
  });
});

describe('rankings page', () => {
  it('shows the demo 末位淘汰 firm, marked as demo', () => {
    const removed = rows('evaluations').filter((e) => e.outcome === '末位淘汰' && e.firm_id !== undefined);
    const demoFirm = removed.map((e) => rows('firms').find((f) => f.id === e.firm_id)).find((f) => f?.demo === true);
    expect(demoFirm, 'evaluations.csv has a demo firm with outcome 末位淘汰').toBeDefined();
    const html = readPage(DIST, '/rankings/');
    const block = section(html, 'aria-labelledby="removed-h"');
    const row = block.split('<tr').find((tr) => tr.includes(`/firm/${demoFirm!.id}/`));
    expect(row, `${demoFirm!.id} in the 末位淘汰 table`).toBeDefined();
    expect(text(row!)).toContain('演示');
    expect(text(row!)).toContain('末位淘汰');
    expect(html).toContain('class="demo-notice"');
  });

  it('shows the ranking facts the articles reported, with sources', () => {
    const html = readPage(DIST, '/rankings/');
    const reported = section(html, 'aria-labelledby="reported-h"');
    const street = rows('streets').find((s) => s.name === '周家渡街道');
    expect(street, '周家渡街道 in streets.csv').toBeDefined();
    const zhoujiadu = rows('figures').filter(
      (f) => f.street_id === street!.id && /末位|淘汰|排名/.test(f.metric + (f.note ?? '')),
    );
    expect(zhoujiadu.length, '周家渡 ranking figures in figures.csv').toBeGreaterThan(0);
    for (const f of zhoujiadu) {
      const row = reported.split('<tr').find((tr) => tr.startsWith(` data-figure="${f.id}"`));
      expect(row, f.metric).toBeDefined();
      expect(text(row!)).toContain(f.metric);
      const source = rows('sources').find((s) => s.id === f.source_id)!;
      expect(citedSources(html, row!)).toEqual([expect.stringContaining(source.title)]);
    }
  });
});

describe('JavaScript', () => {
  /** Every built HTML page, as a path under dist/. */
  function htmlPages(dir = DIST, prefix = ''): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory()
        ? e.name === 'pagefind' || e.name === '_astro'
          ? []
          : htmlPages(join(dir, e.name), `${prefix}/${e.name}`)
        : e.name === 'index.html'
          ? [`${prefix}/`]
          : [],
    );
  }

  it('runs only on pages with a chart and on the search page (issue 6: the rest is plain HTML)', () => {
    const pages = htmlPages();
    expect(pages.length).toBeGreaterThan(50);
    const withScript = pages.filter((p) => /<script(?![^>]*type="application\/(?:ld\+)?json")/.test(readPage(DIST, p)));
    // /admin/ is the staff editor (Decap CMS), not a public page: tests/build/admin.test.ts.
    const allowed = (p: string) => p === '/search/' || p === '/admin/' || readPage(DIST, p).includes('<canvas');
    expect(withScript.filter((p) => !allowed(p))).toEqual([]);
    expect(withScript).toContain('/search/');
    expect(withScript.some((p) => p.startsWith('/compound/'))).toBe(true);
  });
});

describe('content security policy', () => {
  it("every page's policy lets in exactly its own inline scripts and styles, by hash", () => {
    const pages = readdirSync(DIST, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html'));
    let inline = 0;
    for (const file of pages) {
      const html = readFileSync(join(DIST, file), 'utf8');
      const policy = /<meta http-equiv="content-security-policy" content="([^"]*)"/.exec(html)?.[1];
      expect(policy, file).toBeDefined();
      const own = new Set<string>();
      for (const [, , attrs = '', body = ''] of html.matchAll(/<(script|style)\b([^>]*)>([\s\S]*?)<\/\1>/g)) {
        if (/\ssrc=/.test(attrs)) continue;
        own.add(`sha256-${createHash('sha256').update(body).digest('base64')}`);
      }
      inline += own.size;
      expect(new Set(policy!.match(/sha256-[A-Za-z0-9+/]+=*/g) ?? []), file).toEqual(own);
    }
    // The site has pages with inline styles, so the check above is not only of empty lists.
    expect(inline).toBeGreaterThan(0);
  });
});

describe('phone labels', () => {
  it('every page with a table named by /table-labels.css links that stylesheet', () => {
    const pages = readdirSync(DIST, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html'));
    const labelled = pages.filter((f) => /<table class="[^"]*\bcss-labels\b/.test(readFileSync(join(DIST, f), 'utf8')));
    // Compound, firm and rankings pages at least.
    expect(labelled.some((f) => f.startsWith('rankings/'))).toBe(true);
    expect(labelled.some((f) => f.startsWith('firm/'))).toBe(true);
    for (const file of labelled) {
      expect(readFileSync(join(DIST, file), 'utf8'), file).toContain(
        `<link rel="stylesheet" href="${tableLabelsHref}">`,
      );
    }
  });
});
