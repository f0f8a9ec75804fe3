/**
 * One archive with every table for bulk download: the same CSV bytes as the
 * single downloads plus datapackage.json, so the archive opens as a Data Package.
 * Entries are dated with the data's as-of date and listed in a fixed order, so
 * the archive is byte-identical from build to build.
 *
 * fflate writes the zip container; the deflating is node's native zlib (the
 * Node version is pinned, so its bytes are too): fflate's level 9 in JavaScript
 * was ~4× the CPU of zlib's level 6 for larger output, and a city's district
 * archives are gigabytes of CSV and JSON to compress.
 */
import { Zip, type ZipInputFile } from 'fflate';
import { crc32, deflateRawSync } from 'node:zlib';
import { cmp } from '../util/compare.ts';

export interface ArchiveEntry {
  path: string;
  /**
   * The file's text, or a function giving its text or UTF-8 bytes when the archive comes to it:
   * a district's archive then holds one compound's file at a time, not all of them at once.
   */
  text: string | (() => string | Uint8Array);
}

/** Zip's method number for deflate (APPNOTE 4.4.5). */
const DEFLATE = 8;

export function dataArchive(entries: readonly ArchiveEntry[], asOf: string): Uint8Array {
  // Zip times are local wall-clock fields: a Date built from local fields writes the
  // same bytes in every time zone (a UTC instant would not).
  const [y, m, d] = asOf.split('-').map(Number);
  const mtime = new Date(y!, m! - 1, d!);
  const parts: Uint8Array[] = [];
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    parts.push(chunk);
  });
  for (const e of [...entries].sort((a, b) => cmp(a.path, b.path))) {
    const content = typeof e.text === 'string' ? e.text : e.text();
    const raw = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const file: ZipInputFile = { filename: e.path, size: raw.length, crc: crc32(raw), compression: DEFLATE, mtime };
    zip.add(file);
    // add() has set ondata: the entry's whole compressed body goes in as one final chunk.
    file.ondata!(null, deflateRawSync(raw, { level: 6 }), true);
  }
  zip.end();
  return Buffer.concat(parts);
}
