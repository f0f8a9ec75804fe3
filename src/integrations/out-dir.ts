/**
 * The re-publishing build (GONGSHI_INCREMENTAL=1) keeps the last build's pages in the output
 * folder instead of letting Astro empty it and copy every unchanged page back from its cache
 * (≈ 25,500 copies, 38 s at 15,000 compounds): Astro reuses a page it may skip without copying
 * when the file is already in place ("(cached)" in its log).
 *
 * That is only exact if every page in place is the one Astro's manifest (`<cacheDir>/
 * incremental-build.json`) says, so the folder is trusted only when the last build that wrote it
 * finished and recorded which manifest its pages are (`<cacheDir>/gongshi-out-dir.json`):
 *
 * - at build start, a folder recorded with this very manifest keeps the manifest's pages (and the
 *   search step's files when `npm run build` indexes after Astro, search-bundles.ts); every other
 *   file goes, so Vite's hashed files, public/ and /admin/ are written afresh as in a full build.
 *   Any other folder is emptied, as Astro would have done.
 * - the record then says "building" until the build is done. A build that stopped halfway (a crash,
 *   a kill) may have overwritten pages, in the folder and in Astro's own cache copies, that the
 *   manifest still describes as they were; so the next build finding "building" deletes the
 *   manifest and the folder, and renders every page.
 * - at build done, the manifest's pages that this build did not produce (a deleted compound, firm
 *   or notice) are removed, with the folders that leaves empty, and the folder is recorded with the
 *   manifest Astro has just written.
 *
 * A build without GONGSHI_INCREMENTAL lets Astro empty the folder and forgets the record.
 * tests/build/incremental.test.ts proves the folder equals a full build's after each edit.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AstroIntegration } from 'astro';
import { incrementalBuildOn, searchStepFollows } from '../lib/dataset/options.ts';
import { filesUnder, removeOthers } from '../lib/util/files.ts';
import { SEARCH_OUTPUTS } from './search-bundles.ts';

/** Astro's manifest of the pages its incremental build may skip (astro/dist/core/build/incremental.js). */
const ASTRO_MANIFEST = 'incremental-build.json';
const RECORD = 'gongshi-out-dir.json';

type OutDirRecord = { state: 'building' } | { state: 'published'; outDir: string; manifest: string };

interface Dirs {
  outDir: string;
  cacheDir: string;
  publicDir: string;
}

const sha1 = (bytes: Buffer) => createHash('sha1').update(bytes).digest('hex');

function readRecord(cacheDir: string): OutDirRecord | undefined {
  try {
    return JSON.parse(readFileSync(join(cacheDir, RECORD), 'utf8')) as OutDirRecord;
  } catch {
    return undefined;
  }
}

function writeRecord(cacheDir: string, record: OutDirRecord): void {
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(join(cacheDir, RECORD), `${JSON.stringify(record)}\n`);
}

function manifestBytes(cacheDir: string): Buffer | undefined {
  try {
    return readFileSync(join(cacheDir, ASTRO_MANIFEST));
  } catch {
    return undefined;
  }
}

/** The output files (relative, '/'-separated) of the pages Astro's manifest lists. */
function manifestPages(outDir: string, manifest: Buffer): string[] {
  const { routes } = JSON.parse(manifest.toString('utf8')) as {
    routes: Record<string, { paths: Record<string, { outputFile: string }> }>;
  };
  const base = pathToFileURL(`${outDir}${sep}`);
  return Object.values(routes).flatMap((r) =>
    Object.values(r.paths).map((p) => toRelative(outDir, fileURLToPath(new URL(p.outputFile, base)))),
  );
}

const toRelative = (outDir: string, file: string) => relative(outDir, file).split(sep).join('/');

/** What the output folder keeps at the start of a build: the pages it holds, by relative path; none when it is emptied. */
function startBuild({ outDir, cacheDir }: Dirs, incremental: boolean, searchFollows: boolean): Set<string> {
  const record = readRecord(cacheDir);
  if (!incremental) {
    // Astro empties the folder itself; a "building" record stays, since Astro's cache copies are what it distrusts.
    if (record?.state === 'published') rmSync(join(cacheDir, RECORD));
    return new Set();
  }
  const manifest = manifestBytes(cacheDir);
  if (record?.state === 'building') rmSync(join(cacheDir, ASTRO_MANIFEST), { force: true });
  const trusted =
    record?.state === 'published' && record.outDir === outDir && manifest && record.manifest === sha1(manifest);
  const kept = new Set(trusted ? manifestPages(outDir, manifest) : []);
  const keep = new Set(kept);
  if (searchFollows) for (const output of SEARCH_OUTPUTS) for (const f of outputFiles(outDir, output)) keep.add(f);
  // Written before anything in the folder changes: from here on a stop leaves "building".
  writeRecord(cacheDir, { state: 'building' });
  removeOthers(outDir, keep);
  return kept;
}

/** The files of `output` (a file or folder under the site) that are in `outDir`, relative to it. */
function outputFiles(outDir: string, output: string): string[] {
  const path = join(outDir, output);
  const stat = statSync(path, { throwIfNoEntry: false });
  if (stat?.isFile()) return [output];
  if (!stat?.isDirectory()) return [];
  return filesUnder(path).map((f) => `${output}/${f}`);
}

/**
 * At the end of an incremental build: removes the kept pages this build did not produce (`produced`,
 * absolute paths; a public/ file of the same path is one), then records the folder as published.
 */
function finishBuild({ outDir, cacheDir, publicDir }: Dirs, kept: ReadonlySet<string>, produced: string[]) {
  const made = new Set(produced.map((f) => toRelative(outDir, f)));
  if (existsSync(publicDir)) for (const f of filesUnder(publicDir)) made.add(f);
  for (const page of kept) if (!made.has(page)) removeWithEmptyFolders(outDir, page);
  const manifest = manifestBytes(cacheDir);
  // No manifest, no pages Astro may skip: the folder is trusted for nothing, and the record stays "building".
  if (manifest) writeRecord(cacheDir, { state: 'published', outDir, manifest: sha1(manifest) });
}

function removeWithEmptyFolders(outDir: string, page: string): void {
  const file = join(outDir, page);
  rmSync(file, { force: true });
  for (let dir = dirname(file); dir.startsWith(outDir + sep); dir = dirname(dir)) {
    if (readdirSync(dir).length > 0) break;
    rmdirSync(dir);
  }
}

export default function outDir(): AstroIntegration {
  const incremental = incrementalBuildOn();
  let dirs: Dirs | undefined;
  let kept = new Set<string>();
  return {
    name: 'gongshi:out-dir',
    hooks: {
      'astro:config:setup': ({ command, updateConfig }) => {
        if (command === 'build' && incremental) updateConfig({ vite: { build: { emptyOutDir: false } } });
      },
      'astro:config:done': ({ config }) => {
        dirs = {
          outDir: resolve(fileURLToPath(config.outDir)),
          cacheDir: resolve(fileURLToPath(config.cacheDir)),
          publicDir: resolve(fileURLToPath(config.publicDir)),
        };
      },
      'astro:build:start': () => {
        kept = startBuild(dirs!, incremental, searchStepFollows());
      },
      'astro:build:done': ({ assets }) => {
        if (!incremental) return;
        finishBuild(
          dirs!,
          kept,
          [...assets.values()].flatMap((urls) => urls.map((u) => fileURLToPath(u))),
        );
      },
    },
  };
}
