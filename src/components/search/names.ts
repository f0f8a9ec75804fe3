/**
 * The names index: the first screen of a search, for what most searchers type — the name (or part
 * of it) of a compound, firm, street, district, honour title or notice, or of a person a page names
 * in a role (a committee member, an honoured member of a firm's staff). Pagefind's full-text index
 * answers every query, but its first query loads files that grow with the number of pages (one
 * metadata entry per page, and the chunk of a word on every compound page, such as 物业): ≈ 800 KB at
 * 15,000 compounds (bench/README.md, "Issue 15: first query from a split index"). The names index
 * is split so that a query loads only the buckets of its own character pairs and the few record
 * chunks of its first hits, whatever the size of the city.
 *
 * Layout under /search/names/ (written by src/integrations/search-names.ts, read by
 * names-client.ts; both use this module so they cut and hash names the same way):
 *   index.json        { version, hash, count, buckets, large, chunk, people, peopleChunk } (the only unhashed file)
 *   <hash>/b<k>.json  character pair → ids of the names holding it (each list gap-coded)
 *   <hash>/r<k>.json  pages' records, `chunk` at a time (NameRecord)
 *   <hash>/p<k>.json  people's records (ids from `people` on), `peopleChunk` at a time
 * People outnumber pages about nine to one (every committee member of every term), so their records
 * come in bigger chunks, ordered by name: the files stay few at city scale, and the entries of one
 * name (冯家骏 on each committee they sit on) are neighbours, so a query for a person loads one chunk,
 * two at most.
 * Ids follow the order results are shown in, so the first ids of a pair's list are its best hits:
 * pages before people, then shorter names first (so an exact name comes first), then NAME_KINDS
 * order for pages and the name itself for people. Pages lead because ids are fixed when the site is
 * built, not per query: a person's name shares characters with place names (王海丽 holds 海丽 of 海丽花园),
 * and whoever types part of a compound's name wants the compound; a person's whole name is rarely
 * in any page's name, so a query for a person still opens on that person, the shortest (exact)
 * names first.
 */
import { fnv1a } from '../../lib/util/fnv.ts';
import { compact } from './query.ts';

/** Page kinds (Base's `kind`) whose names are indexed, in the order equally long names are shown. */
export const NAME_KINDS = ['区', '街道', '物业企业', '小区', '荣誉', '公告'] as const;

/** The kind of a person's record (a person has no page of their own: the record leads to where they are named). */
export const PERSON_KIND = '人员';

export const NAMES_VERSION = 3;

export interface NamesManifest {
  version: number;
  /** Names the folder of this build's buckets and records: a cached old file never mixes in. */
  hash: string;
  count: number;
  buckets: number;
  /**
   * The buckets of LARGE_BUCKET bytes or more, in order (a pair in nearly every firm's name, 物业,
   * fills a 10 KB bucket at 15,000 compounds). A query asks for them only once its other pairs'
   * buckets have candidates in common: 物业费 (物业, 业费) holds no name's 业费, and then does not load
   * 物业's bucket at all (bench/README.md, h13q).
   */
  large: number[];
  /** Records per pages' chunk. */
  chunk: number;
  /** The first person's id (= the number of pages). */
  people: number;
  /** Records per people's chunk. */
  peopleChunk: number;
}

/**
 * [url, name, kind, district, street, role, place, ...aliases]; district and street '' when the
 * page has none. A page: role and place ''. A person (kind PERSON_KIND): the url of the page and
 * section naming them, their role there (业委会主任) and the page's name (the compound or firm).
 */
export type NameRecord = [string, string, string, string, string, string, string, ...string[]];

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

/** A bucket file this long or longer is listed in the manifest's `large`. */
export const LARGE_BUCKET = 8_000;

/** The record file holding an id, and the id's place in it. */
export function namesRecordAt(
  id: number,
  m: Pick<NamesManifest, 'chunk' | 'people' | 'peopleChunk'>,
): { file: string; at: number } {
  if (id < m.people) return { file: `r${Math.floor(id / m.chunk)}.json`, at: id % m.chunk };
  const person = id - m.people;
  return { file: `p${Math.floor(person / m.peopleChunk)}.json`, at: person % m.peopleChunk };
}
