import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { pageCsp } from '../../../src/lib/routes/page-csp.ts';

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
});
