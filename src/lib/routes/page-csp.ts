/**
 * Astro writes one Content-Security-Policy into every page with the hashes of every inline
 * script and style of the whole site (16 of them, 1.1 kB on each of tens of thousands of pages),
 * though most pages have no inline element at all. A hash only lets in an inline element with
 * exactly that content, so keeping those of the page's own inline elements, and dropping the
 * rest, lets in exactly what the page has: the policy only gets narrower, never wider.
 */
import { createHash } from 'node:crypto';

const META = /<meta http-equiv="content-security-policy" content="([^"]*)">/;
// Inline only: an element with src is allowed by 'self', not by a hash.
const INLINE = /<(script|style)\b([^>]*)>([\s\S]*?)<\/\1>/g;
const HASH = / 'sha256-[A-Za-z0-9+/]+=*'/g;

/** The page with its policy's hashes cut to those of its own inline scripts and styles. */
export function pageCsp(html: string): string {
  const meta = META.exec(html);
  if (!meta) return html;
  const own = new Set<string>();
  for (const [, , attrs = '', body = ''] of html.matchAll(INLINE)) {
    if (/\ssrc=/.test(attrs)) continue;
    own.add(` 'sha256-${createHash('sha256').update(body).digest('base64')}'`);
  }
  const policy = meta[1]!.replace(HASH, (hash) => (own.has(hash) ? hash : ''));
  return html.slice(0, meta.index) + meta[0].replace(meta[1]!, policy) + html.slice(meta.index + meta[0].length);
}
