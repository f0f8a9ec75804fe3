/**
 * Issue 14's navigation and journalists' pages on the built site: the index pages, the
 * Chinese 404, the home page's real-before-demo order, the fund and fee lists with their
 * CSVs (values recomputed here from the rows, not through src/lib/views), the "已更正" marks,
 * source links and the share-card meta on every page. Reads the built site (npm test builds
 * it; GONGSHI_BUILD_DIST points at a build elsewhere).
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkDataset } from '../../src/lib/validate/index.ts';
import type { Dataset } from '../../src/lib/dataset/types.ts';
import type { Row } from '../../src/lib/schema/tables.ts';
import {
  compoundHref,
  compoundsOfDistrictHref,
  correctionHref,
  feeComparisonCsvHref,
  feeComparisonHref,
  firmHref,
  firmsOfDistrictHref,
  fundWarningCsvHref,
  fundWarningHref,
  noticeHref,
  noticesOfDistrictHref,
  rankingsHref,
} from '../../src/lib/views/urls.ts';
import { hrefs, readPage, section, text } from './html.ts';

const DIST = resolve(process.env.GONGSHI_BUILD_DIST ?? 'dist');
let data: Dataset;
function rows<T extends keyof Dataset['tables']>(name: T): Row<T>[] {
  return data.tables[name].rows.map((r) => r.data) as Row<T>[];
}
const isDemoSource = (id: string) => rows('sources').find((s) => s.id === id)?.kind === '演示数据';
const demoDistrict = (d: Row<'districts'>) => {
  const cs = rows('compounds').filter((c) => c.district_id === d.id);
  return isDemoSource(d.source_id) || (cs.length > 0 && cs.every((c) => c.demo));
};
const notices = () => data.content.filter((e) => e.collection === 'notices');
const noticeDemo = (n: ReturnType<typeof notices>[number]) => {
  const fm = n.data as { compound: string; source: string };
  return rows('compounds').find((c) => c.id === fm.compound)?.demo === true || isDemoSource(fm.source);
};

beforeAll(async () => {
  if (!existsSync(join(DIST, 'index.html')))
    throw new Error(`${DIST}/index.html is missing: build the site first (npm run build) or set GONGSHI_BUILD_DIST.`);
  data = await checkDataset({
    root: process.cwd(),
    dataDir: process.env.GONGSHI_DATA_DIR || undefined,
    contentDir: process.env.GONGSHI_CONTENT_DIR || undefined,
  });
  expect(data.issues).toEqual([]);
});

const main = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));
function readFile(urlPath: string): string {
  const file = join(DIST, urlPath);
  if (!existsSync(file)) throw new Error(`${urlPath} was not built`);
  return readFileSync(file, 'utf8');
}
function parseCsv(urlPath: string): Record<string, string>[] {
  const raw = readFile(urlPath);
  expect(raw.startsWith('\uFEFF'), `${urlPath} starts with a BOM`).toBe(true);
  expect(raw.replace(/\r\n/g, '').includes('\n'), `${urlPath} ends every line with CRLF`).toBe(false);
  const parsed = Papa.parse<Record<string, string>>(raw.slice(1), { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}
/** "1234.50" → 123450 by string surgery. */
function fen(yuan: string): number {
  const m = /^(-?)(\d+)\.(\d\d)$/.exec(yuan);
  if (!m) throw new Error(`bad amount ${yuan}`);
  const v = Number(m[2]) * 100 + Number(m[3]);
  return m[1] ? -v : v;
}
function htmlPages(dir = DIST): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'pagefind' && name !== '_astro' && name !== 'admin') out.push(...htmlPages(p));
    } else if (name.endsWith('.html')) out.push(p);
  }
  return out.sort();
}

