// @ts-check
import { defineConfig } from 'astro/config';
import validate from './src/integrations/validate.ts';
import { buildCacheDir } from './src/lib/util/cache-dir.ts';
import admin from './src/integrations/admin/index.ts';
import outDir from './src/integrations/out-dir.ts';

// GONGSHI_OUT_DIR / GONGSHI_CACHE_DIR let tests and benchmarks build a fixture site
// without touching dist/ or the main content cache.
export default defineConfig({
  site: process.env.GONGSHI_SITE ?? 'https://gongshi.example.org',
  outDir: process.env.GONGSHI_OUT_DIR ?? './dist',
  cacheDir: buildCacheDir(),
  trailingSlash: 'always',
  // Two pages at a time: while one page waits (for its folder and file, which Astro writes through
  // libuv's pool, or for a download from the archive worker), the other renders. At 15,000
  // compounds this took the pages' phase from 2m 4s to 1m 48s with the same output (bench/README.md,
  // "two pages rendered at a time"); four at a time gained no more and held ≈ 130 MB more.
  build: { format: 'directory', concurrency: 2 },
  // validate() must stay first: it stops the build on any data issue before anything renders.
  // Staff articles are not an integration: their content loader (src/content.config.ts) renders
  // them to HTML with the pipeline `npm run check` runs, so none is compiled into the bundle.
  // admin() writes /admin/ (the staff editor: its own page and policy) at astro:build:done.
  // outDir() keeps the last build's pages in place when re-publishing (GONGSHI_INCREMENTAL=1) and
  // removes what this build did not produce.
  // Search indexing is not an integration: `npm run build` (scripts/build.ts) runs it after
  // astro build has exited, so Pagefind's memory never adds to the build's.
  integrations: [validate(), admin(), outDir()],
  devToolbar: { enabled: false },
  // Nothing is Markdown to Astro (articles are rendered by their loader, without colouring), and
  // its default highlighter, Shiki, writes inline styles the CSP refuses.
  markdown: { syntaxHighlight: false },
  // Off unless the environment asks: scripts/bench.ts measures re-publishing with Astro's
  // incremental build (GONGSHI_INCREMENTAL=1) and the chunked content store
  // (GONGSHI_COLLECTION_STORAGE=chunked) against the default build.
  experimental: {
    incrementalBuild: process.env.GONGSHI_INCREMENTAL === '1',
    collectionStorage: process.env.GONGSHI_COLLECTION_STORAGE === 'chunked' ? 'chunked' : 'single-file',
  },
  // No security.csp: the layout writes the Content-Security-Policy and the build adds the hashes
  // of each route's inline styles and scripts (src/lib/routes/page-csp.ts owns the directives;
  // docs/security.md has the rest of the header set, which a <meta> cannot carry).
});
