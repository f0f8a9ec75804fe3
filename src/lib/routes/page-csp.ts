/**
 * The public pages' Content-Security-Policy, written by the project instead of Astro's
 * `security.csp`. Astro hashed every route's inline styles and scripts again for each page and
 * wrote the hashes of the whole site's into every page, which a second pass then cut back to the
 * page's own: two scans and two digests a page for the same few hundred bytes of CSS a route.
 *
 * Here the layout writes `PAGE_POLICY` (no hash) as the last element of its own head, which is
 * where Astro wrote its policy: Astro's head elements (the route's bundled styles and scripts)
 * follow it, then `</head>`. `pageCsp` adds the hash of each inline element of that stretch
 * only, so what a page lets in is exactly what Astro bundled for its route. An inline element
 * anywhere else (in the body, or put in the head by a page) gets no hash and is blocked: the
 * policy never lets in what content could have written.
 *
 * It runs on every page of the build, so it works on the page's bytes: every pattern is ASCII,
 * no byte of a multi-byte UTF-8 character is ASCII, and a body is hashed as its bytes, once per
 * build whatever the number of pages it is on.
 */
import { createHash } from 'node:crypto';

const DIRECTIVES = [
  "default-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
];
// 'wasm-unsafe-eval' is for Pagefind's WebAssembly search, nothing else; no 'unsafe-inline'.
const SCRIPT_SRC = "script-src 'self' 'wasm-unsafe-eval'";
const STYLE_SRC = "style-src 'self'";

/** The directives, then each list of hashes after its source list (the text Astro wrote). */
function policy(scripts: readonly string[], styles: readonly string[]): string {
  const listed = (hashes: readonly string[]) => hashes.map((hash) => ` ${hash}`).join('');
  return `${DIRECTIVES.join(';')}; ${SCRIPT_SRC}${listed(scripts)}; ${STYLE_SRC}${listed(styles)};`;
}

/** The policy of a page whose route has no inline script or style: the layout writes it. */
export const PAGE_POLICY = policy([], []);

const metaOf = (content: string) => `<meta http-equiv="content-security-policy" content="${content}">`;
const LAYOUT_META = Buffer.from(metaOf(PAGE_POLICY));
const HEAD_END = Buffer.from('</head>');
const CLOSE = { script: Buffer.from('</script>'), style: Buffer.from('</style>') };
const OPEN = { script: Buffer.from('<script'), style: Buffer.from('<style') };
// HTML separates attributes by ASCII whitespace only.
const SRC = /[\t\n\f\r ]src=/;
const GT = 0x3e;
const TAG_NAME_END = new Set([0x09, 0x0a, 0x0c, 0x0d, 0x20, 0x2f, GT]);

const digests = new Map<string, string>();
/** The source expression of a body, hashed once per distinct body. */
function digest(body: string): string {
  let hash = digests.get(body);
  if (hash === undefined) {
    hash = `'sha256-${createHash('sha256').update(body, 'latin1').digest('base64')}'`;
    digests.set(body, hash);
  }
  return hash;
}

// The pages of a route share one set of hashes, so one meta each.
const metas = new Map<string, Buffer>();

/** The page with the hashes of the inline scripts and styles Astro wrote after its policy. */
export function pageCsp(page: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  const bytes = Buffer.from(page.buffer, page.byteOffset, page.byteLength);
  const at = bytes.indexOf(LAYOUT_META);
  if (at < 0) return page;
  const from = at + LAYOUT_META.length;
  const end = bytes.indexOf(HEAD_END, from);
  if (end < 0) return page;
  const hashes = { script: [] as string[], style: [] as string[] };
  for (let i = bytes.indexOf('<s', from); i >= 0 && i < end; i = bytes.indexOf('<s', i + 2)) {
    const kind = bytes.subarray(i, i + OPEN.script.length).equals(OPEN.script)
      ? 'script'
      : bytes.subarray(i, i + OPEN.style.length).equals(OPEN.style)
        ? 'style'
        : undefined;
    if (!kind || !TAG_NAME_END.has(bytes[i + OPEN[kind].length]!)) continue;
    const open = bytes.indexOf(GT, i);
    const close = bytes.indexOf(CLOSE[kind], open);
    if (open < 0 || close < 0 || close >= end) break;
    // An element with src is allowed by 'self', not by a hash.
    if (!SRC.test(bytes.toString('latin1', i + OPEN[kind].length, open))) {
      hashes[kind].push(digest(bytes.toString('latin1', open + 1, close)));
    }
    i = close;
  }
  if (hashes.script.length === 0 && hashes.style.length === 0) return page;
  const key = `${hashes.script.join(' ')}|${hashes.style.join(' ')}`;
  let meta = metas.get(key);
  if (!meta) metas.set(key, (meta = Buffer.from(metaOf(policy(hashes.script, hashes.style)))));
  return Buffer.concat([bytes.subarray(0, at), meta, bytes.subarray(from)]);
}
