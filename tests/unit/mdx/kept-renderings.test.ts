/**
 * In a build the gate's check renders every article (rules/mdx-compile.ts) and the content loader
 * takes that rendering instead of rendering again (mdx/pipeline.ts, `keepRenderings`). What it
 * takes must be what it would have rendered: for every bundled article the check's rendering
 * equals the loader's own, and a rendering is handed over only for the same file, options and body,
 * once, and only while kept.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { blankFrontMatter } from '../../../src/lib/dataset/content.ts';
import { keepRenderings, renderContent, type Rendered } from '../../../src/lib/mdx/pipeline.ts';

const ROOT = process.cwd();
const PUBLIC = path.join(ROOT, 'public');
const CONTENT = path.join(ROOT, 'src/content');
const articles = readdirSync(CONTENT).flatMap((c) =>
  readdirSync(path.join(CONTENT, c))
    .filter((f) => f.endsWith('.mdx'))
    .map((f) => path.join(CONTENT, c, f)),
);

const asChecked = (body: string, file: URL): Rendered | undefined => {
  const r = renderContent(body, file, { publicDir: PUBLIC, collect: [] });
  return 'rendered' in r ? r.rendered : undefined;
};
const asLoaded = (body: string, file: URL, publicDir = PUBLIC): Rendered | undefined => {
  const r = renderContent(body, file, { publicDir });
  return 'rendered' in r ? r.rendered : undefined;
};

afterEach(() => keepRenderings(false));

describe('the check renders each clean article as the loader does', () => {
  it('for every bundled article', () => {
    expect(articles.length).toBeGreaterThan(10);
    for (const abs of articles) {
      const body = blankFrontMatter(readFileSync(abs, 'utf8'));
      const file = pathToFileURL(abs);
      const checked = asChecked(body, file);
      expect(checked, abs).toBeDefined();
      expect(asLoaded(body, file), abs).toEqual(checked);
    }
  });
});

describe('keepRenderings', () => {
  const file = pathToFileURL('/site/src/content/notices/x.mdx');
  const body = '# 标题\n\n第一段,**加粗**。\n';

  it("hands the check's rendering to the loader once", () => {
    keepRenderings(true);
    const checked = asChecked(body, file);
    expect(checked?.html).toContain('<h1');
    const taken = asLoaded(body, file);
    expect(taken).toBe(checked);
    // Taken: the next load renders again, to the same HTML.
    const again = asLoaded(body, file);
    expect(again).not.toBe(checked);
    expect(again).toEqual(checked);
  });

  it('hands nothing over for another body, file or public folder, or when not kept', () => {
    keepRenderings(true);
    const checked = asChecked(body, file);
    expect(asLoaded(`${body}\n另一段。\n`, file)).not.toBe(checked);
    expect(asLoaded(body, pathToFileURL('/site/src/content/notices/y.mdx'))).not.toBe(checked);
    expect(asLoaded(body, file, '/elsewhere/public')).not.toBe(checked);
    // The same folder written as Astro gives it, with a trailing slash, is the same folder.
    expect(asLoaded(body, file, `${PUBLIC}/`)).toBe(checked);
    keepRenderings(false);
    expect(asLoaded(body, file)).not.toBe(checked);
  });

  it('keeps nothing of an article the check found a problem in', () => {
    keepRenderings(true);
    const bad = '<p onclick="x()">点</p>\n';
    const r = renderContent(bad, file, { publicDir: PUBLIC, collect: [] });
    expect('findings' in r && r.findings.length).toBeGreaterThan(0);
    // The loader enforces: it strips the attribute itself, never takes a kept rendering.
    const loaded = asLoaded(bad, file);
    expect(loaded?.html).not.toContain('onclick');
  });
});
