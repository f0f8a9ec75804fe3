/**
 * Writes the names index (layout and why: src/components/search/names.ts) from the names the
 * pages carry: SearchMeta's hidden `data-search-name` spans (a page's name, then its other names,
 * e.g. a firm's 简称) and its kind, district and street filters, and SearchPeople's
 * `data-search-person` spans (a person the page shows by name, the section and their role).
 * indexSite reads them from every page it indexes; a shard hands its entries to the merge (gongshi-shard-search.json), which
 * writes the index of the union — the same bytes as a whole build, because the files depend only
 * on the set of entries, never on the order they were read in (a page gives several entries, one
 * per person; the same entry twice, a person named twice in one role and section, is one).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import {
  LARGE_BUCKET,
  NAME_KINDS,
  NAMES_VERSION,
  PERSON_KIND,
  bucketOf,
  charPairs,
  foldName,
  namesBucketFile,
  namesRecordAt,
  type NameRecord,
  type NamesManifest,
} from '../components/search/names.ts';
import { cmp } from '../lib/util/compare.ts';
import { removeOthers, writeIfChanged } from '../lib/util/files.ts';
import { groupBy } from '../lib/util/group.ts';

/** Where the index lives in the site; the search page reads it from the same path. */
export const NAMES_DIR = join('search', 'names');
/** Pages' records per chunk: a first screen of ten hits loads at most ten chunks of this many. */
const CHUNK = 32;
/** People's records per chunk (≈ 20 KB): one name's entries are neighbours, so a query loads one or two. */
const PEOPLE_CHUNK = 128;
/**
 * Entries per bucket, on average: a bucket stays a few KB however large the city (people's short
 * names have few pairs each), and the files stay few (≈ 2,000 buckets at 15,000 compounds).
 */
const NAMES_PER_BUCKET = 128;

const ENTITY = /&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescapeHtml = (s: string) =>
  s.replace(ENTITY, (_, e: string) =>
    e.startsWith('#x') || e.startsWith('#X')
      ? String.fromCodePoint(parseInt(e.slice(2), 16))
      : e.startsWith('#')
        ? String.fromCodePoint(Number(e.slice(1)))
        : (NAMED[e.toLowerCase()] ?? _),
  );

/**
 * Every span nameRecords reads, in one pass over the page: its kind, district and street filters
 * (1), its names, and each person (2: section, 3: role); 4 is the span's text. Five passes, one a
 * field, were the names' time on a compound page. The spans hold no tag, so no two overlap and one
 * pass finds what a pass for each would.
 */
const NAME_SPAN =
  /<span data-(?:pagefind-filter="(kind|district|street)"|search-name|search-person="([^"]*)" data-search-role="([^"]*)")>([^<]*)<\/span>/g;

/**
 * The page's names entries: its own (when its kind is one a searcher looks up by name), then one
 * per person it names, or none.
 */
export function nameRecords(url: string, html: string): NameRecord[] {
  const first = new Map<string, string>();
  const named: string[] = [];
  const shownPeople: [section: string, role: string, shown: string][] = [];
  for (const [, filter, section, role, text = ''] of html.matchAll(NAME_SPAN)) {
    if (filter !== undefined) {
      if (!first.has(filter)) first.set(filter, unescapeHtml(text));
    } else if (section === undefined) named.push(unescapeHtml(text));
    else shownPeople.push([section, role ?? '', text]);
  }
  const kind = first.get('kind');
  if (!kind || !(NAME_KINDS as readonly string[]).includes(kind)) return [];
  const [name, ...aliases] = named;
  if (!name) return [];
  const district = first.get('district') ?? '';
  const street = first.get('street') ?? '';
  const others = [...new Set(aliases)].filter((a) => a !== name && foldName(a) !== '');
  const people: NameRecord[] = [];
  for (const [section, role, shown] of shownPeople) {
    const person = unescapeHtml(shown).trim();
    if (foldName(person) !== '')
      people.push([`${url}#${unescapeHtml(section)}`, person, PERSON_KIND, district, street, unescapeHtml(role), name]);
  }
  return [[url, name, kind, district, street, '', '', ...others], ...people];
}

/** Code points, not UTF-16 units (a rare character outside the BMP is one), without a list of them. */
function codePoints(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n--;
      i++;
    }
  }
  return n;
}

interface Ranked {
  r: NameRecord;
  /** Its JSON, the last key of the order and the record's identity in namesIndex. */
  json: string;
  /** Its name folded (foldName), which its character pairs are taken from too. */
  folded: string;
}

/**
 * Display order, which is id order (why: names.ts): pages before people, shorter names first,
 * NAME_KINDS order for pages and the name for people, then URL, then the whole entry (a person
 * in two roles on one page). Each record's keys are worked out once, not in every comparison:
 * folding the names again and again was most of the index's time at city scale.
 */
