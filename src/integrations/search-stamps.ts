/**
 * What the search step learnt of each page file the last time it read it, so that a re-publish
 * does not read and hash the whole city's HTML (≈ 25,700 files at 15,000 compounds) to find the
 * few pages Astro rendered: the others it left in place (out-dir.ts), untouched.
 *
 * A file's stamp is its inode, size, and modification and status-change times in nanoseconds. No
 * program can set the status-change time (ctime): writing the file, or setting its times back
 * (`touch -r`, `cp -p`, an archive restored), gives it the clock's time of that moment. A file
 * whose stamp is the one recorded has therefore not been written since it was read, and holds the
 * bytes hashed then, unless it was written again within the same tick of the filesystem's clock
 * as it was read. So a stamp is recorded only for a file whose ctime is older by MARGIN_NS than a
 * probe file written into the site just before the walk: any later write gets a later ctime. A
 * file with any other stamp, or none, is read; a stamp is never more than a reason not to read.
 *
 * The record (`<cacheDir>/search-stamps`) is one checked file (search-cache.ts) holding the site's
 * folder and the run's settings, so a change of code, Pagefind or folder drops it whole.
 */
import { rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildCacheDir } from '../lib/util/cache-dir.ts';
import { readEntry, writeEntry } from './search-cache.ts';

/**
 * How much older than the probe a file's ctime must be for its stamp to be kept: any later write
 * has a ctime no earlier than the probe's on the same clock; the margin is for clocks that round
 * (FAT's 2 s) and is far above the kernel's clock tick (≤ 10 ms). Pages written in the last 2 s
 * before the step are read again next time: a few dozen.
 */
export const STAMP_MARGIN_MS = 2_000;
const MARGIN_NS = BigInt(STAMP_MARGIN_MS) * 1_000_000n;

interface Stored {
  site: string;
  /** Path in the site → [stamp, what `read` returned for it]. */
  pages: [path: string, stamp: string, value: string][];
}

export class PageStamps {
  readonly #file = join(buildCacheDir(), 'search-stamps');
  readonly #settings: string;
  readonly #site: string;
  readonly #limit: bigint;
  readonly #last: Map<string, { stamp: string; value: string }>;
  readonly #next: Stored['pages'] = [];
  /** How many files were read (the others' values came from their stamps). */
  read = 0;

  constructor(settings: string, siteDir: string) {
    this.#settings = settings;
    // Absolute: `npm run build` names the site by its full path, scripts/index-search.ts as given.
    this.#site = resolve(siteDir);
    const probe = join(siteDir, `.gongshi-search-probe-${process.pid}`);
    writeFileSync(probe, '');
    try {
      this.#limit = statSync(probe, { bigint: true }).ctimeNs - MARGIN_NS;
    } finally {
      rmSync(probe, { force: true });
    }
    const stored = readEntry<Stored>(this.#file, settings);
    this.#last = new Map(
      stored?.site === this.#site ? stored.pages.map(([path, stamp, value]) => [path, { stamp, value }]) : [],
    );
  }

  /**
   * What `read` gives for the file `file` (at `path` in the site): from the record when the file's
   * stamp is the recorded one, else from `read`, called after the file's stamp is taken (a write in
   * between leaves a stamp that matches nothing next time).
   */
  value(file: string, path: string, read: () => string): string {
    const s = statSync(file, { bigint: true });
    const stamp = `${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
    const last = this.#last.get(path);
    let value: string;
    if (last?.stamp === stamp) value = last.value;
    else {
      value = read();
      this.read++;
    }
    if (s.ctimeNs < this.#limit) this.#next.push([path, stamp, value]);
    return value;
  }

  /** Records the stamps of this walk in place of the last one's. */
  save(): void {
    writeEntry(this.#file, this.#settings, { site: this.#site, pages: this.#next } satisfies Stored);
  }
}
