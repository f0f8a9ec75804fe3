/**
 * One archive with every table for bulk download: the same CSV bytes as the
 * single downloads plus datapackage.json, so the archive opens as a Data Package.
 * Entries are dated with the data's as-of date and listed in a fixed order, so
 * the archive is byte-identical from build to build.
 */
import { zipSync, strToU8 } from 'fflate';
import { cmp } from '../util/compare.ts';

export interface ArchiveEntry {
  path: string;
  text: string;
}

export function dataArchive(entries: readonly ArchiveEntry[], asOf: string): Uint8Array {
  // Zip times are local wall-clock fields: a Date built from local fields writes the
  // same bytes in every time zone (a UTC instant would not).
  const [y, m, d] = asOf.split('-').map(Number);
  const mtime = new Date(y!, m! - 1, d!);
  const files: Record<string, [Uint8Array, { mtime: Date }]> = {};
  for (const e of [...entries].sort((a, b) => cmp(a.path, b.path))) files[e.path] = [strToU8(e.text), { mtime }];
  return zipSync(files, { level: 9 });
}
