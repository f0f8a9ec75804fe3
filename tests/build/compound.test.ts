/**
 * Compound pages of the bundled site: a real compound (帝庭大厦, from seed 000) and
 * every demo compound with a maintenance-fund ledger. Reads the built site (npm test
 * builds it before vitest; GONGSHI_BUILD_DIST points at a build elsewhere). The
 * figures the page must show are recomputed here from the raw CSV, independently of
 * src/lib/views, so a wrong derivation cannot agree with itself.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatYuan } from '../../src/lib/views/format.ts';
import { honourTitleHref } from '../../src/lib/views/urls.ts';
import { hrefs, readPage, section, sections, text } from './html.ts';

const DIST = resolve(process.env.GONGSHI_BUILD_DIST ?? 'dist');
const DATA = resolve(process.env.GONGSHI_DATA_DIR || 'data');

type Csv = Record<string, string>[];
function csv(name: string): Csv {
  const raw = readFileSync(join(DATA, `${name}.csv`), 'utf8').replace(/^\uFEFF/, '');
  return Papa.parse<Record<string, string>>(raw, { header: true, skipEmptyLines: true }).data;
}

/** "1234.5" → 123450 by string surgery, never through a float. */
function fen(yuan: string): number {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(yuan);
  if (!m) throw new Error(`bad amount ${yuan}`);
  const v = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -v : v;
}

/** 要点 as section id → the line's text. */
function keyFacts(html: string): Map<string, string> {
  const block = section(html, 'id="key-facts"');
  return new Map(
    [...block.matchAll(/<li[^>]*data-key-fact="([^"]+)"[^>]*>([\s\S]*?)<\/li>/g)].map((m) => [m[1]!, text(m[2]!)]),
  );
}

let compounds: Csv;
let ledger: Csv;
let sources: Csv;
let honours: Csv;
let members: Csv;
let committees: Csv;
let allocations: Csv;
let meta: { as_of: string; standard_version: number; publisher: string; contact_email?: string };

beforeAll(() => {
  if (!existsSync(join(DIST, 'index.html'))) {
    throw new Error(
      `${DIST}/index.html is missing: these tests read the built site. Build it first with ` +
        '`npm run build` (`npm test` does this), or set GONGSHI_BUILD_DIST to a build of the same data.',
    );
  }
  compounds = csv('compounds');
  ledger = csv('fund_ledger');
  sources = csv('sources');
  honours = csv('honours');
  members = csv('committee_members');
  committees = csv('committees');
  allocations = csv('fund_allocations');
  meta = JSON.parse(readFileSync(join(DATA, 'dataset.json'), 'utf8').replace(/^\uFEFF/, '')) as typeof meta;
});

describe('compound pages', () => {
  it('exist for every row of compounds.csv and no other', () => {
    const built = readdirSync(join(DIST, 'compound'))
      .filter((id) => existsSync(join(DIST, 'compound', id, 'index.html')))
      .sort();
    expect(built).toEqual(compounds.map((c) => c.id).sort());
  });
});

