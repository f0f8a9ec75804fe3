// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';

export default defineConfig({
  site: process.env.GONGSHI_SITE ?? 'https://gongshi.example.org',
  trailingSlash: 'always',
  build: { format: 'directory' },
  integrations: [mdx()],
  // Deterministic output: no telemetry, no dev toolbar in builds.
  devToolbar: { enabled: false },
});
