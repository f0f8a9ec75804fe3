/**
 * Atom 1.0 feeds (RFC 4287) of changes and notices. Every date comes from a commit
 * or a notice, never from the clock; entries are ordered by time then id, so the
 * same commit always gives the same bytes.
 */

import { cmp } from '../util/compare.ts';

export interface FeedEntry {
  /** Stable within the site, e.g. `commit:<hash>` or `notice:<id>`. */
  id: string;
  title: string;
  /** RFC 3339 time, or an ISO date (read as midnight China time). */
  updated: string;
  /** Site-relative path of the page the entry points at. */
  link: string;
  /** Plain-text summary. */
  summary: string;
}

export interface FeedOptions {
  /** Absolute site origin, e.g. https://gongshi.example.org */
  site: string;
  /** Path of the feed itself. */
  path: string;
  title: string;
  subtitle?: string;
  /** Page the feed is about (HTML alternate). */
  alternate?: string;
  entries: readonly FeedEntry[];
  /** Used as the feed's <updated> when it has no entries: the data's as-of date. */
  fallbackUpdated: string;
  /** Most recent entries kept. */
  limit?: number;
  author?: string;
}

function escapeXml(s: string): string {
  // Control characters other than tab/newline are not allowed in XML 1.0.
  return s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** A date alone is the start of that day in China Standard Time. */
function rfc3339(t: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(t) ? `${t}T00:00:00+08:00` : t;
}

const ms = (t: string) => Date.parse(rfc3339(t));

function sortEntries(entries: readonly FeedEntry[]): FeedEntry[] {
  return [...entries].sort((a, b) => ms(b.updated) - ms(a.updated) || cmp(a.id, b.id));
}

function absolute(site: string, p: string): string {
  return new URL(p, site.endsWith('/') ? site : `${site}/`).href;
}

/** Entries a feed keeps unless told otherwise: feed readers show the newest few. */
export const FEED_LIMIT = 100;

export function changesFeed(o: FeedOptions): string {
  const host = new URL(o.site).host;
  const entries = sortEntries(o.entries).slice(0, o.limit ?? FEED_LIMIT);
  const updated = rfc3339(entries[0]?.updated ?? o.fallbackUpdated);
  const tag = (id: string) => `tag:${host},2024:${id}`;
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${escapeXml(tag(`feed${o.path}`))}</id>`,
    `  <title>${escapeXml(o.title)}</title>`,
    ...(o.subtitle ? [`  <subtitle>${escapeXml(o.subtitle)}</subtitle>`] : []),
    `  <updated>${updated}</updated>`,
    `  <link rel="self" href="${escapeXml(absolute(o.site, o.path))}"/>`,
    ...(o.alternate
      ? [`  <link rel="alternate" type="text/html" href="${escapeXml(absolute(o.site, o.alternate))}"/>`]
      : []),
    `  <author><name>${escapeXml(o.author ?? '公示')}</name></author>`,
  ];
  for (const e of entries) {
    lines.push(
      '  <entry>',
      `    <id>${escapeXml(tag(e.id))}</id>`,
      `    <title>${escapeXml(e.title)}</title>`,
      `    <updated>${rfc3339(e.updated)}</updated>`,
      `    <link rel="alternate" type="text/html" href="${escapeXml(absolute(o.site, e.link))}"/>`,
      `    <summary>${escapeXml(e.summary)}</summary>`,
      '  </entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}
