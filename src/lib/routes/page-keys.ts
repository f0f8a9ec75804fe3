/**
 * Cache keys for Astro's incremental build (`experimental.incrementalBuild`, on when
 * GONGSHI_INCREMENTAL=1). Astro copies a page from the previous build instead of rendering
 * it when the page's `cacheKey` and the hash of its code are both unchanged. A key that
 * leaves out something the page shows would publish a stale page, so a key digests every
 * input its pages read, and tests/unit/routes/page-keys.test.ts changes each input in turn.
 */
import { createHash } from 'node:crypto';
import { compoundRows, feed } from './key-hash.ts';
import type { AnyRow } from '../model/types.ts';
import { list } from '../util/group.ts';
import { type MdxDoc, type SiteData } from '../model/types.ts';
import { compoundDocContext } from '../views/compound/doc-context.ts';
import { cmp } from '../util/compare.ts';
import { attachmentViews } from '../views/attachments.ts';
import type { Attachment } from '../schema/content.ts';

/** What the history of one compound adds to its pages: git's state and the commits that touch it. */
export interface CompoundHistoryInput {
  /** The site's history state (available, reason, shallow); the same for every compound. */
  state: unknown;
  /** The commits touching this compound, newest first. */
  commits: readonly unknown[];
}

/** An MDX entry's front matter and body; Astro's digest covers the body when it is there. */
export function docInput(doc: MdxDoc<unknown>): unknown {
  const entry = doc.entry as { digest?: unknown; body?: unknown } | null | undefined;
  return { id: doc.id, data: doc.data, digest: entry?.digest, body: entry?.body };
}

/**
 * One key for the five pages of a compound (its page, history page, feed and CSV/JSON downloads):
 * the compound's rows in every table, its district and street, the firms of its contracts and
 * their honours, the firms its honours name, every source those rows and its notices and audits cite, the notices and audits
 * themselves, its history, and the dataset's meta (the "as of" date drives the cadence table and
 * the footer). Code is Astro's half of the bargain: it hashes the pages' module graph itself.
 */
export function compoundPagesKey(site: SiteData, id: string, history: CompoundHistoryInput): string {
  const h = createHash('sha256');
  feed(h, 'meta', site.meta);
  const compound = site.compoundById.get(id);
  feed(h, 'district', compound ? site.districtById.get(compound.district_id) : undefined);
  feed(h, 'street', compound?.street_id ? site.streetById.get(compound.street_id) : undefined);

  const sourceIds = new Set<string>();
  const cite = (r: AnyRow) => {
    if (typeof r.source_id === 'string') sourceIds.add(r.source_id);
  };
  const own = compoundRows(site, id);
  feed(h, 'rows', own.digest);
  for (const sid of own.sources) sourceIds.add(sid);
  const firmIds = [...new Set(list(site.contractsByCompound, id).map((k) => k.firm_id))].sort(cmp);
  for (const firmId of firmIds) {
    const firm = site.firmById.get(firmId);
    const honours = list(site.honoursByFirm, firmId);
    feed(h, `firm:${firmId}`, { firm, honours });
    if (firm) cite(firm as unknown as AnyRow);
    honours.forEach((x) => cite(x as unknown as AnyRow));
  }
  // A firm an honour of the compound names (not one of its contracts'): the page shows its name.
  const named = new Set(list(site.honoursByCompound, id).flatMap((x) => (x.firm_id ? [x.firm_id] : [])));
  for (const firmId of [...named].filter((f) => !firmIds.includes(f)).sort()) {
    feed(h, `named-firm:${firmId}`, site.firmById.get(firmId));
  }
  for (const [label, docs] of [
    ['notices', list(site.noticesByCompound, id)],
    ['audits', list(site.auditsByCompound, id)],
  ] as const) {
    for (const doc of docs) {
      feed(h, label, docInput(doc as MdxDoc<unknown>));
      const source = doc.data.source;
      if (source) sourceIds.add(source);
    }
  }
  for (const sid of [...sourceIds].sort(cmp)) feed(h, `source:${sid}`, site.sourceById.get(sid));
  feed(h, 'history', history);
  return h.digest('hex').slice(0, 32);
}

/**
 * The key of a notice or audit page: the entry (front matter and body), what the page shows
 * around it (compoundDocContext: compound, district, street, source) and the dataset's meta.
 * Astro also checks the rendered entry's own hash before it reuses the page.
 */
export function docPageKey(site: SiteData, doc: MdxDoc<{ compound: string; source: string }>): string {
  const h = createHash('sha256');
  feed(h, 'meta', site.meta);
  feed(h, 'doc', docInput(doc as MdxDoc<unknown>));
  feed(h, 'context', compoundDocContext(site, doc));
  // The page shows each attachment's size and kind, read from the file: a replaced file changes the page.
  feed(h, 'attachments', attachmentViews((doc.data as { attachments?: Attachment[] }).attachments));
  return h.digest('hex').slice(0, 32);
}
