import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';

// Counts the digests: a body on many pages is hashed once.
const { digests } = vi.hoisted(() => ({ digests: { count: 0 } }));
vi.mock('node:crypto', async (importOriginal) => {
  const crypto = await importOriginal<typeof import('node:crypto')>();
  return {
    ...crypto,
    createHash: (algorithm: string) => {
      digests.count += 1;
      return crypto.createHash(algorithm);
    },
  };
});

const { PAGE_POLICY, pageCsp: pageCspBytes } = await import('../../../src/lib/routes/page-csp.ts');

// The middleware hands it the page's bytes; these tests read and write text.
const pageCsp = (html: string) => Buffer.from(pageCspBytes(Buffer.from(html))).toString();

const hash = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
const DIRECTIVES =
  "default-src 'self';img-src 'self' data:;font-src 'self';connect-src 'self';worker-src 'self';object-src 'none';base-uri 'self';form-action 'self';";
const policy = (scripts: string[], styles: string[]) =>
  `${DIRECTIVES} script-src 'self' 'wasm-unsafe-eval'${scripts.map((h) => ` ${h}`).join('')}; style-src 'self'${styles.map((h) => ` ${h}`).join('')};`;
const meta = (content: string) => `<meta http-equiv="content-security-policy" content="${content}">`;
// As the layout and Astro write it: the layout's head, its policy, Astro's head elements, the body.
const page = (content: string, astroHead: string, body = '<p>x</p>', ownHead = '') =>
  `<!DOCTYPE html><html><head><title>小区</title>${ownHead}${meta(content)}<link rel="stylesheet" href="/_astro/Base.css">${astroHead}</head><body>${body}</body></html>`;

const STYLE = '.a{color:red}';
const SCRIPT = 'console.log(1)';

describe('PAGE_POLICY', () => {
  it('is the directives with no hash, as Astro wrote them for a page without inline elements', () => {
    expect(PAGE_POLICY).toBe(policy([], []));
  });
});

describe('pageCsp', () => {
  it("adds the hash of each inline script and style of the route's head, and none for one with src", () => {
    const head = `<style>${STYLE}</style><script type="module">${SCRIPT}</script><script type="module" src="/_astro/a.js"></script>`;
    expect(pageCsp(page(PAGE_POLICY, head))).toBe(page(policy([hash(SCRIPT)], [hash(STYLE)]), head));
  });

  it('writes the hashes in the order of the elements', () => {
    const head = `<style>p{}</style><style data-x="1">${STYLE}</style><script>a()</script><script>b()</script>`;
    expect(pageCsp(page(PAGE_POLICY, head))).toBe(
      page(policy([hash('a()'), hash('b()')], [hash('p{}'), hash(STYLE)]), head),
    );
  });

  it('gives no hash to an inline element in the body or put in the head before the policy', () => {
    const html = page(PAGE_POLICY, '', `<script>${SCRIPT}</script><style>${STYLE}</style>`, `<style>${STYLE}</style>`);
    expect(pageCsp(html)).toBe(html);
  });

  it('does not take an element whose name only starts like script or style', () => {
    const head = '<stylex>a</stylex><scripts>b</scripts><span>c</span>';
    expect(pageCsp(page(PAGE_POLICY, head))).toBe(page(PAGE_POLICY, head));
  });

  it('hashes a body once for the build and writes its hash on every page that has it', () => {
    const body = '.once{color:blue}';
    const before = digests.count;
    const first = pageCsp(page(PAGE_POLICY, `<style>${body}</style>`, '<p>一</p>'));
    const second = pageCsp(page(PAGE_POLICY, `<style>${body}</style>`, '<p>二</p>'));
    expect(digests.count - before).toBe(1);
    expect(first).toBe(page(policy([], [hash(body)]), `<style>${body}</style>`, '<p>一</p>'));
    expect(second).toBe(page(policy([], [hash(body)]), `<style>${body}</style>`, '<p>二</p>'));
  });

  it('hashes the UTF-8 bytes of an inline element with Chinese text, and keeps the rest of the page byte for byte', () => {
    const script = 'document.title = "小区公示 · 维修资金";';
    const head = `<script type="module">${script}</script><style data-x="样式\u00a0src=">${STYLE}</style>`;
    const html = page(PAGE_POLICY, head, '<h1>某小区\u00a0公示</h1>');
    expect(pageCsp(html)).toBe(page(policy([hash(script)], [hash(STYLE)]), head, '<h1>某小区\u00a0公示</h1>'));
    const bytes = Buffer.from(html);
    const out = Buffer.from(pageCspBytes(bytes));
    const cut = bytes.indexOf('<link');
    expect(out.subarray(out.length - (bytes.length - cut)).equals(bytes.subarray(cut))).toBe(true);
  });

  it('returns the very bytes of a page without inline elements, or without the policy', () => {
    const plain = Buffer.from(page(PAGE_POLICY, ''));
    expect(pageCspBytes(plain)).toBe(plain);
    const none = Buffer.from(`<html><head><title>无策略</title><style>${STYLE}</style></head></html>`);
    expect(pageCspBytes(none)).toBe(none);
  });
});
