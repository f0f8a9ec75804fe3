/**
 * docs/architecture.md describes the tree as it is: every folder under src/ and scripts/ is
 * named there (as `path/`), so a folder added without a word in the doc fails here. The
 * collections' own subfolders under src/content/<collection>/ are content, not code.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const DOC = readFileSync(path.join(ROOT, 'docs/architecture.md'), 'utf8');

/** Every folder under `top`, as project-relative paths; `skip` says which not to enter. */
function folders(top: string, skip: (rel: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    out.push(rel);
    for (const d of readdirSync(path.join(ROOT, rel), { withFileTypes: true })) {
      const child = `${rel}/${d.name}`;
      if (d.isDirectory() && !skip(child)) walk(child);
    }
  };
  walk(top);
  return out;
}

const isCollectionContent = (rel: string) => /^src\/content\/[^/]+\/./.test(rel);

describe('docs/architecture.md', () => {
  const tree = [...folders('src', isCollectionContent), ...folders('scripts', () => false)];

  it('finds the folders it checks', () => {
    expect(tree).toContain('src/lib/validate/rules');
    expect(tree).toContain('src/pages/district/[id]');
    expect(tree).toContain('scripts/staff/import');
    expect(tree.some(isCollectionContent)).toBe(false);
  });

  it('names every folder under src/ and scripts/', () => {
    const missing = tree.filter((rel) => !DOC.includes(`\`${rel}/\``));
    expect(missing, 'folders to describe in docs/architecture.md (as `path/`)').toEqual([]);
  });

  it('names no folder that is gone', () => {
    const named = [...DOC.matchAll(/`((?:src|scripts)\/[^`\s*{]*)\/`/g)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(20);
    expect(named.filter((rel) => !tree.includes(rel) && !rel.startsWith('src/content/'))).toEqual([]);
  });
});
