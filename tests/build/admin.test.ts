/**
 * The staff editor in the build: /admin/ is there with the Decap bundle copied from
 * node_modules and its own policy, while every public page keeps the site's policy exactly,
 * links nowhere near /admin/, and the search index never sees it. Also: a notice's
 * attachments are listed with title, kind and size.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { load } from 'js-yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminCsp } from '../../src/integrations/admin/index.ts';
import { backendFromEnv } from '../../src/integrations/admin/config.ts';
import { readPage, section, listItems } from './html.ts';

const DIST = resolve(process.env.GONGSHI_BUILD_DIST ?? 'dist');
const CSP_META = /<meta http-equiv="content-security-policy" content="([^"]*)"/;

function htmlFiles(dir: string, out: string[] = []): string[] {
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, d.name);
    if (d.isDirectory()) htmlFiles(p, out);
    else if (d.name.endsWith('.html')) out.push(p);
  }
  return out;
}

beforeAll(() => {
  if (!existsSync(join(DIST, 'admin', 'index.html'))) {
    throw new Error(`${DIST}/admin/index.html is missing: build the site first (npm run build).`);
  }
});

describe('/admin/', () => {
  const html = () => readFileSync(join(DIST, 'admin', 'index.html'), 'utf8');
  it('loads Decap from the site itself, under its own policy, and asks robots to stay out', () => {
    expect(CSP_META.exec(html())?.[1]).toBe(adminCsp(backendFromEnv({})));
    expect(html()).toContain('<script src="/admin/decap-cms.js"></script>');
    expect(html()).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(html()).not.toMatch(/https?:\/\//);
    expect(statSync(join(DIST, 'admin', 'decap-cms.js')).size).toBeGreaterThan(1_000_000);
    const config = load(readFileSync(join(DIST, 'admin', 'config.yml'), 'utf8')) as Record<string, unknown>;
    expect(config.publish_mode).toBe('editorial_workflow');
    expect(config.locale).toBe('zh_Hans');
  });

  it('leaves every public page with the site policy, unlinked to /admin/ and out of the search index', () => {
    const pages = htmlFiles(DIST).filter((f) => !relative(DIST, f).startsWith('admin'));
    expect(pages.length).toBeGreaterThan(50);
    for (const f of pages) {
      const page = readFileSync(f, 'utf8');
      const csp = CSP_META.exec(page)?.[1];
      if (csp === undefined) continue; // redirects and the like carry no policy of their own
      expect(csp, f).not.toContain("'unsafe-eval'");
      expect(csp, f).not.toContain("'unsafe-inline'");
      expect(csp, f).toMatch(/connect-src 'self';/);
      expect(page, f).not.toMatch(/href="\/admin/);
    }
    // Each indexed page is one gzipped fragment naming its URL: none is the editor.
    const fragments = join(DIST, 'pagefind', 'fragment');
    const urls = readdirSync(fragments).map(
      (f) => /"url":"([^"]*)"/.exec(gunzipSync(readFileSync(join(fragments, f))).toString())?.[1],
    );
    expect(urls.length).toBeGreaterThan(50);
    expect(urls.filter((u) => u === undefined || u.startsWith('/admin'))).toEqual([]);
  });
});

describe('attachments on a notice page', () => {
  it('are listed with title, kind and size, linking the file the build copied', () => {
    const html = readPage(DIST, '/notices/demo-lanting-2024-dianti-weixiu-zijin/');
    const items = listItems(section(html, 'aria-labelledby="doc-attachments-h"'));
    expect(items).toHaveLength(1);
    expect(items[0]).toMatch(
      /<a href="\/files\/notices\/demo-lanting-2024-dianti-shouzhi\.pdf" download>\s*电梯维修资金收支明细\s*<\/a>/,
    );
    expect(items[0]).toMatch(/\(PDF,\d+ KB\)/);
    expect(existsSync(join(DIST, 'files/notices/demo-lanting-2024-dianti-shouzhi.pdf'))).toBe(true);
  });
});
