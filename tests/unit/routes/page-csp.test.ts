import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { pageCsp as pageCspBytes } from '../../../src/lib/routes/page-csp.ts';

// The middleware hands it the page's bytes; these tests read and write text.
const pageCsp = (html: string) => Buffer.from(pageCspBytes(Buffer.from(html))).toString();

const hash = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
const STYLE = '.a{color:red}';
const SCRIPT = 'console.log(1)';
const OTHER = [hash('p{}'), hash('alert(1)')];
const page = (inline: string, script: string[], style: string[]) =>
  `<html><head><meta http-equiv="content-security-policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval' ${script.join(' ')}; style-src 'self' ${style.join(' ')};">${inline}</head><body><p>x</p></body></html>`;

describe('pageCsp', () => {
  it("keeps only the hashes of the page's own inline scripts and styles", () => {
    const inline = `<style>${STYLE}</style><script type="module">${SCRIPT}</script><script type="module" src="/_astro/a.js"></script>`;
    const out = pageCsp(page(inline, [OTHER[1]!, hash(SCRIPT)], [OTHER[0]!, hash(STYLE)]));
    expect(out).toBe(page(inline, [hash(SCRIPT)], [hash(STYLE)]));
  });

  it('drops every hash from a page with no inline element, and never adds one', () => {
    expect(pageCsp(page('<script src="/x.js"></script>', OTHER, OTHER))).toBe(
      page('<script src="/x.js"></script>', [], [])
        .replace("'wasm-unsafe-eval' ;", "'wasm-unsafe-eval';")
        .replace("'self' ;", "'self';"),
    );
    // An inline style Astro did not hash stays blocked: its hash is not written in.
    const unhashed = `<style>${STYLE}</style>`;
    expect(pageCsp(page(unhashed, [], OTHER))).not.toContain(hash(STYLE));
  });

  it('leaves a page without a policy as it is', () => {
    const html = `<html><head><style>${STYLE}</style></head></html>`;
    expect(pageCsp(html)).toBe(html);
  });

  it('hashes the UTF-8 bytes of an inline element with Chinese text, and keeps the rest of the page byte for byte', () => {
    const script = 'document.title = "小区公示 · 维修资金";';
    const inline = `<title>某小区\u00a0公示</title><script type="module">${script}</script><style data-x="样式\u00a0src=">${STYLE}</style>`;
    const html = page(inline, [hash(script), OTHER[1]!], [OTHER[0]!, hash(STYLE)]);
    expect(pageCsp(html)).toBe(page(inline, [hash(script)], [hash(STYLE)]));
    const bytes = Buffer.from(html);
    const out = Buffer.from(pageCspBytes(bytes));
    const cut = bytes.indexOf('<title>');
    expect(out.subarray(out.length - (bytes.length - cut)).equals(bytes.subarray(cut))).toBe(true);
  });

  it('returns the very bytes of a page without a policy', () => {
    const bytes = Buffer.from('<html><head><title>无策略</title></head></html>');
    expect(pageCspBytes(bytes)).toBe(bytes);
  });
});
