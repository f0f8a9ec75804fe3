/**
 * Astro collections: one per CSV table of the data standard (name = table name),
 * plus the MDX collections. Data and content folders can be redirected with
 * GONGSHI_DATA_DIR / GONGSHI_CONTENT_DIR so tests build fixture sites.
 */
import { defineCollection, reference } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { csvLoader } from './lib/csv/astro-loader.ts';
import type { Row, TableName } from './lib/schema/tables.ts';
import type { LargeTableName } from './lib/site-data.ts';
import { auditSchema, caseSchema, noticeSchema, policySchema } from './lib/schema/content.ts';

/**
 * A CSV collection. The schema only carries the row's *output* type for
 * `getCollection()`: rows are validated by the CSV loader (with file:line:column),
 * not by Astro, and arrive already typed.
 */
function table<T extends TableName>(name: T) {
  return defineCollection({ loader: csvLoader(name), schema: z.custom<Row<T>>() });
}

const contentBase = (collection: string) => `${process.env.GONGSHI_CONTENT_DIR || './src/content'}/${collection}`;
const mdx = (collection: string) => glob({ pattern: '**/*.mdx', base: contentBase(collection) });

// `satisfies` keeps this list in step with the table registry (src/lib/schema/tables.ts).
// The large tables (LARGE_TABLES in src/lib/site-data.ts: ~2.4 million rows for a city)
// are not collections: one content-store entry per row cost ~8.5 KB, so a city could
// not build. Pages read them through getSiteData() from the validated dataset.
const tableCollections = {
  sources: table('sources'),
  districts: table('districts'),
  streets: table('streets'),
  compounds: table('compounds'),
  firms: table('firms'),
  committees: table('committees'),
  contracts: table('contracts'),
  honours: table('honours'),
  evaluations: table('evaluations'),
  commitments: table('commitments'),
  figures: table('figures'),
  corrections: table('corrections'),
  privacy_allow: table('privacy_allow'),
} satisfies Record<Exclude<TableName, LargeTableName>, unknown>;

export const collections = {
  ...tableCollections,
  notices: defineCollection({ loader: mdx('notices'), schema: noticeSchema(reference) }),
  audits: defineCollection({ loader: mdx('audits'), schema: auditSchema(reference) }),
  policies: defineCollection({ loader: mdx('policies'), schema: policySchema(reference) }),
  cases: defineCollection({ loader: mdx('cases'), schema: caseSchema(reference) }),
};
