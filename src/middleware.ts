/**
 * Runs as each page is written at build time (the site is static): the page's policy keeps only
 * its own inline hashes (routes/page-csp.ts). Endpoints (CSV, JSON, zips) pass untouched.
 */
import { defineMiddleware } from 'astro:middleware';
import { pageCsp } from './lib/routes/page-csp.ts';

export const onRequest = defineMiddleware(async (_context, next) => {
  const response = await next();
  if (!response.headers.get('content-type')?.startsWith('text/html')) return response;
  return new Response(pageCsp(await response.text()), { status: response.status, headers: response.headers });
});