describe('a real compound: 帝庭大厦', () => {
  let id: string;
  let html: string;
  beforeAll(() => {
    const row = compounds.find((c) => c.name === '帝庭大厦');
    expect(row, '帝庭大厦 must be in data/compounds.csv').toBeDefined();
    id = row!.id!;
    html = readPage(DIST, `/compound/${id}/`);
  });

  it('is a Chinese page with a meaningful title, description and canonical URL', () => {
    expect(html).toMatch(/<html lang="zh-CN"/);
    expect(html).toMatch(/<title>帝庭大厦[^<]*<\/title>/);
    expect(html).toMatch(/<meta name="description" content="[^"]*帝庭大厦[^"]*"/);
    expect(html).toMatch(new RegExp(`<link rel="canonical" href="https?://[^"]+/compound/${id}/"`));
  });

  it('shows its committee chair 沈莞愫 from committee_members.csv', () => {
    const terms = committees.filter((t) => t.compound_id === id).map((t) => t.id);
    const chair = members.find((m) => terms.includes(m.committee_id!) && m.role === '主任');
    expect(chair?.name).toBe('沈莞愫');
    const committee = text(section(html, 'id="committee"'));
    expect(committee).toContain('沈莞愫 主任');
  });

  it('shows her 最美业主 2023 honour, linked to the honour page, and cites its source', () => {
    const row = honours.find((h) => h.person_name === '沈莞愫' && h.title === '最美业主');
    expect(row?.year).toBe('2023');
    const sec = section(html, 'id="honours"');
    expect(text(sec)).toContain('最美业主 (2023年) · 沈莞愫');
    expect(hrefs(sec)).toContain(honourTitleHref('最美业主'));
    const source = sources.find((s) => s.id === row!.source_id);
    const cited = text(section(html, 'id="sources"'));
    expect(cited).toContain(source!.title!);
    expect(cited).toContain(source!.publisher!);
  });

  it('folds the sections with no public data into one line instead of a box each', () => {
    const line = /<p class="missing__line" data-missing="disclosures">([\s\S]*?)<\/p>/.exec(html)?.[1] ?? '';
    for (const [sec, title] of [
      ['fees', '物业收费标准'],
      ['fund', '专项维修资金'],
      ['revenue', '公共收益'],
    ]) {
      expect(html, sec).not.toMatch(new RegExp(`<section id="${sec}"`));
      // The title keeps the section's id, so a link to the section lands on the line.
      expect(line).toContain(`<span id="${sec}">${title}</span>`);
    }
    expect(text(line)).toMatch(
      /^尚未公开: .* \((自 \d{4}年\d{1,2}月\d{1,2}日 本站收录本小区起|截至 \d{4}年\d{1,2}月\d{1,2}日)\)$/,
    );
    expect(html).not.toContain('<p class="empty">');
    // The table of contents lists only the sections on the page.
    const toc = /<details class="toc no-print">[\s\S]*?<\/details>/.exec(html)?.[0] ?? '';
    const listed = hrefs(toc).map((h) => h.slice(1));
    expect(listed.length).toBeGreaterThan(0);
    for (const sec of listed) expect(html, sec).toMatch(new RegExp(`<section id="${sec}" class="page-section`));
    expect(listed).not.toContain('fees');
  });

  it('says 未公开 in 要点 for the fee and the fund, and names the chair', () => {
    const facts = keyFacts(html);
    expect(facts.get('fees')).toBe('物业费 未公开');
    expect(facts.get('fund')).toBe('维修资金 未公开');
    expect(facts.get('committee')).toContain('主任 沈莞愫');
  });

  it('carries no demo notice and no chart (it has no demo rows and no figures)', () => {
    expect(html).not.toContain('本页含演示数据');
    expect(html).not.toContain('<canvas');
  });

  it('is indexed for search with its kind, district, street and honour filters', () => {
    expect(html).toMatch(/<main[^>]*data-pagefind-body/);
    expect(html).toContain('<span data-pagefind-filter="kind">小区</span>');
    expect(html).toContain('<span data-pagefind-filter="honour">最美业主</span>');
    expect(html).toContain('<span data-pagefind-filter="street">打浦桥街道</span>');
  });

  it('prints with a QR code to its canonical URL', () => {
    expect(html).toMatch(/<aside class="print-sheet-foot"[\s\S]*?<svg class="qr-svg"[\s\S]*?<path/);
  });
});

