/**
 * The one-file-per-case corpora of the privacy guard and of bad input (data and content).
 * A case is a file named `<case>.<target>.<ext>` (target: a table name → it
 * replaces data/<table>.csv; `notice` → it is added as src/content/notices/<case>.mdx),
 * or, when a case needs two files (an allowance and the value it allows), a folder
 * overlaid on the valid fixture. The dataset is loaded from a temp copy of
 * tests/fixtures/valid/ outside the repository.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PUBLISHED_TAG } from '../../../src/lib/validate/ledger/git-base.ts';
import { checkDataset } from '../../../src/lib/validate/index.ts';
import type { DataIssue } from '../../../src/lib/messages/issue.ts';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));
export const VALID_DIR = path.join(FIXTURES, 'valid');

export async function caseNames(corpus: string): Promise<string[]> {
  return (await readdir(path.join(FIXTURES, corpus))).sort();
}

/** Where a one-file case goes in the dataset. */
function targetOf(name: string): string {
  const m = /^(.+)\.([a-z_]+)\.(csv|mdx)$/.exec(name);
  if (!m) return `src/content/notices/${name}`; // a bare .mdx case is a notice
  const [, base, target, ext] = m;
  if (ext === 'csv') return `data/${target}.csv`;
  return `src/content/${target}s/${base}.mdx`;
}

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@t',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@t',
};
const git = (dir: string, ...args: string[]) => execFileSync('git', ['-C', dir, ...args], { env: GIT_ENV });

/**
 * A case folder with a `published/` overlay stands for a release: the valid fixture plus
 * that overlay is committed on main and tagged `published` (what the publishing workflow
 * does after a deploy), then the rest of the case is applied on top as the edit under check.
 */
async function publish(dir: string, overlay: string): Promise<void> {
  await cp(overlay, dir, { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'release');
  git(dir, 'tag', PUBLISHED_TAG);
}

/** Load the valid fixture with one case applied; returns the issues (paths relative to the temp root). */
export async function loadCase(corpus: string, name: string): Promise<DataIssue[]> {
  const dir = await mkdtemp(path.join(tmpdir(), `gongshi-${corpus}-`));
  try {
    await cp(VALID_DIR, dir, { recursive: true });
    const src = path.join(FIXTURES, corpus, name);
    if ((await stat(src)).isDirectory()) {
      const published = path.join(src, 'published');
      if (existsSync(published)) await publish(dir, published);
      await cp(src, dir, { recursive: true, filter: (p) => p !== published });
    } else {
      const dest = path.join(dir, targetOf(name));
      await mkdir(path.dirname(dest), { recursive: true });
      await cp(src, dest);
    }
    return (await checkDataset({ root: dir })).issues;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** file:line:column kind, the shape the expectations are written in. */
export function located(issues: readonly DataIssue[]): string[] {
  return issues.map((i) => `${i.file}:${i.line}:${i.column} ${i.kind}`);
}
