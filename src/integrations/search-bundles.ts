/**
 * The site's two Pagefind bundles. One bundle of every indexed page makes the first full-text
 * query grow with the city: Pagefind loads its whole page list (`pf_meta`) before any answer,
 * and at 15,000 compounds the compound pages' entries alone are ≈ 130 KB of it, while a word many
 * compound pages hold (电梯, 停车费) has a chunk that grows with them too (bench/README.md, h10f).
 * So the compound pages get a bundle of their own, which the search page loads only after the
 * other pages' results are on screen and shows as a group of its own (search-client.ts); a
 * compound is still found by name first, from the names index.
 *
 * Each bundle is what one Pagefind run over its pages writes (pagefind-merge.ts), in
 * `<site>/<root>/pagefind/`. The second one carries its own copy of Pagefind's script, worker and
 * WebAssembly (not the UI files, which the site does not use): a second instance of the first
 * bundle's script (its createInstance) shares that script's worker, whose one WebAssembly module
 * the second instance's start replaces under the first one's index (its searches then fail with
 * "memory access out of bounds"). Loaded from its own folder, the script is a module of its own,
 * with a worker of its own.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { cmp } from '../lib/util/compare.ts';
import { writeIfChanged } from '../lib/util/files.ts';
import { NAMES_DIR } from './search-names.ts';
import { compoundsPagefindHref, compoundsSortsHref, pagefindHref } from '../lib/views/urls.ts';

export interface SearchBundle {
  /** The folder under the site that holds the bundle's `pagefind/` ('' is the site itself). */
  root: string;
  /** Whether the indexed page at `url` belongs in this bundle. */
  holds(url: string): boolean;
  /** Which of Pagefind's own files (its scripts, styles and WebAssembly, by path in the bundle) it carries. */
  scripts: RegExp;
  /** The search step's folder for this bundle's last join (search-cache.ts JoinCache). */
  joinCache: string;
  /**
   * Where (under the site) the names of the sorts its pages carry are written, for a bundle whose
   * pages may not carry every sort the search page offers: Pagefind's WebAssembly traps on a sort
   * its bundle does not hold (compound pages have no `score`), so the page asks it only for these.
   */
  sortsFile?: string;
}

/** A compound's page (compoundHref); the compound list and district lists are not indexed. */
const COMPOUND_PAGE = /^\/compound\/[^/]+\/$/;

/** The folder of a bundle whose URL is `href` (…/pagefind/), under the site. */
const rootOf = (href: string) => href.replace(/^\//, '').replace(/\/?pagefind\/$/, '');

export const SEARCH_BUNDLES: readonly SearchBundle[] = [
  { root: rootOf(pagefindHref), holds: (url) => !COMPOUND_PAGE.test(url), scripts: /^/, joinCache: 'search-join' },
  {
    root: rootOf(compoundsPagefindHref),
    holds: (url) => COMPOUND_PAGE.test(url),
    scripts: /^(pagefind\.js|pagefind-worker\.js|wasm\.[^/]+\.pagefind)$/,
    joinCache: 'search-join-compounds',
    sortsFile: compoundsSortsHref.slice(1),
  },
];

/**
 * What the search step writes into the site (paths under it, '/'-separated): each bundle's
 * `pagefind/` and sorts file, and the names index. The step brings them up to date in place
 * whatever they held, so a re-publishing build leaves them for it (out-dir.ts).
 */
export const SEARCH_OUTPUTS: readonly string[] = [
  ...SEARCH_BUNDLES.map((b) => (b.root ? `${b.root}/pagefind` : 'pagefind')),
  ...SEARCH_BUNDLES.flatMap((b) => (b.sortsFile ? [b.sortsFile] : [])),
  NAMES_DIR.split(sep).join('/'),
];

/** Writes each bundle's sortsFile: the sorts of its pages among `sortValues` (every indexed page's, URL → sort → value). */
export function writeBundleSorts(site: string, sortValues: Record<string, Record<string, string>>): void {
  for (const { holds, sortsFile } of SEARCH_BUNDLES) {
    if (!sortsFile) continue;
    const held = Object.entries(sortValues).filter(([url]) => holds(url));
    const names = [...new Set(held.flatMap(([, sorts]) => Object.keys(sorts)))].sort(cmp);
    mkdirSync(dirname(join(site, sortsFile)), { recursive: true });
    writeIfChanged(join(site, sortsFile), `${JSON.stringify(names)}\n`);
  }
}
