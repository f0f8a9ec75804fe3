/**
 * A checked file of the search step's cache (search-cache.ts): the sha1 of its body, then the body,
 * written under a temporary name and renamed, so that a reader finds the whole file or none. Kept
 * apart so that the thread that writes the caches off the main one (search-writes-worker.ts) loads
 * only this.
 */
import { closeSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname } from 'node:path';

export const sha1 = (body: Uint8Array): Buffer => createHash('sha1').update(body).digest();

/** `body` framed with `digest` (its sha1, made here unless given) into `path`. */
export function writeCheckedFile(path: string, body: Uint8Array, digest: Uint8Array = sha1(body)): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.tmp-${process.pid}`;
  // Two writes, not one of the two joined: the bodies run to a hundred megabytes (a join's words).
  const fd = openSync(temp, 'w');
  try {
    for (const bytes of [digest, body])
      for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at, bytes.length - at);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
}