describe('demo compounds with a maintenance-fund ledger', () => {
  const demos = () => compounds.filter((c) => c.demo === '是' && ledger.some((e) => e.compound_id === c.id));

  it('exist in the bundled data', () => {
    expect(demos().length).toBeGreaterThan(0);
  });

  it('show the current balance equal to the running total of the ledger', () => {
    for (const c of demos()) {
      const entries = ledger.filter((e) => e.compound_id === c.id);
      const balance = entries.reduce((s, e) => s + (e.direction === '收入' ? fen(e.amount!) : -fen(e.amount!)), 0);
      const html = readPage(DIST, `/compound/${c.id}/`);
      const m = /data-fund-balance="(-?\d+)"[^>]*>([^<]*)</.exec(html);
      expect(m, `${c.id}: no balance on the page`).not.toBeNull();
      expect(Number(m![1]), c.id).toBe(balance);
      expect(m![2], c.id).toBe(formatYuan(balance));
      // Every entry is listed in the ledger table.
      for (const e of entries) expect(html, `${c.id}: entry ${e.id}`).toContain(`id="ledger-${e.id}"`);
    }
  });

  it('warn exactly when the balance is below 30% of the first deposit', () => {
    let warned = 0;
    for (const c of demos()) {
      const entries = ledger.filter((e) => e.compound_id === c.id);
      const byId = new Map(entries.map((e) => [e.id, e]));
      const signed = (e: Record<string, string>) => (e.direction === '收入' ? fen(e.amount!) : -fen(e.amount!));
      const balance = entries.reduce((s, e) => s + signed(e), 0);
      const first = entries
        .filter(
          (e) =>
            e.category === '首期归集' || (e.category === '冲正' && byId.get(e.reverses ?? '')?.category === '首期归集'),
        )
        .reduce((s, e) => s + signed(e), 0);
      const due = first > 0 && balance * 10 < first * 3;
      const html = readPage(DIST, `/compound/${c.id}/`);
      expect(html.includes('class="alert fund-warning"'), `${c.id}: balance ${balance}, first ${first}`).toBe(due);
      if (due) warned++;
    }
    // The demo data exists to show the warning at least once.
    expect(warned).toBeGreaterThan(0);
  });

  it('say they hold demo data, draw charts above tables, and print a QR code', () => {
    for (const c of demos()) {
      const html = readPage(DIST, `/compound/${c.id}/`);
      expect(html, c.id).toContain('本页含演示数据');
      const fund = section(html, 'id="fund"');
      expect(fund.indexOf('<canvas')).toBeGreaterThan(-1);
      expect(fund.indexOf('<canvas')).toBeLessThan(fund.indexOf('<table'));
      expect(fund).toMatch(/<figure[^>]*data-chart-kind="stacked-bar"[^>]*data-chart-series="\d+"/);
      expect(html).toMatch(/<script type="module" src="\/_astro\/[^"]+\.js"/);
      expect(html).toMatch(/<svg class="qr-svg" role="img"[\s\S]*?<path/);
    }
  });

  it('put the balance and the 30% warning in 要点, the same as the fund section', () => {
    for (const c of demos()) {
      const html = readPage(DIST, `/compound/${c.id}/`);
      const m = /data-fund-balance="(-?\d+)"/.exec(html);
      const fund = keyFacts(html).get('fund') ?? '';
      expect(fund, c.id).toContain(formatYuan(Number(m![1])));
      expect(fund.includes('低于首期归集的 30%'), c.id).toBe(html.includes('class="alert fund-warning"'));
    }
  });

  it('show how each shared repair was split across buildings, adding up to the ledger row', () => {
    const shared = [...new Set(allocations.map((a) => a.ledger_id!))];
    expect(shared.length).toBeGreaterThan(0);
    for (const ledgerId of shared) {
      const row = ledger.find((e) => e.id === ledgerId)!;
      const html = readPage(DIST, `/compound/${row.compound_id}/`);
      const fund = html.slice(html.indexOf('<section id="fund"'));
      const shares = allocations.filter((a) => a.ledger_id === ledgerId);
      for (const a of shares) {
        const tr = new RegExp(`<tr data-allocation="${a.id}">([\\s\\S]*?)</tr>`).exec(fund)?.[1];
        expect(tr, a.id).toBeDefined();
        expect(text(tr!)).toContain(a.building!);
        expect(text(tr!)).toContain(formatYuan(fen(a.amount!)));
      }
      expect(shares.reduce((sum, a) => sum + fen(a.amount!), 0)).toBe(fen(row.amount!));
      const total = new RegExp(`data-allocation-total="${ledgerId}"[^>]*>([^<]*)<`).exec(fund)?.[1];
      expect(total?.trim(), ledgerId).toBe(formatYuan(fen(row.amount!)));
      expect(fund).toContain(`与流水 ${ledgerId} 的支出金额一致`);
    }
  });
});

