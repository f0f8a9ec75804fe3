/**
 * The deflated whole-table CSVs of the city's archive (/data/gongshi-data.zip), kept between
 * re-publishing builds. The archive has no cache key, since any row changes it, so every
 * re-publish made it again: every table's CSV written and deflated, 11 s at 15,000 compounds for
 * a one-compound edit that touched two tables. Each table's entry is kept under the digest of its
 * rows (download-keys.ts, the digest that lets Astro keep /data/<table>.csv) and the code
 * that made it (the check's: src/lib, src/pages, the lockfile, Node, whose zlib deflates), so
 * only the tables whose rows changed are written and deflated again.
 *
 * An entry is used only when it is intact and of this very key (kept-file.ts); anything else is
 * made again and overwritten. tests/build/incremental.test.ts holds the archive to a full
 * build's after each edit, and after its entries were damaged.
 */
import type { Deflated } from '../opendata/archive.ts';
import { readKept, writeKept, type KeptIn } from './kept-file.ts';

const FORMAT = 'gongshi-kept-deflated-2';

const isDeflated = (e: unknown): e is Deflated => {
  const d = e as Partial<Deflated> | null | undefined;
  return d?.body instanceof Uint8Array && typeof d.size === 'number' && typeof d.crc === 'number';
};

/** `name`'s deflated content as kept under `key` (what it is made from) by the last build, else made now and kept. */
export async function keptDeflated(
  kept: KeptIn,
  name: string,
  key: string,
  make: () => Promise<Deflated>,
): Promise<Deflated> {
  const found = readKept(kept, FORMAT, name, key);
  // A copy: the entry's body is a view into the file's bytes.
  if (isDeflated(found)) return { body: new Uint8Array(found.body), size: found.size, crc: found.crc };
  const made = await make();
  writeKept(kept, FORMAT, name, key, made);
  return made;
}
