/**
 * Every MD/MDX file a rule must read as text (front matter and body): the
 * content collections, any MDX page, and the files of the entries the loader
 * read (which covers a content folder given with --content).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeUtf8 } from '../../dataset/read-csv.ts';
import type { RuleContext } from '../types.ts';
import { cmp } from '../../util/compare.ts';
import { shownPath } from '../../util/paths.ts';

export interface TextFile {
  /** Path as issues show it (project-relative when inside the project). */
  file: string;
  abs: string;
  /** Decoded text with CRLF / CR folded to LF, so offsets map to editor lines; undefined if not UTF-8. */
  text: string | undefined;
}

function walk(dir: string, out: Set<string>): void {
  let names: import('node:fs').Dirent[];
  try {
    names = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const d of names) {
    const abs = path.join(dir, d.name);
    if (d.isDirectory()) walk(abs, out);
    else if (/\.mdx?$/i.test(d.name)) out.add(abs);
  }
}

export function mdxFiles(ctx: Pick<RuleContext, 'root' | 'content'>): TextFile[] {
  const found = new Set<string>();
  walk(path.join(ctx.root, 'src/content'), found);
  walk(path.join(ctx.root, 'src/pages'), found);
  for (const e of ctx.content) found.add(path.resolve(ctx.root, e.file));
  return [...found].sort(cmp).map((abs) => {
    let text: string | undefined;
    try {
      text = decodeUtf8(readFileSync(abs))?.replace(/\r\n?/g, '\n');
    } catch {
      text = undefined;
    }
    return { file: shownPath(ctx.root, abs), abs, text };
  });
}

/** 1-based line and column of an offset in LF text. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