describe('index pages', () => {
  it('/compound/ links every district with compounds, real before demo, and each district page lists its compounds by street', () => {
    const page = main(readPage(DIST, '/compound/'));
    const withCompounds = rows('districts').filter((d) => rows('compounds').some((c) => c.district_id === d.id));
    const links = hrefs(page).filter((h) => h.startsWith('/compound/district/') && !h.includes('#'));
    const isDemoLink = (h: string) => withCompounds.some((d) => demoDistrict(d) && h === compoundsOfDistrictHref(d.id));
    expect([...links].sort()).toEqual(withCompounds.map((d) => compoundsOfDistrictHref(d.id)).sort());
    const flags = links.map(isDemoLink);
    expect(flags, 'real districts come before demo ones').toEqual([...flags].sort((x, y) => Number(x) - Number(y)));
    for (const d of withCompounds) {
      const sub = main(readPage(DIST, compoundsOfDistrictHref(d.id)));
      const listed = hrefs(sub).filter((h) => /^\/compound\/[^/]+\/$/.test(h));
      expect(listed.sort()).toEqual(
        rows('compounds')
          .filter((c) => c.district_id === d.id)
          .map((c) => compoundHref(c.id))
          .sort(),
      );
      // The jump list points at the street groups on the page.
      const jump = /<nav class="toc"[\s\S]*?<\/nav>/.exec(sub)![0];
      expect(hrefs(jump).length).toBeGreaterThan(0);
      for (const h of hrefs(jump)) expect(sub).toContain(`id="${h.slice(1)}"`);
    }
    const demoBlock = page.slice(page.lastIndexOf('<section', page.indexOf('class="demo-block"')));
    expect(page.indexOf('class="demo-block"')).toBeGreaterThan(0);
    expect(text(demoBlock)).toContain('演示数据(虚构)');
    for (const d of rows('districts').filter(demoDistrict)) expect(demoBlock).toContain(compoundsOfDistrictHref(d.id));
  });

  it('/firm/ places every firm: on a district page or in the list of firms placed nowhere', () => {
    const top = main(readPage(DIST, '/firm/'));
    const districtPages = hrefs(top).filter((h) => h.startsWith('/firm/district/') && !h.includes('#'));
    expect(districtPages.length).toBeGreaterThan(0);
    const linked = new Set(hrefs(top).filter((h) => /^\/firm\/[^/]+\/$/.test(h) && h !== '/firm/district/'));
    for (const p of districtPages) {
      expect(p).toBe(firmsOfDistrictHref(p.split('/')[3]!));
      for (const h of hrefs(main(readPage(DIST, p)))) if (/^\/firm\/[^/]+\/$/.test(h)) linked.add(h);
    }
    expect([...linked].sort()).toEqual(
      rows('firms')
        .map((f) => firmHref(f.id))
        .sort(),
    );
    // A firm managing a compound now is listed on that compound's district page.
    for (const c of rows('contracts').filter(
      (k) => (!k.start || k.start <= data.meta.as_of) && (!k.end || k.end >= data.meta.as_of),
    )) {
      const d = rows('compounds').find((x) => x.id === c.compound_id)!.district_id;
      expect(hrefs(readPage(DIST, firmsOfDistrictHref(d)))).toContain(firmHref(c.firm_id));
    }
  });

  it('/notices/ reaches every notice through its district page, real notices before demo ones', () => {
    const top = main(readPage(DIST, '/notices/'));
    const seen = new Set<string>();
    for (const p of hrefs(top).filter((h) => h.startsWith('/notices/district/') && !h.includes('#'))) {
      for (const h of hrefs(main(readPage(DIST, p)))) if (/^\/notices\/(?!district\/)[^/]+\/$/.test(h)) seen.add(h);
    }
    expect([...seen].sort()).toEqual(
      notices()
        .map((n) => noticeHref(n.id))
        .sort(),
    );
    for (const d of rows('districts')) {
      const has = notices().some(
        (n) => rows('compounds').find((c) => c.id === (n.data as { compound: string }).compound)?.district_id === d.id,
      );
      expect(existsSync(join(DIST, noticesOfDistrictHref(d.id), 'index.html'))).toBe(has);
    }
    const demo = notices().filter(noticeDemo);
    if (demo.length > 0) {
      const block = top.slice(top.lastIndexOf('class="demo-block"'));
      expect(hrefs(block)).toContain(
        noticeHref(
          demo.sort((a, b) => ((a.data as { date: string }).date < (b.data as { date: string }).date ? 1 : -1))[0]!.id,
        ),
      );
    }
  });

  it('the header links the three index pages on every page', () => {
    for (const path of ['/', '/search/', '/data/']) {
      const header = readPage(DIST, path).match(/<header[\s\S]*?<\/header>/)![0];
      expect(hrefs(header)).toEqual(expect.arrayContaining(['/compound/', '/firm/', '/notices/']));
    }
    const footer = readPage(DIST, '/').match(/<footer[\s\S]*?<\/footer>/)![0];
    expect(hrefs(footer)).toEqual(expect.arrayContaining([fundWarningHref, feeComparisonHref]));
  });
});

