/**
 * One archive with every table for bulk download: the same CSV bytes as the
 * single downloads plus datapackage.json, so the archive opens as a Data Package.
 * Entries are dated with the data's as-of date and listed in a fixed order, so
 * the archive is byte-identical from build to build.
 *
 * fflate writes the zip container; the deflating is node's native zlib (the
 * Node version is pinned, so its bytes are too): fflate's level 9 in JavaScript
 * was ~4× the CPU of zlib's level 6 for larger output, and a city's district
 * archives are gigabytes of CSV and JSON to compress (DEFLATE_LEVEL says why 1).
 */
import { Zip, type ZipInputFile } from 'fflate';
import { crc32, createDeflateRaw } from 'node:zlib';
import { once } from 'node:events';
import { cmp } from '../util/compare.ts';

/** A file's text or UTF-8 bytes, whole or in pieces (each piece whole characters). */
type Content = string | Uint8Array | Iterable<string>;

export interface ArchiveEntry {
  path: string;
  /**
   * The file's content, or a function giving it when the archive comes to it: a district's
   * archive then holds one compound's file at a time, and a whole table's CSV comes in pieces
   * (opendata/table.ts), so not even one file's text is held whole.
   */
  text: Content | (() => Content);
}

/** A file's content already deflated (`deflate`), when the same file goes into more than one archive. */
export interface DeflatedEntry {
  path: string;
  deflated: () => Promise<Deflated>;
}

/**
 * zlib's fastest level. On the district archives and the city archive of 5,000 compounds (415 MB of
 * CSV and JSON) level 6 took 5.4–5.7 s of CPU and level 1 1.6–1.9 s, for 15.7 % more bytes
 * (54.1 → 62.6 MB): downloads fetched now and then, against CPU every build pays, a third of it
 * again in each re-publish's district archive (bench/README.md, "the archives at zlib's level 1").
 * Any level unzips the same.
 */
export const DEFLATE_LEVEL = 1;

/** A file deflated at DEFLATE_LEVEL with its uncompressed size and CRC-32: an archive entry's body. */
export interface Deflated {
  body: Uint8Array<ArrayBuffer>;
  size: number;
  crc: number;
}

/** Zip's method number for deflate (APPNOTE 4.4.5). */
const DEFLATE = 8;

/**
 * One file deflated piece by piece, with its size and CRC: only its compressed bytes are held.
 * zlib's output does not depend on how its input is split (no flush until the end), so the
 * bytes are those of deflating the whole file at once (tests/unit/opendata/archive.test.ts).
 */
export async function deflate(content: Content | AsyncIterable<Uint8Array>): Promise<Deflated> {
  const pieces = typeof content === 'string' || content instanceof Uint8Array ? [content] : content;
  const deflate = createDeflateRaw({ level: DEFLATE_LEVEL });
  const out: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => out.push(chunk));
  const ended = once(deflate, 'end');
  let size = 0;
  let crc = 0;
  let taken: Promise<unknown> | undefined;
  // The next piece is made (the loop's step) while zlib deflates the last one on its thread
  // pool: waiting for zlib before making it left both in turn on one core. At most two pieces
  // not yet deflated are held, the one zlib has and the one waiting for it.
  // A worker's pieces come as their rows do (city-downloads.ts); a sync iterable is awaited piece by piece too.
  for await (const piece of pieces) {
    const raw = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
    size += raw.length;
    crc = crc32(raw, crc);
    await taken;
    taken = deflate.write(raw) ? undefined : once(deflate, 'drain');
  }
  await taken;
  deflate.end();
  await ended;
  // concat copies into a new, unshared ArrayBuffer.
  return { body: Buffer.concat(out) as Uint8Array<ArrayBuffer>, size, crc };
}

/**
 * Entries made and deflated at once. Each entry waited for in turn left the render thread idle
 * while zlib deflated it, and zlib idle while the thread wrote the next file's text (a district's
 * JSON and compound CSVs, the city's tables); with a few in flight the text is written on one
 * core while zlib's thread pool deflates on the other. Only these few files' text and zlib states
 * are held besides the compressed bodies, which the archive holds anyway.
 */
const IN_FLIGHT = 4;

/** An entry's compressed body, its making begun now (a text that cannot be made rejects it). */
async function deflated(e: ArchiveEntry | DeflatedEntry): Promise<Deflated> {
  return 'deflated' in e ? e.deflated() : deflate(typeof e.text === 'function' ? e.text() : e.text);
}

/**
 * The archive of `entries`, listed in path order. They are made in the order given, a few at a
 * time (IN_FLIGHT): the largest first (a district's JSON) is deflated beside the rest instead of
 * alone at the end.
 */
export async function dataArchive(
  entries: readonly (ArchiveEntry | DeflatedEntry)[],
  asOf: string,
): Promise<Uint8Array> {
  // Zip times are local wall-clock fields: a Date built from local fields writes the
  // same bytes in every time zone (a UTC instant would not).
  const [y, m, d] = asOf.split('-').map(Number);
  const mtime = new Date(y!, m! - 1, d!);
  const parts: Uint8Array[] = [];
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    parts.push(chunk);
  });
  // Each entry's body as it will be, made or not: the zip may come to an entry not begun yet.
  const bodies = entries.map(() => {
    const body = Promise.withResolvers<Deflated>();
    // Its failure is thrown when the zip comes to it, not reported as unhandled before then.
    body.promise.catch(() => undefined);
    return body;
  });
  let begun = 0;
  let running = 0;
  const more = () => {
    while (running < IN_FLIGHT && begun < entries.length) {
      const { resolve, reject } = bodies[begun]!;
      running++;
      deflated(entries[begun++]!)
        .then(resolve, reject)
        .finally(() => {
          running--;
          more();
        });
    }
  };
  more();
  const order = entries.map((_, i) => i).sort((a, b) => cmp(entries[a]!.path, entries[b]!.path));
  try {
    for (const i of order) {
      const { body, size, crc } = await bodies[i]!.promise;
      const e = entries[i]!;
      const file: ZipInputFile = { filename: e.path, size, crc, compression: DEFLATE, mtime };
      zip.add(file);
      // add() has set ondata: the entry's whole compressed body goes in as one final chunk.
      file.ondata!(null, body, true);
    }
  } finally {
    // An archive that failed begins no more of its entries.
    begun = entries.length;
  }
  zip.end();
  return Buffer.concat(parts);
}
