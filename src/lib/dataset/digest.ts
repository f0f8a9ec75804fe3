/**
 * What a set of folders holds, as one digest: the sharded build's manifest says which sources a
 * shard was built from, and a validated snapshot (validate/snapshot.ts) which sources it checked.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { filesUnder } from '../util/files.ts';

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
