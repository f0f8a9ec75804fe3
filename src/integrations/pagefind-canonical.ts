/**
 * Makes Pagefind's output byte-identical from one build to the next.
 *
 * Pagefind (a Rust binary) writes its filter index from a HashMap with a per-process random
 * seed, so the ORDER of the values inside each `filter/*.pf_filter` file, and of the filter and
 * sort lists inside the `.pf_meta` file, changes from run to run. File names are hashes of the
 * contents, so the names change too, and with them `pagefind-entry.json`. Everything else
 * (index chunks, fragments) is already stable in content; the index chunks are cut again here as
 * every served bundle's are (pagefind-chunks.ts) and written with Node's zlib, so that their bytes
 * depend only on their content and not on which program wrote them (pagefind-merge.ts writes them
 * for a sharded build and for the search step's join, docs/sharding.md).
 *
 * This rewrites those files in a fixed order (filter values and names sorted by code point),
 * names them by a hash of the new contents and updates the references. A bundle Pagefind indexed
 * under INDEX_LANGUAGE is renamed to the language it is served as (pagefind-format.ts): every
 * name of its files starts with the language, and the browser picks the entry's by the page's. It understands exactly
 * the layout Pagefind 1.5 writes and refuses (throws) on anything else, rather than emit an
 * index the browser cannot read.
 */
import { cmp } from '../lib/util/compare.ts';
import { chunkFiles, fittedCuts, type IndexWords } from './pagefind-chunks.ts';
import { type BundleFiles, filesOnDisk } from './pagefind-files.ts';
import {
  asList,
  asText,
  type Cbor,
  CborWriter,
  gzipIndexChunk,
  gzipPagefind,
  hashOf,
  INDEX_LANGUAGE,
  pagefindBytes,
  pagefindFile,
  SERVED_LANGUAGE,
} from './pagefind-format.ts';

/** [name, [[value, [page ids]]…]] with the values in code-point order. */
function sortFilterFile(value: Cbor): Cbor {
  const [name, entries] = asList(value, 'filter file');
  const sorted = [...asList(entries, 'filter values')].sort((a, b) =>
    cmp(asText(asList(a, 'filter value')[0], 'filter value'), asText(asList(b, 'filter value')[0], 'filter value')),
  );
  return [asText(name, 'filter name'), sorted];
}

/** Sorts a list of [name, …] pairs by name. */
function sortNamed(list: Cbor | undefined, what: string): Cbor[] {
  return [...asList(list, what)].sort((a, b) =>
    cmp(asText(asList(a, what)[0], what), asText(asList(b, what)[0], what)),
  );
}

/** The words of Pagefind's chunks (`chunkList`, the meta's, in order), and where Pagefind cut them. */
function readChunks(bundle: BundleFiles, chunkList: Cbor | undefined): { index: IndexWords; cuts: number[] } {
  const words: string[] = [];
  const ends: number[] = [];
  const sizes: number[] = [];
  const cuts = [0];
  const w = new CborWriter();
  for (const chunk of asList(chunkList, 'index chunks')) {
    const hash = asText(asList(chunk, 'index chunk')[2], 'chunk hash');
    const [list] = asList(readFile(bundle, `index/${hash}.pf_index`), 'word index');
    for (const item of asList(list, 'words')) {
      const [word, pages] = asList(item, 'word');
      words.push(asText(word, 'word'));
      w.item(item);
      ends.push(w.length);
      let size = 0;
      for (const page of asList(pages, 'word pages')) {
        const [, locs, metaLocs] = asList(page, 'word page');
        size += asList(locs, 'locs').length + asList(metaLocs, 'meta locs').length + 1;
      }
      sizes.push(size);
    }
    cuts.push(words.length);
  }
  return {
    index: { words, items: w.bytes(), ends: Uint32Array.from(ends), sizes: Uint32Array.from(sizes) },
    cuts,
  };
}

/** Pagefind's index chunks of one language's meta, cut again (pagefind-chunks.ts); returns the meta's new chunk list. */
function recut(bundle: BundleFiles, chunkList: Cbor | undefined, language: string): Cbor[] {
  const { index, cuts } = readChunks(bundle, chunkList);
  for (const chunk of asList(chunkList, 'index chunks'))
    bundle.remove(`index/${asText(asList(chunk, 'index chunk')[2], 'chunk hash')}.pf_index`);
  const files = chunkFiles(index, fittedCuts(index.words, index.sizes, cuts), cuts, language);
  for (let file = files.next(); ; file = files.next()) {
    if (file.done) return file.value;
    const [name, bytes] = file.value;
    bundle.write(`index/${name}.pf_index`, gzipIndexChunk(bytes));
  }
}

