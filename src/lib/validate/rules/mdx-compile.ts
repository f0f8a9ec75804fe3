/**
 * Every MDX file compiled the way the build compiles it (src/lib/mdx/pipeline.ts):
 * a syntax error, code (ESM, expressions, components), HTML the sanitiser would
 * strip, a foreign image or a missing file is reported at the file's own
 * line:column, so `npm run check` fails wherever the build would.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { issue } from '../../messages/catalogue.ts';
import { blankFrontMatter } from '../../dataset/content.ts';
import { compileContent } from '../../mdx/pipeline.ts';
import { syntaxIssue } from '../../mdx/syntax.ts';
import type { DataIssue } from '../../messages/issue.ts';
import type { Rule } from '../types.ts';
import { mdxFiles } from './mdx-files.ts';

export const mdxCompile: Rule = (ctx) => {
  const issues: DataIssue[] = [];
  const dirs = { publicDir: path.join(ctx.root, 'public') };
  for (const { file, abs, text } of mdxFiles(ctx)) {
    if (text === undefined) continue; // reported as an encoding issue by the loader
    const result = compileContent(blankFrontMatter(text), pathToFileURL(abs), dirs);
    if ('syntax' in result) {
      const { line, column, reason } = result.syntax;
      const { kind, vars } = syntaxIssue(reason);
      issues.push(issue(kind, { file, line, column, columnName: '-' }, vars));
      continue;
    }
    for (const f of result.findings) {
      issues.push(issue(f.kind, { file, line: f.line, column: f.column, columnName: f.columnName }, f.vars));
    }
  }
  return issues;
};
