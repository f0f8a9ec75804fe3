/**
 * What a set of folders holds, as one digest: the sharded build's manifest says which sources a
 * shard was built from, and a validated snapshot (validate/snapshot.ts) which sources it checked.
 */
import { createHash, type Hash } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { filesUnder } from '../util/files.ts';

/**
 * Read through one reused buffer, not whole: a shard hashes its 290 MB of inputs twice (the
 * snapshot's key, the manifest) and `readFileSync` made a new buffer of each file, whose pages the
 * system had to fault in — half the CPU of the hashing at 15,000 compounds (bench/README.md, h21k).
 */
const chunk = Buffer.allocUnsafe(1 << 20);

/** `h` updated with the file's bytes. Throws as `readFileSync` would (ENOENT for a missing file). */
export function hashFile(h: Hash, abs: string): Hash {
  const fd = openSync(abs, 'r');
  try {
    for (let n; (n = readSync(fd, chunk, 0, chunk.length, null)) > 0;) h.update(chunk.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return h;
}

/** sha256 over the folders' file paths and bytes; a missing folder adds nothing. */
export function sourcesDigest(dirs: readonly string[]): string {
  const h = createHash('sha256');
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const f of filesUnder(dir)) hashFile(h.update(`${f}\0`), join(dir, f)).update('\0');
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
