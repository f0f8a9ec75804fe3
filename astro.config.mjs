// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';

// GONGSHI_OUT_DIR / GONGSHI_CACHE_DIR let tests and benchmarks build a fixture site
// without touching dist/ or the main content cache.
export default defineConfig({
  site: process.env.GONGSHI_SITE ?? 'https://gongshi.example.org',
  outDir: process.env.GONGSHI_OUT_DIR ?? './dist',
  cacheDir: process.env.GONGSHI_CACHE_DIR ?? './node_modules/.astro',
  trailingSlash: 'always',
  build: { format: 'directory' },
  integrations: [mdx()],
  devToolbar: { enabled: false },
});
