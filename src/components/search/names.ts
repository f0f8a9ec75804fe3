/**
 * The names index: the first screen of a search, for what most searchers type — the name (or
 * part of it) of a compound, firm, street, district, honour title or notice. Pagefind's full-text
 * index answers every query, but its first query loads files that grow with the number of pages
 * (one metadata entry per page, and the chunk of a word on every compound page, such as 物业):
 * ≈ 800 KB at 15,000 compounds (bench/README.md, "Issue 15: first query from a split index").
 * The names index is split so that a query loads only the buckets of its own character pairs and
 * the few record chunks of its first hits, whatever the size of the city.
 *
 * Layout under /search/names/ (written by src/integrations/search-names.ts, read by
 * names-client.ts; both use this module so they cut and hash names the same way):
 *   index.json          { version, hash, count, buckets, chunk }   (the only unhashed file)
 *   <hash>/b<k>.json     character pair → ids of the names holding it (each list gap-coded)
 *   <hash>/r<k>.json     records `chunk` ids at a time: [url, name, kind, district, street, ...aliases]
 * Ids follow the order results are shown in (shorter names first, so an exact name comes first;
 * then NAME_KINDS order), so the first ids of a pair's list are its best hits.
 */
import { fnv1a } from '../../lib/util/fnv.ts';
import { compact } from './query.ts';

/** Page kinds (Base's `kind`) whose names are indexed, in the order equally long names are shown. */
export const NAME_KINDS = ['区', '街道', '物业企业', '小区', '荣誉', '公告'] as const;

export const NAMES_VERSION = 1;

export interface NamesManifest {
  version: number;
  /** Names the folder of this build's buckets and records: a cached old file never mixes in. */
  hash: string;
  count: number;
  buckets: number;
  chunk: number;
}

/** [url, name, kind, district, street, ...aliases]; district and street '' when the page has none. */
export type NameRecord = [string, string, string, string, string, ...string[]];

/** The form in which names and query words are compared: NFKC (full-width brackets and letters), lower case, no spaces. */
export function foldName(text: string): string {
  return compact(text.normalize('NFKC'));
}

/** The distinct character pairs of a folded text (code points, so a rare character outside the BMP is one). */
export function charPairs(folded: string): string[] {
  const chars = Array.from(folded);
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) pairs.add(`${chars[i]}${chars[i + 1]}`);
  return [...pairs];
}

/** The bucket of a character pair, the same in Node and every browser. */
export const bucketOf = (pair: string, buckets: number): number => fnv1a(pair) % buckets;

export const namesBucketFile = (k: number) => `b${k}.json`;
export const namesRecordFile = (k: number) => `r${k}.json`;