/**
 * The meta's page list with each fragment renamed from the language `from` to `to`, and the files
 * with it. A fragment's name is the language and its content's hash (pagefind-merge.ts
 * fragmentNames), so the rest of its name stays.
 */
function renamedFragments(bundle: BundleFiles, pageList: Cbor | undefined, from: string, to: string): Cbor[] {
  return asList(pageList, 'pages').map((page) => {
    const [hash, ...rest] = asList(page, 'page');
    const name = asText(hash, 'page hash');
    const renamed = to + name.slice(from.length);
    bundle.rename(`fragment/${name}.pf_fragment`, `fragment/${renamed}.pf_fragment`);
    return [renamed, ...rest];
  });
}

/** The bundle's file at `path`, decoded. */
const readFile = (bundle: BundleFiles, path: string) => pagefindFile(bundle.read(path), `${bundle.dir}/${path}`);

/**
 * Rewrites the order-dependent files of the Pagefind bundle `bundle` (its folder …/pagefind, or its
 * files: pagefind-files.ts) in a canonical order. Returns how many filter files it rewrote.
 * `rewriteIndex: false` when the caller wrote the index chunks itself (the join) or only reads
 * them back (a run's bundle, taken apart by the search step).
 */
export function canonicalizePagefindBundle(bundle: string | BundleFiles, { rewriteIndex = true } = {}): number {
  const files = typeof bundle === 'string' ? filesOnDisk(bundle) : bundle;
  const entry = JSON.parse(files.read('pagefind-entry.json').toString('utf8')) as {
    languages: Record<string, { hash: string }>;
  };
  let rewritten = 0;
  const languages = Object.entries(entry.languages).map(([name, language]): [string, { hash: string }] => [
    name === INDEX_LANGUAGE ? SERVED_LANGUAGE : name,
    language,
  ]);
  for (const [served, language] of languages) {
    const metaPath = `pagefind.${language.hash}.pf_meta`;
    const meta = asList(readFile(files, metaPath), 'meta');
    // Pagefind 1.5 meta: [version, pages, index chunks, filters [[name, file]], sorts [[name, pages]], meta fields]
    if (meta.length !== 6)
      throw new Error(`unexpected Pagefind meta layout (${meta.length} parts) in ${files.dir}/${metaPath}`);
    const indexed = language.hash.replace(/_[0-9a-f]+$/, '');
    const prefix = indexed === INDEX_LANGUAGE ? served : indexed;
    const pages = prefix === indexed ? meta[1]! : renamedFragments(files, meta[1], indexed, prefix);
    const filters = sortNamed(meta[3], 'filter list').map((pair) => {
      const [name, oldHash] = asList(pair, 'filter list');
      const oldPath = `filter/${asText(oldHash, 'filter file')}.pf_filter`;
      const bytes = pagefindBytes(sortFilterFile(readFile(files, oldPath)));
      const newHash = `${prefix}_${hashOf(bytes, 7)}`;
      files.write(oldPath, gzipPagefind(bytes));
      files.rename(oldPath, `filter/${newHash}.pf_filter`);
      rewritten++;
      return [asText(name, 'filter name'), newHash];
    });
    const chunks = rewriteIndex ? recut(files, meta[2], prefix) : meta[2]!;
    const metaBytes = pagefindBytes([meta[0]!, pages, chunks, filters, sortNamed(meta[4], 'sort list'), meta[5]!]);
    const newMetaHash = `${prefix}_${hashOf(metaBytes, 13)}`;
    files.write(metaPath, gzipPagefind(metaBytes));
    files.rename(metaPath, `pagefind.${newMetaHash}.pf_meta`);
    language.hash = newMetaHash;
  }
  entry.languages = Object.fromEntries(languages);
  files.write('pagefind-entry.json', JSON.stringify(entry));
  const leftovers = files.names('filter').length - rewritten;
  if (leftovers !== 0) throw new Error(`${leftovers} Pagefind filter file(s) not listed in any meta file`);
  return rewritten;
}
