/**
 * The search step's cache, in the build cache folder (`search-pages/`, `search-chunks/`, `search-join/`): what
 * each indexed page contributed to the index, kept under a sha1 of the page's HTML file as it is
 * on disk, so that a re-publish reads every page but segments and hands to Pagefind only the
 * pages whose bytes changed, and the join (pagefind-merge.ts writeJoined) starts from records,
 * not from Pagefind's gzipped word lists.
 *
 * A page's entry holds its record (pagefind-merge.ts PageRecord: its words and their locations,
 * filters, fields), its fragment's bytes, its sort values and its names records. Everything
 * besides the page's bytes that decides them is the run's `settings`, stored in every file and
 * compared: Pagefind's version and binary, its options and chunk size, the source of search.ts
 * and of every module it imports (the segmenter, the names and sorts read from the HTML, the
 * record format), and Node with its ICU and Unicode versions (Intl.Segmenter cuts the words).
 * Entries are kept in 256 files by a hash of the URL (one page's change rewrites one file of
 * about 1/256 of the city); `search-chunks/` keeps the gzip of each joined index chunk under the
 * sha1 of its content, since the gzip of every chunk was the join's largest cost.
 *
 * A file is trusted only when its sha1 (its first 20 bytes) matches the rest and its settings
 * are this run's; anything else (a half-written file, bytes edited or lost) is deleted and its
 * pages re-indexed. Files are written under a temporary name and renamed.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { sha1, writeCheckedFile } from './search-cache-file.ts';
import type { WriteThread } from './search-writes.ts';
import type { NameRecord } from '../components/search/names.ts';
import type { NamesIndex } from './search-names.ts';
import { buildCacheDir } from '../lib/util/cache-dir.ts';
import { cmp } from '../lib/util/compare.ts';
import { fnv1a } from '../lib/util/fnv.ts';
import type { BundleShape, JoinedWords, PageHead, PageRecord } from './pagefind-merge.ts';
import { gzipIndexChunkAsync } from './pagefind-format.ts';

/** Bumped when an entry's layout changes in a way the settings cannot see. */
const FORMAT = 'gongshi-search-pages-1';
const BUCKETS = 256;
const STATIC = 'static';

/**
 * A content hash of a page file or an entry: sha1 runs at over 1 GB/s here, sha256 at a fifth of
 * that, and every run hashes every page of the city (1 GB at 15,000 compounds). These are our own
 * build's files, not a defence against forged collisions.
 */
export const contentHash = (bytes: Buffer | string): string => createHash('sha1').update(bytes).digest('hex');

/** One indexed page's entry. */
export interface CachedPage {
  url: string;
  /** contentHash of the HTML file it was made from. */
  key: string;
  record: PageRecord;
  /** Its fragment file's bytes, as Pagefind wrote them. */
  fragment: Buffer;
  sorts: Record<string, string> | undefined;
  names: NameRecord[];
}

/** Pagefind's scripts and the shape of its bundles, the same for every page: kept once. */
export interface StaticFiles {
  shape: BundleShape;
  files: [path: string, bytes: Buffer][];
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The source files of search.ts and of every project module it imports, transitively (paths from
 * the project's root): the code that turns a page's HTML into what Pagefind is handed and into
 * its entry.
 */
export function searchCodeFiles(): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(/\bfrom '(\.{1,2}\/[^']+)'/g))
      visit(resolve(dirname(file), m[1]!));
  };
  visit(fileURLToPath(new URL('./search.ts', import.meta.url)));
  return [...seen].map((f) => relative(ROOT, f).split(sep).join('/')).sort(cmp);
}

let code: string | undefined;

/** A change to any of searchCodeFiles re-indexes every page: a code change is rare, and a stale entry would be served. */
function codeDigest(): string {
  if (code !== undefined) return code; // the code of a running process does not change
  const h = createHash('sha1');
  for (const f of searchCodeFiles())
    h.update(`${f}\0`)
      .update(readFileSync(join(ROOT, f)))
      .update('\0');
  code = h.digest('hex');
  return code;
}

/** Everything besides a page's bytes that decides its entry (see the module's comment). */
export function runSettings(binary: string, version: string, options: unknown): string {
  return JSON.stringify({
    format: FORMAT,
    version,
    binaryHash: contentHash(readFileSync(binary)),
    options,
    chunkSize: process.env.PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE ?? null,
    code: codeDigest(),
    node: process.version,
    icu: process.versions.icu ?? null,
    unicode: process.versions.unicode ?? null,
  });
}