function byRank(records: Iterable<[json: string, r: NameRecord]>): Ranked[] {
  const keyed = Array.from(records, ([json, r]) => {
    const person = r[2] === PERSON_KIND;
    const folded = foldName(r[1]);
    return {
      r,
      json,
      folded,
      person: Number(person),
      length: codePoints(folded),
      kind: person ? 0 : (NAME_KINDS as readonly string[]).indexOf(r[2]),
    };
  });
  keyed.sort(
    (a, b) =>
      a.person - b.person ||
      a.length - b.length ||
      (a.person ? cmp(a.folded, b.folded) : a.kind - b.kind) ||
      cmp(a.r[0], b.r[0]) ||
      cmp(a.json, b.json),
  );
  return keyed;
}

/** The names index's files (path under NAMES_DIR → text) and its manifest. */
export interface NamesIndex {
  manifest: NamesManifest;
  files: [path: string, text: string][];
}

/** Writes `<siteDir>/search/names/` for these entries (a page's own: one per URL); returns the manifest. */
export function writeNamesIndex(siteDir: string, records: readonly NameRecord[]): NamesManifest {
  const index = namesIndex(records);
  writeNames(siteDir, index);
  return index.manifest;
}

/** The names index of these entries (a page's own: one per URL), the same for the same set of entries. */
export function namesIndex(records: readonly NameRecord[]): NamesIndex {
  const byUrl = new Map<string, NameRecord>();
  const unique = new Map<string, NameRecord>();
  for (const r of records) {
    const key = JSON.stringify(r);
    if (r[2] !== PERSON_KIND) {
      const seen = byUrl.get(r[0]);
      if (seen && JSON.stringify(seen) !== key) throw new Error(`搜索名称索引:页面 ${r[0]} 在两个分片中的名称不同。`);
      byUrl.set(r[0], r);
    }
    unique.set(key, r);
  }
  const ranked = byRank(unique);
  const sorted = ranked.map((k) => k.r);
  const buckets = 2 ** Math.max(0, Math.ceil(Math.log2(sorted.length / NAMES_PER_BUCKET)));
  const lists: Map<string, number[]>[] = Array.from({ length: buckets }, () => new Map());
  ranked.forEach(({ r, folded }, id) => {
    // Most records have no alias, and one name's pairs are distinct already.
    const pairs =
      r.length > 7
        ? new Set(
            r
              .slice(7)
              .map(foldName)
              .concat(folded)
              .flatMap((n) => charPairs(n)),
          )
        : charPairs(folded);
    for (const pair of pairs) {
      const bucket = lists[bucketOf(pair, buckets)]!;
      const ids = bucket.get(pair);
      if (ids) ids.push(id);
      else bucket.set(pair, [id]);
    }
  });
  const files = new Map<string, string>();
  lists.forEach((bucket, k) => {
    const pairs = [...bucket.keys()].sort(cmp);
    // Gaps, not ids: a long list (物业 in every firm) costs a few digits per name.
    const gapped = pairs.map((p) => [p, bucket.get(p)!.map((id, i, ids) => (i === 0 ? id : id - ids[i - 1]!))]);
    files.set(namesBucketFile(k), JSON.stringify(Object.fromEntries(gapped)));
  });
  const people = sorted.findIndex((r) => r[2] === PERSON_KIND);
  const large = lists.flatMap((_, k) => (files.get(namesBucketFile(k))!.length >= LARGE_BUCKET ? [k] : []));
  const layout = {
    buckets,
    large,
    chunk: CHUNK,
    people: people < 0 ? sorted.length : people,
    peopleChunk: PEOPLE_CHUNK,
  };
  const chunks = groupBy(sorted.keys(), (id) => namesRecordAt(id, layout).file);
  for (const [file, ids] of chunks) files.set(file, JSON.stringify(ids.map((id) => sorted[id])));
  const digest = createHash('sha256');
  for (const [name, text] of [...files].sort((a, b) => cmp(a[0], b[0]))) digest.update(`${name}\0${text}\0`);
  const hash = digest.digest('hex').slice(0, 12);
  const manifest: NamesManifest = { version: NAMES_VERSION, hash, count: sorted.length, ...layout };
  return {
    manifest,
    files: [
      ...[...files].map(([name, text]): [string, string] => [`${hash}/${name}`, text]),
      ['index.json', JSON.stringify(manifest)],
    ],
  };
}

/**
 * Puts `index` in `<siteDir>/search/names/`, writing only the files whose bytes differ from what
 * is there: the last index's folder is renamed to this one's hash first (most of its files are
 * the same when a few names changed), and what is not part of `index` is removed.
 */
export function writeNames(siteDir: string, index: NamesIndex): void {
  const root = join(siteDir, NAMES_DIR);
  const hash = index.manifest.hash;
  mkdirSync(root, { recursive: true });
  const folders = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory());
  const last = folders.find((d) => d.name !== hash);
  if (last && !folders.some((d) => d.name === hash)) renameSync(join(root, last.name), join(root, hash));
  mkdirSync(join(root, hash), { recursive: true });
  for (const [path, text] of index.files) writeIfChanged(join(root, path), text);
  removeOthers(root, new Set(index.files.map(([path]) => path)));
}
