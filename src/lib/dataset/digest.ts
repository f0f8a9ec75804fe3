/**
 * What a set of folders holds, as one digest: the sharded build's manifest says which sources a
 * shard was built from, and a validated snapshot (validate/snapshot.ts) which sources it checked.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

/**
 * The code a cache entry was made by: the given source folders, the locked dependencies and Node.
 * What the check keeps and what the content loader renders are reused only under the same code.
 */
export function codeDigest(dirs: readonly string[]): string {
  const lock = fileURLToPath(new URL('../../../package-lock.json', import.meta.url));
  const locked = existsSync(lock) ? createHash('sha256').update(readFileSync(lock)).digest('hex') : '';
  return createHash('sha256')
    .update(`${sourcesDigest(dirs)}\0${locked}\0${process.version}`)
    .digest('hex');
}