/** The body of a file written by writeCheckedFile, or undefined (and the file deleted) when it is damaged or missing. */
function readChecked(path: string): Buffer | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return undefined;
  }
  const body = bytes.subarray(20);
  if (bytes.length >= 20 && createHash('sha1').update(body).digest().equals(bytes.subarray(0, 20))) return body;
  rmSync(path, { force: true });
  return undefined;
}

/** A serialised entry file's contents, or undefined (and the file deleted) unless they were written with `settings`. */
export function readEntry<T>(path: string, settings: string): T | undefined {
  const body = readChecked(path);
  if (body === undefined) return undefined;
  try {
    const { settings: stored, value } = deserialize(body) as { settings: string; value: T };
    if (stored === settings) return value;
  } catch {
    // A body that does not deserialise is as damaged as one that fails its hash.
  }
  rmSync(path, { force: true });
  return undefined;
}

/** `value` serialised with `settings` into a checked file, for readEntry. */
export function writeEntry(path: string, settings: string, value: unknown, writes?: WriteThread): void {
  const body = serialize({ settings, value });
  if (writes) writes.write(path, body);
  else writeCheckedFile(path, body);
}

/** The pages' entries of one run of the search step: looked up, added, then saved and pruned. */
export class PageCache {
  readonly #settings: string;
  readonly #dir = join(buildCacheDir(), 'search-pages');
  /** Each bucket's entries as loaded (by URL), and the entries this run uses. */
  readonly #loaded = new Map<number, Map<string, CachedPage>>();
  readonly #used = new Map<number, CachedPage[]>();
  #changed = new Set<number>();

  constructor(settings: string) {
    this.#settings = settings;
  }

  #bucket(b: number): Map<string, CachedPage> {
    let pages = this.#loaded.get(b);
    if (!pages) {
      const stored = readEntry<CachedPage[]>(join(this.#dir, String(b)), this.#settings) ?? [];
      this.#loaded.set(b, (pages = new Map(stored.map((p) => [p.url, p]))));
    }
    return pages;
  }

  #use(b: number, page: CachedPage): void {
    const used = this.#used.get(b);
    if (used) used.push(page);
    else this.#used.set(b, [page]);
  }

  /** The entry of the page at `url` if it was made from the same bytes (`key`), counted as used. */
  take(url: string, key: string): CachedPage | undefined {
    const b = fnv1a(url) % BUCKETS;
    const page = this.#bucket(b).get(url);
    if (page === undefined || page.key !== key) return undefined;
    this.#use(b, page);
    return page;
  }

  /** A page indexed in this run. */
  add(page: CachedPage): void {
    const b = fnv1a(page.url) % BUCKETS;
    this.#bucket(b);
    this.#use(b, page);
    this.#changed.add(b);
  }

  /** The entry the cache holds for `url`, whatever its bytes: what a changed page contributed last time (JoinCache). */
  previous(url: string): CachedPage | undefined {
    return this.#bucket(fnv1a(url) % BUCKETS).get(url);
  }

