/**
 * What a built site weighs: file count and bytes; HTML+CSS of each compound page
 * (CSS counted once per page, as linked, since a first visit fetches it); and the
 * JavaScript each page type ships — its module scripts with their static
 * imports followed (what the browser fetches on load; dynamic imports such as
 * Pagefind's are counted by the search measurement instead), plus inline scripts.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { cmp } from '../../src/lib/util/compare.ts';

export interface Bytes {
  raw: number;
  gzip: number;
}
export interface Distribution {
  count: number;
  medianRaw: number;
  medianGzip: number;
  maxRaw: number;
  maxGzip: number;
  /** URL of the largest page (by gzipped size). */
  maxUrl: string;
}
export interface JsByType {
  pages: number;
  pagesWithJs: number;
  /** Pages that draw a chart (a <canvas> or [data-chart] element). */
  chartPages: number;
  /** Pages that ship JS but have neither a chart nor search: the budget allows none. */
  pagesWithJsNoChart: number;
  medianRaw: number;
  medianGzip: number;
  maxRaw: number;
  maxGzip: number;
  /** Distinct script files the type's pages load, site-relative. */
  files: string[];
}
export interface OutputStats {
  files: number;
  bytes: number;
  htmlPages: number;
  compoundPage: Distribution;
  jsByPageType: Record<string, JsByType>;
}

const gz = (b: Uint8Array | string) => gzipSync(b, { level: 9 }).length;

function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile()) out.push(p);
  }
  return out;
}

const maxOf = (xs: number[]) => xs.reduce((a, b) => (b > a ? b : a), 0);

function median(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = xs.slice().sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : Math.round(((s[mid - 1] as number) + (s[mid] as number)) / 2);
}

/** `/compound/x/index.html` → `compound`; `/index.html` → `home`; `/404.html` → `404`. */
/** Page types that carry a script of their own: search runs Pagefind, admin is the staff editor, print has its button. */
const SCRIPTED_TYPES = new Set(['search', 'admin', 'print']);

function pageType(urlPath: string): string {
  const seg = urlPath.split('/').filter(Boolean);
  if (seg.at(-1) === 'print') return 'print';
  if (seg.length === 1 && seg[0]?.endsWith('.html')) return seg[0] === 'index.html' ? 'home' : seg[0].replace(/\.html$/, '');
  return seg[0] ?? 'home';
}

const attr = (tag: string, name: string) => new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
const attrValue = (tag: string, name: string) => {
  const m = attr(tag, name);
  return m ? (m[1] ?? m[2] ?? m[3] ?? '') : undefined;
};

/** Static import specifiers of an ES module (minified or not); `import(` is dynamic and skipped. */
function staticImports(code: string): string[] {
  const out: string[] = [];
  const re = /(?:^|[;\s}])(?:import|export)\s*(?:[\w$*{},\s]*?\s*from\s*)?["']([^"']+\.m?js)["']/g;
  for (const m of code.matchAll(re)) out.push(m[1] as string);
  return out;
}

class SiteReader {
  readonly root: string;
  private sizes = new Map<string, Bytes>();
  private closures = new Map<string, string[]>();

  constructor(root: string) {
    this.root = root;
  }

  /** Bytes of a site-relative URL path (`/_astro/x.css`), cached: shared assets are compressed once. */
  asset(urlPath: string): Bytes {
    const cached = this.sizes.get(urlPath);
    if (cached) return cached;
    let b: Bytes = { raw: 0, gzip: 0 };
    try {
      const data = readFileSync(join(this.root, urlPath.split('?')[0] as string));
      b = { raw: data.length, gzip: gz(data) };
    } catch {
      // a link to a file that is not in the output costs nothing to fetch
    }
    this.sizes.set(urlPath, b);
    return b;
  }

  /** The module and everything it imports statically, as URL paths. */
  jsClosure(urlPath: string): string[] {
    const cached = this.closures.get(urlPath);
    if (cached) return cached;
    const seen = new Set<string>();
    const stack = [urlPath];
    while (stack.length) {
      const p = stack.pop() as string;
      if (seen.has(p)) continue;
      seen.add(p);
      let code = '';
      try {
        code = readFileSync(join(this.root, p), 'utf8');
      } catch {
        continue;
      }
      for (const spec of staticImports(code)) {
        if (/^[a-z]+:/i.test(spec)) continue;
        stack.push(spec.startsWith('/') ? spec : posix.join(posix.dirname(p), spec));
      }
    }
    const list = [...seen].sort();
    this.closures.set(urlPath, list);
    return list;
  }
}

export interface PageWeight {
  url: string;
  html: Bytes;
  css: Bytes;
  js: Bytes;
  jsFiles: string[];
  hasChart: boolean;
}

