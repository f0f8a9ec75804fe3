/**
 * What a set of folders holds, as one digest: the sharded build's manifest says which sources a
 * shard was built from, and a validated snapshot (validate/snapshot.ts) which sources it checked.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** A link to a file is read through like the file (the content loader follows it). */
const linkedFile = (abs: string) => statSync(abs, { throwIfNoEntry: false })?.isFile() === true;

/** Files under `dir`, as sorted '/'-separated relative paths. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() || (d.isSymbolicLink() && linkedFile(join(d.parentPath, d.name))))
    .map((d) => relative(dir, join(d.parentPath, d.name)).split(sep).join('/'))
    .sort();
}

/** sha256 over the folders' file paths and bytes; a missing folder adds nothing. */
export function sourcesDigest(dirs: readonly string[]): string {
  const h = createHash('sha256');
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const f of filesUnder(dir))
      h.update(`${f}\0`)
        .update(readFileSync(join(dir, f)))
        .update('\0');
  }
  return h.digest('hex');
}