describe('the 404 page', () => {
  const page = () => readFile('/404.html');

  it('is Chinese, in the site layout, with the main links', () => {
    const html = page();
    expect(html).toContain('<html lang="zh-CN">');
    expect(text(main(html))).toContain('找不到这个页面');
    expect(html).toContain('class="site-header"');
    expect(html).toContain('class="site-footer"');
    expect(hrefs(main(html))).toEqual(expect.arrayContaining(['/', '/compound/', '/firm/', '/notices/', '/data/']));
    expect(html).not.toMatch(/\b404: Not found\b|Page not found/i);
  });

  it('has a search form that is a plain GET to /search/ with a labelled query field', () => {
    const form = main(page()).match(/<form[^>]*>[\s\S]*?<\/form>/)![0];
    expect(form).toMatch(/action="\/search\/"/);
    expect(form).toMatch(/method="get"/);
    const id = /<input id="([^"]+)" name="q"/.exec(form)?.[1];
    expect(id).toBeTruthy();
    expect(form).toContain(`<label for="${id}">`);
  });
});

describe('home page', () => {
  const home = () => main(readPage(DIST, '/'));

  it('lists real districts first and demo districts only inside the labelled demo block, which comes last', () => {
    const html = home();
    const demoAt = html.indexOf('class="demo-block"');
    expect(demoAt).toBeGreaterThan(0);
    expect(html.slice(demoAt)).not.toContain('</section>\n<section');
    const block = html.slice(html.lastIndexOf('<section', demoAt));
    expect(text(block).startsWith('演示数据(虚构)')).toBe(true);
    const places = [...html.matchAll(/<details class="place"[\s\S]*?<\/details>/g)];
    const real = rows('districts').filter((d) => !demoDistrict(d));
    const firstPlace = places[0]!;
    expect(firstPlace.index).toBeLessThan(demoAt);
    expect(text(firstPlace[0])).toContain(real[0]!.name);
    for (const p of places) {
      const isDemoPlace = rows('districts')
        .filter(demoDistrict)
        .some((d) => text(p[0]).includes(d.name));
      expect(p.index! > demoAt, text(p[0]).slice(0, 30)).toBe(isDemoPlace);
    }
  });

  it('shows real notices first; demo notices only in the demo block', () => {
    const html = home();
    const demoAt = html.indexOf('class="demo-block"');
    const notice = section(html, 'aria-labelledby="notices-h"');
    for (const h of hrefs(notice).filter((x) => x.startsWith('/notices/') && x !== '/notices/')) {
      const n = notices().find((e) => noticeHref(e.id) === h)!;
      expect(noticeDemo(n), h).toBe(false);
    }
    for (const n of notices().filter(noticeDemo)) {
      const at = html.indexOf(`href="${noticeHref(n.id)}"`);
      if (at >= 0) expect(at).toBeGreaterThan(demoAt);
    }
  });

  it('a district without compound rows says what it has instead of "(0 个小区)"', () => {
    const html = home();
    expect(html).not.toContain('(0 个小区)</span>\n        </summary>');
    for (const d of rows('districts').filter((x) => !rows('compounds').some((c) => c.district_id === x.id))) {
      const place = [...html.matchAll(/<details class="place"[\s\S]*?<\/details>/g)].find((m) =>
        text(m[0]).includes(d.name),
      )!;
      const summary = text(place[0].match(/<summary>[\s\S]*?<\/summary>/)![0]);
      expect(summary).not.toContain('0 个小区');
      const figures = rows('figures').filter((f) => f.district_id === d.id).length;
      if (figures > 0) expect(summary).toContain(`${figures} 项公布的数字`);
    }
  });
});

