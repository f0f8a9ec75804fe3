/**
 * Astro writes one Content-Security-Policy into every page with the hashes of every inline
 * script and style of the whole site (16 of them, 1.1 kB on each of tens of thousands of pages),
 * though most pages have no inline element at all. A hash only lets in an inline element with
 * exactly that content, so keeping those of the page's own inline elements, and dropping the
 * rest, lets in exactly what the page has: the policy only gets narrower, never wider.
 *
 * It runs on every page of the build, so it works on the page's bytes read as Latin-1 (one
 * character per byte) instead of decoding the UTF-8 and encoding it again: every pattern here is
 * ASCII, and no byte of a multi-byte UTF-8 character is ASCII, so the patterns find what they
 * would find in the decoded text, and a hash of the Latin-1 characters is the hash of the bytes.
 */
import { createHash } from 'node:crypto';

const META = /<meta http-equiv="content-security-policy" content="([^"]*)">/;
// Inline only: an element with src is allowed by 'self', not by a hash.
const INLINE = /<(script|style)\b([^>]*)>([\s\S]*?)<\/\1>/g;
// HTML separates attributes by ASCII whitespace only (\s would also take Latin-1's no-break space).
const SRC = /[\t\n\f\r ]src=/;
const HASH = / 'sha256-[A-Za-z0-9+/]+=*'/g;

/** The page with its policy's hashes cut to those of its own inline scripts and styles. */
export function pageCsp(page: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  const bytes = Buffer.from(page.buffer, page.byteOffset, page.byteLength);
  const html = bytes.toString('latin1');
  const meta = META.exec(html);
  if (!meta) return page;
  const own = new Set<string>();
  for (const [, , attrs = '', body = ''] of html.matchAll(INLINE)) {
    if (SRC.test(attrs)) continue;
    own.add(` 'sha256-${createHash('sha256').update(body, 'latin1').digest('base64')}'`);
  }
  const policy = meta[1]!.replace(HASH, (hash) => (own.has(hash) ? hash : ''));
  return Buffer.concat([
    bytes.subarray(0, meta.index),
    Buffer.from(meta[0].replace(meta[1]!, policy), 'latin1'),
    bytes.subarray(meta.index + meta[0].length),
  ]);
}
