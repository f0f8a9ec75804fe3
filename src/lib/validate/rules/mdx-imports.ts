/**
 * MDX may import only the project's own components (src/components/). Anything
 * else (an npm package, node:fs, a URL, a data or library module) would run
 * arbitrary code at build time or pull in content the data checks never see.
 */
import path from 'node:path';
import { issue } from '../../messages/catalogue.ts';
import type { DataIssue } from '../../messages/issue.ts';
import type { Rule } from '../types.ts';
import { lineColumn, mdxFiles } from './mdx-files.ts';

/** Blank out front matter and fenced code (keeping offsets), where `import` is just text. */
function codeOnly(text: string): string {
  const lines = text.split('\n');
  let inFence: string | undefined;
  let inFrontMatter = lines[0]?.replace(/^\uFEFF/, '') === '---';
  return lines
    .map((line, i) => {
      const blank = ' '.repeat(line.length);
      if (inFrontMatter) {
        if (i > 0 && line === '---') inFrontMatter = false;
        return blank;
      }
      const fence = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
      if (inFence) {
        if (fence && fence[0] === inFence[0] && fence.length >= inFence.length) inFence = undefined;
        return blank;
      }
      if (fence) {
        inFence = fence;
        return blank;
      }
      return line;
    })
    .join('\n');
}

// ESM import statements at the start of a line, possibly spanning lines; and import()/require() anywhere.
const STATIC_RE = /^import\s+(?:[^'"`;]*?\s+from\s+)?(['"])([^'"]*)\1/gm;
const DYNAMIC_RE = /\b(?:import|require)\s*\(\s*(?:(['"`])([^'"`]*)\1)?/g;

/** Import sources of an MDX file that resolve outside `componentsDir`, with their offsets. */
export function forbiddenImports(
  text: string,
  abs: string,
  componentsDir: string,
): { source: string; offset: number }[] {
  const code = codeOnly(text);
  const out: { source: string; offset: number }[] = [];
  const inside = (source: string) => {
    if (!source.startsWith('./') && !source.startsWith('../')) return false;
    const target = path.resolve(path.dirname(abs), source);
    const rel = path.relative(componentsDir, target);
    return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  };
  for (const m of code.matchAll(STATIC_RE)) {
    const source = m[2] ?? '';
    if (!inside(source)) out.push({ source, offset: m.index });
  }
  for (const m of code.matchAll(DYNAMIC_RE)) {
    // A dynamic import is code run at build time, whatever it names.
    out.push({ source: m[2] ?? m[0].trim(), offset: m.index });
  }
  return out.sort((a, b) => a.offset - b.offset);
}

export const mdxImports: Rule = (ctx) => {
  const issues: DataIssue[] = [];
  const componentsDir = path.join(ctx.root, 'src/components');
  for (const { file, abs, text } of mdxFiles(ctx)) {
    if (text === undefined) continue;
    for (const { source, offset } of forbiddenImports(text, abs, componentsDir)) {
      const { line, column } = lineColumn(text, offset);
      issues.push(issue('mdx-import', { file, line, column, columnName: '-' }, { source }));
    }
  }
  return issues;
};