describe('compounds whose maintenance fund is below the warning line', () => {
  /** Recomputed from the ledger rows: first deposit net of its reversals, balance after the last row. */
  function fundOf(compoundId: string) {
    const entries = rows('fund_ledger').filter((e) => e.compound_id === compoundId);
    const byId = new Map(entries.map((e) => [e.id, e]));
    let balance = 0;
    let first = 0;
    for (const e of entries) {
      const signed = e.direction === '收入' ? e.amount : -e.amount;
      balance += signed;
      if (
        e.category === '首期归集' ||
        (e.category === '冲正' && e.reverses && byId.get(e.reverses)?.category === '首期归集')
      )
        first += signed;
    }
    return { balance, first, entries: entries.length };
  }

  it('the CSV lists exactly the compounds below 30% of their first deposit, with balance, first deposit and ratio', () => {
    const csv = parseCsv(fundWarningCsvHref);
    const expected = rows('compounds')
      .map((c) => ({ c, ...fundOf(c.id) }))
      .filter((x) => x.entries > 0 && x.first > 0 && x.balance * 10 < x.first * 3);
    expect(csv.map((r) => r['小区编号']).sort()).toEqual(expected.map((x) => x.c.id).sort());
    for (const r of csv) {
      const x = expected.find((e) => e.c.id === r['小区编号'])!;
      expect(fen(r['维修资金余额(元)']!)).toBe(x.balance);
      expect(fen(r['首期归集(元)']!)).toBe(x.first);
      expect(fen(r['警戒线(首期归集的30%,元)']!)).toBe(Math.ceil((x.first * 3) / 10));
      expect(Number(r['余额占首期归集']!.replace('%', ''))).toBeCloseTo((x.balance / x.first) * 100, 2);
      expect(r['演示数据']).toBe(x.c.demo ? '是' : '否');
    }
    // Real first, then demo; each part by ratio, lowest first.
    const demoFlags = csv.map((r) => r['演示数据']);
    expect(demoFlags).toEqual([...demoFlags].sort((a, b) => (a === b ? 0 : a === '否' ? -1 : 1)));
    for (const part of ['否', '是']) {
      const ratios = csv
        .filter((r) => r['演示数据'] === part)
        .map((r) => fen(r['维修资金余额(元)']!) / fen(r['首期归集(元)']!));
      expect(ratios).toEqual([...ratios].sort((a, b) => a - b));
    }
  });

  it('the page shows the same compounds, links its CSV, and keeps demo rows in the demo block', () => {
    const page = main(readPage(DIST, fundWarningHref));
    expect(hrefs(page)).toContain(fundWarningCsvHref);
    const csv = parseCsv(fundWarningCsvHref);
    const shown = [...page.matchAll(/<tr data-compound="([^"]+)"/g)].map((m) => m[1]);
    expect(shown).toEqual(csv.map((r) => r['小区编号']));
    const demoAt = page.indexOf('class="demo-block"');
    for (const r of csv) {
      const at = page.indexOf(`<tr data-compound="${r['小区编号']}"`);
      expect(at > demoAt && demoAt > 0, r['小区编号']).toBe(r['演示数据'] === '是');
    }
  });
});

describe('fee comparison', () => {
  it('the CSV has every compound with a current residential rate or a collection figure, with its firm', () => {
    const csv = parseCsv(feeComparisonCsvHref);
    const asOf = data.meta.as_of;
    const current = new Map<string, Row<'fee_standards'>>();
    for (const s of rows('fee_standards')) {
      if (s.category !== '住宅' || s.unit !== '元/平方米/月' || s.effective_from > asOf) continue;
      const seen = current.get(s.compound_id);
      if (
        !seen ||
        s.effective_from > seen.effective_from ||
        (s.effective_from === seen.effective_from && s.id > seen.id)
      )
        current.set(s.compound_id, s);
    }
    const collected = new Set(rows('fee_collection').map((r) => r.compound_id));
    const expected = rows('compounds').filter((c) => current.has(c.id) || collected.has(c.id));
    expect(csv.map((r) => r['小区编号']).sort()).toEqual(expected.map((c) => c.id).sort());
    for (const r of csv) {
      const s = current.get(r['小区编号']!);
      expect(r['住宅物业费(元/平方米/月)']).toBe(s ? (s.rate / 100).toFixed(2) : '');
      const latest = rows('fee_collection')
        .filter((x) => x.compound_id === r['小区编号'])
        .sort((a, b) => b.year - a.year)[0];
      if (latest) {
        expect(fen(r['应收(元)']!)).toBe(latest.billed);
        expect(fen(r['实收(元)']!)).toBe(latest.collected);
        expect(Number(r['收缴率']!.replace('%', ''))).toBeCloseTo((latest.collected / latest.billed) * 100, 2);
      }
      const firm = r['物业企业编号'];
      if (firm) {
        const k = rows('contracts').find((c) => c.compound_id === r['小区编号'] && c.firm_id === firm)!;
        expect(k).toBeTruthy();
        expect(r['物业企业']).toBe(rows('firms').find((f) => f.id === firm)!.name);
      }
    }
  });

  it("the page compares by district and by firm, links the CSV and each district's full comparison", () => {
    const page = main(readPage(DIST, feeComparisonHref));
    expect(hrefs(page)).toContain(feeComparisonCsvHref);
    const csv = parseCsv(feeComparisonCsvHref);
    for (const d of new Set(csv.map((r) => r['区']))) expect(text(page)).toContain(d!);
    for (const id of new Set(csv.map((r) => r['物业企业编号']).filter(Boolean)))
      expect(hrefs(page)).toContain(firmHref(id!));
    const districtIds = new Set(csv.map((r) => rows('compounds').find((c) => c.id === r['小区编号'])!.district_id));
    for (const d of districtIds) expect(hrefs(page)).toContain(`${rankingsHref(d)}#fees-h`);
  });
});

