/**
 * What the output's files are, by kind: how many and how many bytes per kind, so the file count
 * a static host sees can be traced to its source (per-compound pages and downloads, the search
 * bundle's fragments and index chunks, everything else).
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export interface KindCount {
  files: number;
  bytes: number;
}

const KINDS: [string, RegExp][] = [
  ['compound page', /^compound\/[^/]+\/index\.html$/],
  ['compound history', /^compound\/[^/]+\/history\/index\.html$/],
  ['compound feed', /^compound\/[^/]+\/feed\.xml$/],
  ['compound csv', /^compound\/[^/]+\/data\.csv$/],
  ['compound json', /^compound\/[^/]+\/data\.json$/],
  // Both Pagefind bundles (src/integrations/search-bundles.ts).
  ['search fragment', /^(search\/compounds\/)?pagefind\/fragment\//],
  ['search index', /^(search\/compounds\/)?pagefind\/index\//],
  ['search other', /^(search\/compounds\/)?pagefind\//],
  ['other html', /\.html$/],
];

export function filesByKind(dir: string): Record<string, KindCount> {
  const out: Record<string, KindCount> = {};
  for (const d of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!d.isFile()) continue;
    const full = join(d.parentPath, d.name);
    const rel = relative(dir, full).split(sep).join('/');
    const kind = KINDS.find(([, re]) => re.test(rel))?.[0] ?? 'other';
    const k = (out[kind] ??= { files: 0, bytes: 0 });
    k.files += 1;
    k.bytes += statSync(full).size;
  }
  return out;
}
