/** Where a file lies against a folder: the one rule the check, the build and the history share. */
import path from 'node:path';

/** `target` relative to `dir` with forward slashes ('' for `dir` itself), or undefined outside it (another drive too). */
export function relativeInside(dir: string, target: string): string | undefined {
  const r = path.relative(dir, target);
  return r.startsWith('..') || path.isAbsolute(r) ? undefined : r.split(path.sep).join('/');
}

/** How staff see a file's path: project-relative inside the project, absolute outside it. */
export const shownPath = (root: string, abs: string): string => relativeInside(root, abs) ?? abs;