  /**
   * Puts the changed pages' new entries in place of their old ones and writes their buckets; every
   * other entry stays as it is (a patched join, JoinCache: the site has the same pages as last time).
   */
  replace(pages: readonly CachedPage[], writes: WriteThread): void {
    const changed = new Set<number>();
    for (const page of pages) {
      const b = fnv1a(page.url) % BUCKETS;
      this.#bucket(b).set(page.url, page);
      changed.add(b);
    }
    for (const b of changed)
      writeEntry(join(this.#dir, String(b)), this.#settings, [...this.#loaded.get(b)!.values()], writes);
  }

  /** Writes the buckets whose entries changed, holding only this run's pages; removes the pages and buckets it did not use. */
  save(writes: WriteThread): void {
    const changed: number[] = [];
    for (const b of this.#loaded.keys()) {
      const used = this.#used.get(b) ?? [];
      if (used.length === 0) rmSync(join(this.#dir, String(b)), { force: true });
      else if (this.#changed.has(b) || used.length !== this.#loaded.get(b)!.size) changed.push(b);
    }
    // Buckets no page of this site falls into any more, and leftovers of an interrupted run:
    // removed before any bucket is handed to the thread, whose files go in under temporary names.
    if (existsSync(this.#dir))
      for (const name of readdirSync(this.#dir))
        if (name !== STATIC && !this.#used.has(Number(name))) rmSync(join(this.#dir, name), { force: true });
    for (const b of changed) writeEntry(join(this.#dir, String(b)), this.#settings, this.#used.get(b), writes);
  }

  staticFiles(): StaticFiles | undefined {
    return readEntry<StaticFiles>(join(this.#dir, STATIC), this.#settings);
  }

  saveStaticFiles(files: StaticFiles): void {
    writeEntry(join(this.#dir, STATIC), this.#settings, files);
  }
}

/**
 * The gzip of each joined index chunk, by the sha1 of its content (and the run's settings, which
 * include the gzip code): a re-publish rewrites every chunk, but the words of most are unchanged.
 */
export class ChunkCache {
  readonly #dir = join(buildCacheDir(), 'search-chunks');
  readonly #prefix: string;
  readonly #used = new Set<string>();

  constructor(settings: string) {
    this.#prefix = contentHash(settings).slice(0, 16);
  }

  /** `bytes` gzipped as gzipIndexChunk does: from the cache, or compressed on the thread pool (and kept). */
  gzip(bytes: Buffer): Buffer | Promise<Buffer> {
    const name = `${this.#prefix}-${contentHash(bytes)}`;
    this.#used.add(name);
    const path = join(this.#dir, name);
    const cached = readChecked(path);
    if (cached !== undefined) return cached;
    return gzipIndexChunkAsync(bytes).then((gz) => {
      writeCheckedFile(path, gz);
      return gz;
    });
  }

  /** Removes the chunks this run did not write. */
  prune(): void {
    if (existsSync(this.#dir))
      for (const name of readdirSync(this.#dir))
        if (!this.#used.has(name)) rmSync(join(this.#dir, name), { force: true });
  }
}

/** A page of the last join as JoinCache keeps it: its entry less its words, which the join holds. */
export interface JoinedPage {
  url: string;
  /** contentHash of the HTML file. */
  key: string;
  head: PageHead;
  fragment: Buffer;
  sorts: Record<string, string> | undefined;
  names: NameRecord[];
}

/** The last join of the search step: its pages in the join's order, its words, and the names index of its pages. */
export interface JoinState {
  pages: JoinedPage[];
  words: JoinedWords;
  names?: NamesIndex;
}

/**
 * The last run's join of one search bundle (`search-join/`, `search-join-compounds/`), so that a re-publish patches it (pagefind-patch.ts)
 * instead of loading every page's entry and joining all their words. Two files: `state` (the
 * pages, the words' list, ends and sizes, with the sha1 of `items`) and `items` (the words'
 * bytes). Both are checked as every cache file is, and `state` must name the very `items` file
 * beside it: a file of another run, damaged or missing, and the step joins from scratch.
 */
export class JoinCache {
  readonly #settings: string;
  readonly #dir: string;

  /** `folder`: one per search bundle (search-bundles.ts), each bundle being joined on its own. */
  constructor(settings: string, folder: string) {
    this.#settings = settings;
    this.#dir = join(buildCacheDir(), folder);
  }

  load(): JoinState | undefined {
    const state = readEntry<Omit<JoinState, 'words'> & { words: Omit<JoinedWords, 'items'>; items: string }>(
      join(this.#dir, 'state'),
      this.#settings,
    );
    if (state === undefined) return undefined;
    const items = readChecked(join(this.#dir, 'items'));
    if (items === undefined || contentHash(items) !== state.items) return undefined;
    return { pages: state.pages, words: { ...state.words, items }, names: state.names };
  }

  /** Saves `state` by `writes`: its words' bytes are copied, the caller may go on using them. */
  save({ pages, words: { items, ...words }, names }: JoinState, writes: WriteThread): void {
    const digest = sha1(items);
    writes.write(join(this.#dir, 'items'), new Uint8Array(items), digest);
    writes.write(
      join(this.#dir, 'state'),
      serialize({ settings: this.#settings, value: { pages, words, names, items: digest.toString('hex') } }),
    );
  }
}
