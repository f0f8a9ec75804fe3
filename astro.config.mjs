// @ts-check
import { defineConfig } from 'astro/config';
import content from './src/integrations/content.ts';
import validate from './src/integrations/validate.ts';
import { buildCacheDir } from './src/lib/util/cache-dir.ts';
import admin from './src/integrations/admin/index.ts';

// GONGSHI_OUT_DIR / GONGSHI_CACHE_DIR let tests and benchmarks build a fixture site
// without touching dist/ or the main content cache.
export default defineConfig({
  site: process.env.GONGSHI_SITE ?? 'https://gongshi.example.org',
  outDir: process.env.GONGSHI_OUT_DIR ?? './dist',
  cacheDir: buildCacheDir(),
  trailingSlash: 'always',
  build: { format: 'directory' },
  // validate() must stay first: it stops the build on any data issue before anything renders.
  // content() is @astrojs/mdx with the pipeline `npm run check` compiles with: staff content is
  // a document, so its guard refuses code and strips HTML outside the allow-list.
  // admin() writes /admin/ (the staff editor: its own page and policy) at astro:build:done.
  // Search indexing is not an integration: `npm run build` (scripts/build.ts) runs it after
  // astro build has exited, so Pagefind's memory never adds to the build's.
  integrations: [validate(), content(), admin()],
  devToolbar: { enabled: false },
  // Staff content is notices and reports, not code: no fenced block needs colouring, and
  // Shiki's inline styles would break the CSP below (Astro warns on every build otherwise).
  markdown: { syntaxHighlight: false },
  vite: {
    build: {
      rolldownOptions: {
        // Astro marks every MDX module with its own "use astro:head-inject" directive and reads
        // it before bundling; Rolldown's warning that bundling drops it is about Astro's
        // internals, once per article, and nothing staff can act on.
        onLog(level, log, handler) {
          if (log.code === 'MODULE_LEVEL_DIRECTIVE' && log.message.includes('astro:head-inject')) return;
          handler(level, log);
        },
      },
    },
  },
  // Off unless the environment asks: scripts/bench.ts measures re-publishing with Astro's
  // incremental build (GONGSHI_INCREMENTAL=1) and the chunked content store
  // (GONGSHI_COLLECTION_STORAGE=chunked) against the default build.
  experimental: {
    incrementalBuild: process.env.GONGSHI_INCREMENTAL === '1',
    collectionStorage: process.env.GONGSHI_COLLECTION_STORAGE === 'chunked' ? 'chunked' : 'single-file',
  },
  // Content-Security-Policy as a <meta> on every page (docs/security.md has the rest of the
  // header set, which a <meta> cannot carry). Astro hashes its own scripts and styles;
  // 'wasm-unsafe-eval' is for Pagefind's WebAssembly search, nothing else.
  security: {
    csp: {
      algorithm: 'SHA-256',
      directives: [
        "default-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
      ],
      scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"] },
      styleDirective: { resources: ["'self'"] },
    },
  },
});