/** Resolve an href on a page to a site path. */
function resolveHref(pageUrl: string, href: string): string | undefined {
  if (/^[a-z]+:|^\/\//i.test(href)) return undefined;
  return href.startsWith('/') ? href : posix.join(posix.dirname(pageUrl), href);
}

function weighPage(site: SiteReader, url: string, html: string, withHtmlGzip: boolean): PageWeight {
  const css: Bytes = { raw: 0, gzip: 0 };
  const cssSeen = new Set<string>();
  for (const m of html.matchAll(/<link\b[^>]*>/gi)) {
    const tag = m[0];
    if (!/\brel\s*=\s*["']?stylesheet/i.test(tag)) continue;
    const href = attrValue(tag, 'href');
    const p = href ? resolveHref(url, href) : undefined;
    if (!p || cssSeen.has(p)) continue;
    cssSeen.add(p);
    const b = site.asset(p);
    css.raw += b.raw;
    css.gzip += b.gzip;
  }
  const js: Bytes = { raw: 0, gzip: 0 };
  const jsFiles = new Set<string>();
  let inline = '';
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const tag = `<script ${m[1] ?? ''}>`;
    const type = attrValue(tag, 'type');
    if (type && !/^(module|text\/javascript)$/i.test(type)) continue; // JSON-LD and data blocks are not code
    const src = attrValue(tag, 'src');
    const p = src ? resolveHref(url, src) : undefined;
    if (p) for (const f of site.jsClosure(p)) jsFiles.add(f);
    else inline += m[2] ?? '';
  }
  for (const m of html.matchAll(/<link\b[^>]*rel\s*=\s*["']?modulepreload[^>]*>/gi)) {
    const href = attrValue(m[0], 'href');
    const p = href ? resolveHref(url, href) : undefined;
    if (p) for (const f of site.jsClosure(p)) jsFiles.add(f);
  }
  for (const f of jsFiles) {
    const b = site.asset(f);
    js.raw += b.raw;
    js.gzip += b.gzip;
  }
  if (inline.trim()) {
    js.raw += Buffer.byteLength(inline);
    js.gzip += gz(inline);
  }
  const raw = Buffer.byteLength(html);
  const hasChart = /<canvas\b|\sdata-chart\b/i.test(html);
  return { url, html: { raw, gzip: withHtmlGzip ? gz(html) : 0 }, css, js, jsFiles: [...jsFiles].sort(), hasChart };
}

export function outputStats(root: string): OutputStats {
  const files = walk(root);
  let bytes = 0;
  for (const f of files) bytes += statSync(f).size;
  const site = new SiteReader(root);
  const compound: { url: string; raw: number; gzip: number }[] = [];
  const js = new Map<string, { weights: Bytes[]; files: Set<string>; charts: number; stray: number }>();
  let htmlPages = 0;
  for (const f of files) {
    if (!f.endsWith('.html')) continue;
    const url = '/' + relative(root, f).split(sep).join('/');
    if (url.startsWith('/pagefind/')) continue;
    htmlPages++;
    const type = pageType(url);
    // The compound page itself: /compound/<id>/index.html (not any sub-page under it).
    const isCompound = /^\/compound\/[^/]+\/index\.html$/.test(url);
    const w = weighPage(site, url, readFileSync(f, 'utf8'), isCompound);
    if (isCompound) compound.push({ url: url.replace(/index\.html$/, ''), raw: w.html.raw + w.css.raw, gzip: w.html.gzip + w.css.gzip });
    const entry = js.get(type) ?? { weights: [], files: new Set<string>(), charts: 0, stray: 0 };
    entry.weights.push(w.js);
    if (w.hasChart) entry.charts++;
    else if (w.js.raw > 0 && !SCRIPTED_TYPES.has(type)) entry.stray++;
    for (const j of w.jsFiles) entry.files.add(j);
    js.set(type, entry);
  }
  const largest = compound.reduce((a, b) => (b.gzip > a.gzip ? b : a), { url: '', raw: 0, gzip: 0 });
  const jsByPageType: Record<string, JsByType> = {};
  for (const [type, { weights, files: jsFiles, charts, stray }] of [...js.entries()].sort((a, b) => cmp(a[0], b[0]))) {
    jsByPageType[type] = {
      pages: weights.length,
      pagesWithJs: weights.filter((w) => w.raw > 0).length,
      chartPages: charts,
      pagesWithJsNoChart: stray,
      medianRaw: median(weights.map((w) => w.raw)),
      medianGzip: median(weights.map((w) => w.gzip)),
      maxRaw: maxOf(weights.map((w) => w.raw)),
      maxGzip: maxOf(weights.map((w) => w.gzip)),
      files: [...jsFiles].sort(),
    };
  }
  return {
    files: files.length,
    bytes,
    htmlPages,
    compoundPage: {
      count: compound.length,
      medianRaw: median(compound.map((c) => c.raw)),
      medianGzip: median(compound.map((c) => c.gzip)),
      maxRaw: maxOf(compound.map((c) => c.raw)),
      maxGzip: largest.gzip,
      maxUrl: largest.url,
    },
    jsByPageType,
  };
}
