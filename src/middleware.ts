/**
 * Runs as each page is written at build time (the site is static): the page's policy keeps only
 * its own inline hashes (routes/page-csp.ts). Endpoints (CSV, JSON, zips) pass untouched. The
 * page stays bytes from Astro's response to the file: a page is never decoded to text here.
 */
import { defineMiddleware } from 'astro:middleware';
import { pageCsp } from './lib/routes/page-csp.ts';

export const onRequest = defineMiddleware(async (_context, next) => {
  const response = await next();
  if (!response.headers.get('content-type')?.startsWith('text/html')) return response;
  const page = pageCsp(new Uint8Array(await response.arrayBuffer()));
  return new Response(page, { status: response.status, headers: response.headers });
});
