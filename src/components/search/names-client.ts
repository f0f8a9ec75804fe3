/**
 * The names index in the browser (layout: names.ts): the search page's first answer. A query
 * fetches the manifest, the buckets of its character pairs, and then only the record chunks of
 * the hits it shows, so what a first query loads does not grow with the city.
 */
import { searchNamesHref } from '../../lib/views/urls.ts';
import {
  NAMES_VERSION,
  bucketOf,
  charPairs,
  foldName,
  namesBucketFile,
  namesRecordAt,
  type NameRecord,
  type NamesManifest,
} from './names.ts';

export interface NameHit {
  url: string;
  name: string;
  kind: string;
  district: string;
  street: string;
  /** A person's role where the page names them (业委会主任); '' for a page. */
  role: string;
  /** The page naming a person (the compound or firm); '' for a page. */
  place: string;
  /** The other name (a firm's 简称) that holds the query, when the page's own name does not. */
  alias?: string;
}

export interface NamesAnswer {
  /** The next `n` hits in display order; fewer (or none) at the end. */
  next(n: number): Promise<NameHit[]>;
  /** True when every hit has been handed out. */
  done(): boolean;
}

/** Reads one JSON file of the names index (the site's own origin). Tests hand in one that reads the disk. */
export type ReadJson = (path: string) => Promise<unknown>;

const readJson: ReadJson = async (path) => {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
};

/** Sorted ids from a gap-coded list. */
function ungap(gaps: readonly number[]): number[] {
  let id = 0;
  return gaps.map((g, i) => (id = i === 0 ? g : id + g));
}

/** [those for which `test` holds, the others], each in order. */
function partition<T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] {
  return [items.filter(test), items.filter((item) => !test(item))];
}

/** Ids in both sorted lists. */
function intersect(a: readonly number[], b: readonly number[]): number[] {
  const both: number[] = [];
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i]! < b[j]!) i++;
    else if (a[i]! > b[j]!) j++;
    else {
      both.push(a[i]!);
      i++;
      j++;
    }
  }
  return both;
}

/** The hit a record makes for these folded words, or undefined when some word is in none of its names. */
function hitFor(record: NameRecord, words: readonly string[]): NameHit | undefined {
  const [url, name, kind, district, street, role, place, ...aliases] = record;
  const names = [name, ...aliases].map(foldName);
  if (!words.every((w) => names.some((n) => n.includes(w)))) return undefined;
  const hit: NameHit = { url, name, kind, district, street, role, place };
  const alias = names[0]!.includes(words[0]!)
    ? undefined
    : aliases[names.slice(1).findIndex((n) => n.includes(words[0]!))];
  return alias === undefined ? hit : { ...hit, alias };
}

/**
 * The pages whose name (or other name), and the people whose name, holds every word of the
 * query, or undefined when the names index cannot narrow the query (no word of two characters or
 * more): then only full text can answer.
 */
export async function searchNames(
  terms: readonly string[],
  read: ReadJson = readJson,
  base = searchNamesHref,
): Promise<NamesAnswer | undefined> {
  const words = terms.map(foldName).filter((w) => w !== '');
  const pairs = [...new Set(words.flatMap(charPairs))];
  if (pairs.length === 0) return undefined;
  const manifest = (await read(`${base}index.json`)) as NamesManifest;
  if (manifest.version !== NAMES_VERSION) throw new Error(`names index version ${manifest.version}`);
  const dir = `${base}${manifest.hash}/`;
  const large = new Set(manifest.large);
  const loaded = new Map<number, Record<string, number[]>>();
  /** The candidates holding every pair of `some` and the ids already in `within` (all ids when undefined). */
  const narrow = async (some: readonly string[], within?: number[]) => {
    const ids = [...new Set(some.map((p) => bucketOf(p, manifest.buckets)))].filter((k) => !loaded.has(k));
    const files = await Promise.all(ids.map((k) => read(`${dir}${namesBucketFile(k)}`)));
    ids.forEach((k, i) => loaded.set(k, files[i] as Record<string, number[]>));
    const lists = some
      .map((p) => ungap(loaded.get(bucketOf(p, manifest.buckets))?.[p] ?? []))
      .sort((a, b) => a.length - b.length);
    let found = within ?? lists.shift() ?? [];
    for (const list of lists) found = intersect(found, list);
    return found;
  };
  // The small buckets first: when their pairs have no name in common, a large one cannot add any.
  const [heavy, light] = partition(pairs, (p) => large.has(bucketOf(p, manifest.buckets)));
  let candidates = light.length > 0 ? await narrow(light) : undefined;
  if (candidates === undefined || (candidates.length > 0 && heavy.length > 0))
    candidates = await narrow(heavy, candidates);

  const chunks = new Map<string, Promise<NameRecord[]>>();
  const recordOf = async (id: number) => {
    const { file, at } = namesRecordAt(id, manifest);
    let loaded = chunks.get(file);
    if (!loaded) chunks.set(file, (loaded = read(`${dir}${file}`) as Promise<NameRecord[]>));
    return (await loaded)[at];
  };
  let position = 0;
  return {
    done: () => position >= candidates.length,
    async next(n) {
      const hits: NameHit[] = [];
      // Pairs all present do not prove the words are (人民 and 民路 without 人民路), so each
      // candidate is checked against its record; a batch's chunks are fetched side by side.
      while (hits.length < n && position < candidates.length) {
        const batch = candidates.slice(position, position + n - hits.length);
        position += batch.length;
        const records = await Promise.all(batch.map(recordOf));
        for (const record of records) {
          const hit = record && hitFor(record, words);
          if (hit) hits.push(hit);
        }
      }
      return hits;
    },
  };
}
