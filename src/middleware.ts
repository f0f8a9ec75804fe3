/**
 * Runs as each page is written at build time (the site is static): the page's policy gets the
 * hashes of its route's inline styles and scripts (routes/page-csp.ts). Endpoints (CSV, JSON, zips) pass untouched. The
 * page stays bytes from Astro's response to the file: a page is never decoded to text here.
 *
 * In a shard other than the city shard, a route without parameters (home, indexes, city-wide
 * downloads) is answered with no body before it renders: Astro writes no file for it, and the
 * city shard builds it (routes/shard.ts).
 */
import { defineMiddleware } from 'astro:middleware';
import { pageCsp } from './lib/routes/page-csp.ts';
import { buildsCityPages } from './lib/routes/shard.ts';

const cityPages = buildsCityPages();

export const onRequest = defineMiddleware(async (context, next) => {
  if (!cityPages && !context.routePattern.includes('[')) return new Response(null, { status: 204 });
  const response = await next();
  if (!response.headers.get('content-type')?.startsWith('text/html')) return response;
  const page = pageCsp(new Uint8Array(await response.arrayBuffer()));
  return new Response(page, { status: response.status, headers: response.headers });
});
