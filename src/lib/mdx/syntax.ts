/**
 * Sätteri's MDX parse errors (English, "reason (rule)") as catalogue kinds. The
 * common ones staff make get their own message and fix; the rest keep the
 * parser's reason under `mdx-syntax`.
 */
import type { IssueKind, Vars } from '../messages/catalogue.ts';

const KNOWN: [RegExp, IssueKind][] = [
  [/note: to create a comment in MDX/, 'mdx-comment'],
  [/Unexpected character after `<`/, 'mdx-lt'],
  [/closing brace for `\{`/, 'mdx-brace'],
  [/^Expected a closing tag for `<([^>`]*)>`/, 'mdx-unclosed'],
  [/^Unexpected closing tag `<\/([^>`]*)>`/, 'mdx-closing'],
];

export function syntaxIssue(reason: string): { kind: IssueKind; vars: Vars } {
  for (const [re, kind] of KNOWN) {
    const m = re.exec(reason);
    if (m) return { kind, vars: { tag: m[1] ?? '' } };
  }
  return { kind: 'mdx-syntax', vars: { reason: reason.replace(/\s*\([a-z-]+:[a-z-]+\)$/, '') } };
}
