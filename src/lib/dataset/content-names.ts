/**
 * A content file's name is its URL (/notices/<name>/): it must be a safe URL
 * segment, and no two files of a collection may map to the same one. Astro's glob
 * loader lower-cases and slugifies ids, loads only *.mdx and keeps one entry per
 * id, so `x.md` beside `x.mdx`, `DEMO-x` beside `demo-x` or `a b.mdx` would be
 * dropped or renamed without a word.
 */
import type { Dirent } from 'node:fs';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { issue } from '../messages/catalogue.ts';
import type { DataIssue } from '../messages/issue.ts';
import { cmp } from '../util/compare.ts';

const SAFE = /^[a-z0-9]+(?:-[a-z0-9]+)*\.mdx$/;
const CONTENT_FILE = /\.mdx?$/i;

/** What the name would be as a safe segment (a suggestion for the fix). */
function suggestion(name: string): string {
  const base = name
    .replace(CONTENT_FILE, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${base || 'wenzhang'}.mdx`;
}

/** The URL a file would get, for duplicates: case and extension do not make two names differ. */
const slugOf = (name: string) => name.replace(CONTENT_FILE, '').toLowerCase();

function contentFilesUnder(dir: string, prefix: string, out: string[]): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const d of entries) {
    const rel = prefix ? `${prefix}/${d.name}` : d.name;
    if (d.isDirectory()) contentFilesUnder(path.join(dir, d.name), rel, out);
    else if (CONTENT_FILE.test(d.name)) out.push(rel);
  }
}

/**
 * Name issues of one collection folder. `shown` turns a path inside the folder
 * into the path issues show.
 */
export function contentNameIssues(collection: string, dir: string, shown: (rel: string) => string): DataIssue[] {
  const files: string[] = [];
  contentFilesUnder(dir, '', files);
  // Safe names first, so a duplicate is reported on the file that has to be renamed anyway.
  const safe = (rel: string) => (SAFE.test(rel) ? 0 : 1);
  files.sort((a, b) => safe(a) - safe(b) || cmp(a, b));
  const issues: DataIssue[] = [];
  const at = (rel: string) => ({ file: shown(rel), line: 1, column: 1, columnName: '-' });
  const first = new Map<string, string>();
  for (const rel of files) {
    const name = path.posix.basename(rel);
    if (rel !== name || !SAFE.test(name)) {
      issues.push(issue('content-file-name', at(rel), { name: rel, collection, suggestion: suggestion(name) }));
    }
    const slug = slugOf(name);
    const other = first.get(slug);
    if (other === undefined) first.set(slug, rel);
    else issues.push(issue('content-duplicate', at(rel), { other: shown(other), collection, slug }));
  }
  return issues;
}
