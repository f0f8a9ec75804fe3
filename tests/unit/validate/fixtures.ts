/**
 * Error fixtures are overlays: tests/fixtures/errors/<case>/ holds only the files
 * that differ from tests/fixtures/valid/ (plus an optional DELETE list of paths to
 * remove, and an optional GROW list of `path bytes` lines: files extended with zeros to
 * that size, so a case about a file over the size limit does not commit 10 MB to git). `materialize` copies valid/, applies the overlay in a temp dir, and the
 * dataset is loaded from there so issue paths read `data/x.csv` as in the project.
 */
import { cp, mkdtemp, readFile, readdir, rm, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkDataset } from '../../../src/lib/validate/index.ts';
import { formatIssue } from '../../../src/lib/schema/labels.ts';

const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));
export const VALID_DIR = path.join(FIXTURES, 'valid');
const ERRORS_DIR = path.join(FIXTURES, 'errors');

export async function errorCases(): Promise<string[]> {
  return (await readdir(ERRORS_DIR, { withFileTypes: true }))
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

/**
 * A temp copy outside the repository, so git-based rules (ledger append-only)
 * judge the fixture on its own rather than against the project's history.
 * `errorCase` undefined: the valid fixture alone.
 */
export async function materialize(errorCase?: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), `gongshi-${errorCase ?? 'valid'}-`));
  await cp(VALID_DIR, dir, { recursive: true });
  if (errorCase === undefined) return dir;
  const overlay = path.join(ERRORS_DIR, errorCase);
  await cp(overlay, dir, { recursive: true, filter: (src) => !['DELETE', 'GROW'].includes(path.basename(src)) });
  const deletions = await readFile(path.join(overlay, 'DELETE'), 'utf8').catch(() => '');
  for (const p of deletions.split('\n').filter(Boolean)) await rm(path.join(dir, p));
  const grown = await readFile(path.join(overlay, 'GROW'), 'utf8').catch(() => '');
  for (const [p, bytes] of grown
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split(' '))) {
    await truncate(path.join(dir, p ?? ''), Number(bytes));
  }
  return dir;
}

/** The dataset of an error case, and its issues formatted as `npm run check` prints them. */
export async function loadCase(errorCase?: string) {
  const dir = await materialize(errorCase);
  try {
    const dataset = await checkDataset({ root: dir });
    return { dataset, lines: dataset.issues.map(formatIssue), kinds: dataset.issues.map((i) => i.kind) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
