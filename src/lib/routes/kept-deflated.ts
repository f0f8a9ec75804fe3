/**
 * The deflated whole-table CSVs of the city's archive (/data/gongshi-data.zip), kept between
 * re-publishing builds. The archive has no cache key, since any row changes it, so every
 * re-publish made it again: every table's CSV written and deflated, 11 s at 15,000 compounds for
 * a one-compound edit that touched two tables. Each table's entry is kept under the digest of its
 * rows (download-keys.ts, the digest that lets Astro keep /data/<table>.csv) and the code
 * that made it (the check's: src/lib, src/pages, the lockfile, Node, whose zlib deflates), so
 * only the tables whose rows changed are written and deflated again.
 *
 * An entry is used only when it is intact (sealed.ts) and of this very key; anything else is
 * made again and overwritten. Only a build that re-publishes from the check's cache keeps
 * entries (validate/once.ts `checkedFromCache`); tests/build/incremental.test.ts holds the archive to a
 * full build's after each edit, and after its entries were damaged.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Deflated } from '../opendata/archive.ts';
import type { FromCache } from '../validate/once.ts';
import { unseal, writeSealed } from '../validate/sealed.ts';

type Kept = Pick<FromCache, 'dir' | 'code'>;

const FORMAT = 'gongshi-kept-deflated-1';

interface Entry extends Deflated {
  format: string;
  key: string;
}

const fileOf = (kept: Kept, name: string) => path.join(kept.dir, `${name.replace(/[^A-Za-z0-9_.-]/g, '_')}.bin`);

function read(file: string, key: string): Deflated | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  const sealed = unseal(bytes);
  if (typeof sealed === 'string') return undefined;
  const e = sealed.value as Partial<Entry> | null;
  if (e?.format !== FORMAT || e.key !== key || !(e.body instanceof Uint8Array)) return undefined;
  if (typeof e.size !== 'number' || typeof e.crc !== 'number') return undefined;
  // A copy: the entry's body is a view into the file's bytes.
  return { body: new Uint8Array(e.body), size: e.size, crc: e.crc };
}

/** `name`'s deflated content as kept under `key` (what it is made from) by the last build, else made now and kept. */
export async function keptDeflated(
  kept: Kept,
  name: string,
  key: string,
  make: () => Promise<Deflated>,
): Promise<Deflated> {
  const file = fileOf(kept, name);
  const fullKey = `${kept.code}\0${name}\0${key}`;
  const found = read(file, fullKey);
  if (found) return found;
  const made = await make();
  try {
    mkdirSync(kept.dir, { recursive: true });
    writeSealed(file, { format: FORMAT, key: fullKey, ...made } satisfies Entry);
  } catch {
    // Not kept: the next build makes it again.
  }
  return made;
}