describe('corrected values', () => {
  it('every "已更正" mark links to a correction entry that exists on /changes/ with its reason', () => {
    const changes = readPage(DIST, '/changes/');
    let marks = 0;
    for (const file of htmlPages()) {
      const html = readFileSync(file, 'utf8');
      for (const m of html.matchAll(/<a class="corrected" href="([^"]+)"[^>]*>\s*已更正\s*<\/a>/g)) {
        marks++;
        const id = /#corr-(.+)$/.exec(m[1]!)?.[1];
        const c = rows('corrections').find((x) => x.id === id);
        expect(c, `${relative(DIST, file)}: ${m[1]}`).toBeTruthy();
        const tr = new RegExp(`<tr id="corr-${id}">([\\s\\S]*?)</tr>`).exec(changes);
        expect(tr, `no entry for ${id} on /changes/`).toBeTruthy();
        expect(text(tr![1]!)).toContain(c!.reason);
      }
    }
    if (rows('corrections').length > 0) expect(marks).toBeGreaterThan(0);
  });

  it('a corrected evaluation is marked on its firm page and its rankings pages, next to the value', () => {
    for (const c of rows('corrections').filter((x) => x.table === 'evaluations')) {
      const e = rows('evaluations').find((x) => x.id === c.row_id)!;
      const pages = [
        ...(e.firm_id ? [firmHref(e.firm_id)] : []),
        ...(e.compound_id ? [compoundHref(e.compound_id)] : []),
        ...(e.district_id ? [rankingsHref(e.district_id)] : []),
      ];
      expect(pages.length).toBeGreaterThan(0);
      for (const p of pages) {
        const html = readPage(DIST, p);
        const mark = html.indexOf(`href="${correctionHref(c.id)}"`);
        expect(mark, `${p} marks ${c.id}`).toBeGreaterThan(0);
        // The mark sits in the cell of the corrected value.
        const cell = html.slice(html.lastIndexOf('<td', mark), mark);
        if (c.column === 'score' && c.new_value) expect(text(cell)).toContain(String(Number(c.new_value)));
      }
    }
  });
});

describe('sources and share cards', () => {
  it('every source list links the sources whose URL is known, and only those', () => {
    const byTitle = new Map(rows('sources').map((s) => [s.title, s]));
    for (const file of htmlPages()) {
      const html = readFileSync(file, 'utf8');
      for (const li of html.matchAll(/<li id="source-\d+">([\s\S]*?)<\/li>/g)) {
        const link = /<a href="([^"]+)"[^>]*data-source-url[^>]*>\s*([\s\S]*?)\s*<\/a>/.exec(li[1]!);
        const title = link ? text(link[2]!) : text(/<span>([\s\S]*?)<\/span>/.exec(li[1]!)?.[1] ?? '');
        const s = byTitle.get(title);
        expect(s, `${relative(DIST, file)}: source "${title}"`).toBeTruthy();
        expect(link?.[1]?.replace(/&amp;/g, '&'), `${relative(DIST, file)}: ${title}`).toBe(s!.url);
      }
    }
  });

  it("every page carries og:title, og:description, og:url and the site's own og:image", () => {
    const png = readFileSync(join(DIST, 'og-default.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);
    const pages = htmlPages();
    expect(pages.length).toBeGreaterThan(50);
    for (const file of pages) {
      const head = readFileSync(file, 'utf8').match(/<head>[\s\S]*?<\/head>/)![0];
      const meta = (p: string) => new RegExp(`<meta property="${p}" content="([^"]*)"`).exec(head)?.[1];
      const where = relative(DIST, file);
      expect(meta('og:title'), where).toBeTruthy();
      expect(meta('og:description'), where).toBeTruthy();
      const url = new URL(meta('og:url')!);
      const image = new URL(meta('og:image')!);
      expect(image.origin, where).toBe(url.origin);
      expect(image.pathname).toBe('/og-default.png');
      expect(meta('og:image:width')).toBe('1200');
      expect(meta('og:image:height')).toBe('630');
      // No address in the head leaves the site's own origin.
      for (const m of head.matchAll(/content="(https?:\/\/[^"]+)"/g))
        expect(new URL(m[1]!).origin, where).toBe(url.origin);
    }
  });
});
