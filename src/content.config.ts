/**
 * Astro collections: the MDX notices, audits, policies and cases, rendered to
 * HTML by their loader (src/lib/routes/content-loader.ts). The CSV tables are not collections: every table reaches the pages
 * from the checked dataset (src/lib/model/load.ts). GONGSHI_CONTENT_DIR lets
 * tests build fixture sites.
 */
import { defineCollection } from 'astro:content';
import { mdxLoader } from './lib/routes/content-loader.ts';
import { projectOptions } from './lib/dataset/options.ts';
import { CONTENT_COLLECTIONS, type ContentCollectionName } from './lib/schema/content.ts';

// Relative to the project root, which Astro resolves (builds may run with --root from elsewhere).
const contentDir = projectOptions().contentDir ?? './src/content';
const mdx = (collection: ContentCollectionName) =>
  defineCollection({
    loader: mdxLoader(collection, `${contentDir}/${collection}`),
    schema: CONTENT_COLLECTIONS[collection],
  });

export const collections = {
  notices: mdx('notices'),
  audits: mdx('audits'),
  policies: mdx('policies'),
  cases: mdx('cases'),
};