describe('reporting an error and the one-page sheet, on every compound', () => {
  it('gives every section a 报告错误 link to the configured channel naming the compound and section; the first one carries URL and data version', () => {
    expect(meta.publisher).toBeTruthy();
    for (const c of compounds) {
      const html = readPage(DIST, `/compound/${c.id}/`);
      const secs = sections(html, 'class="page-section');
      expect(secs.length, c.id).toBeGreaterThan(2);
      for (const sec of secs) {
        const id = /<section id="([^"]+)"/.exec(sec)![1]!;
        const title = text(/<h2[^>]*>([\s\S]*?)<\/h2>/.exec(sec)![1]!);
        const href = /<a class="report-error" href="([^"]+)"/.exec(sec)?.[1]?.replaceAll('&amp;', '&');
        expect(href, `${c.id}#${id}`).toBeDefined();
        const url = new URL(href!);
        expect(url.protocol).toBe('mailto:');
        expect(url.pathname).toBe(meta.contact_email);
        // A subject only: the body (URL, version, the questions) is the page's first link's, not repeated 13 times.
        expect(url.searchParams.get('subject')).toBe(`报告错误:${c.name} · ${title}(${c.id})`);
        expect(url.searchParams.has('body'), `${c.id}#${id}`).toBe(false);
        // Chinese stays raw in the page (3 bytes a character; percent-encoded it was 9, and the
        // report links were ≈ 4 KB of every compound page): no encoded byte beyond ASCII.
        expect(href, `${c.id}#${id}`).not.toMatch(/%[89A-F][0-9A-F]/i);
      }
      const actions = html.slice(html.indexOf('<p class="page-actions'));
      const firstHref = /<a class="report-error" href="([^"]+)"/.exec(actions)![1]!.replaceAll('&amp;', '&');
      expect(firstHref, c.id).not.toMatch(/%[89A-F][0-9A-F]/i);
      const first = new URL(firstHref);
      expect(first.searchParams.get('subject')).toBe(`报告错误:${c.name} · 要点`);
      const body = first.searchParams.get('body')!;
      expect(body).toMatch(new RegExp(`网址:https?://[^\\n]+/compound/${c.id}/#key-facts\\n`));
      expect(body).toContain(`数据版本:${meta.as_of}(数据标准第 ${meta.standard_version} 版)`);
      expect(body).toContain('哪里有错');
      // The footer names the publisher and the same channel.
      const footer = html.slice(html.indexOf('<footer class="site-footer">'));
      expect(text(footer)).toContain(`发布:${meta.publisher}`);
      expect(footer).toContain(`href="mailto:${meta.contact_email}?subject=`);
    }
  });

  it('prints a one-page sheet from the page itself: 要点, a large QR code of the page, the data version; the link targets it', () => {
    for (const c of compounds) {
      const html = readPage(DIST, `/compound/${c.id}/`);
      // The link the resident follows targets the element the print stylesheet keys on.
      expect(hrefs(html), c.id).toContain(`/compound/${c.id}/#print-sheet`);
      expect(html).toMatch(/<p id="print-sheet" class="print-sheet-help no-print"/);
      expect(html).toMatch(
        new RegExp(
          `<aside class="print-sheet-foot"[\\s\\S]*?<svg class="qr-svg" role="img" aria-label="[^"]*https?://[^"]+/compound/${c.id}/"`,
        ),
      );
      expect(keyFacts(html).get('firm'), c.id).toMatch(/^物业企业 /);
      const foot = text(/<aside class="print-sheet-foot"[\s\S]*?<\/aside>/.exec(html)?.[0] ?? '');
      expect(foot).toMatch(/数据截至 \S+/);
      expect(foot).toContain(`发布:${meta.publisher}`);
      // No second page for the sheet any more.
      expect(existsSync(join(DIST, 'compound', c.id!, 'print')), c.id).toBe(false);
    }
  });

  it('ends with its change history, which the district feed links into', () => {
    for (const c of compounds) {
      const html = readPage(DIST, `/compound/${c.id}/`);
      const history = section(html, 'id="history"');
      expect(history, c.id).toContain('data-pagefind-ignore');
      expect(text(history)).toContain('每次修改');
      expect(hrefs(html)).toContain(`/compound/${c.id}/#history`);
      const feed = readFileSync(join(DIST, 'district', c.district_id!, 'feed.xml'), 'utf8');
      for (const m of feed.matchAll(
        /<link rel="alternate" type="text\/html" href="[^"]*\/compound\/([^/"]+)\/#(c-[0-9a-f]+)"/g,
      )) {
        if (m[1] !== c.id) continue;
        expect(history, `${c.id} ${m[2]}`).toContain(`id="${m[2]}"`);
      }
    }
  });
});
