/**
 * Attachments of notices, audits and policies (front matter `attachments`): each file
 * must exist under public/, really be a PDF, PNG or JPEG (by its first bytes, so a
 * renamed Word file is caught), and be at most 10 MB. The build copies public/ as is,
 * so this rule is the only thing standing between a wrong file and the residents.
 */
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { issue } from '../../messages/catalogue.ts';
import type { DataIssue } from '../../messages/issue.ts';
import type { Attachment } from '../../schema/content.ts';
import {
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_TYPES,
  SNIFF_BYTES,
  formatBytes,
  sniffType,
  typeOfExtension,
} from '../../util/file-type.ts';
import type { Rule } from '../types.ts';

function head(abs: string): Uint8Array {
  const fd = openSync(abs, 'r');
  try {
    const buf = new Uint8Array(SNIFF_BYTES);
    return buf.subarray(0, readSync(fd, buf, 0, SNIFF_BYTES, 0));
  } finally {
    closeSync(fd);
  }
}

/** Line of each attachment's `file:` in the MDX text, in order, from the `attachments:` key on. */
function fileLines(text: string | undefined, keyLine: number, count: number): number[] {
  const lines = (text ?? '').replace(/\r\n?/g, '\n').split('\n');
  const found: number[] = [];
  for (let i = keyLine; i < lines.length && found.length < count; i++) {
    if (/^\s*(?:-\s+)?file\s*:/.test(lines[i] ?? '')) found.push(i + 1);
  }
  return found;
}

export const attachmentFiles: Rule = ({ root, content }) => {
  const issues: DataIssue[] = [];
  for (const entry of content) {
    const list = entry.data.attachments as Attachment[] | undefined;
    if (!list?.length) continue;
    const keyLine = entry.keyLines.attachments ?? 1;
    let text: string | undefined;
    try {
      text = readFileSync(path.resolve(root, entry.file), 'utf8');
    } catch {
      text = undefined;
    }
    const lines = fileLines(text, keyLine, list.length);
    list.forEach(({ file, title }, i) => {
      const at = { file: entry.file, line: lines[i] ?? keyLine, column: 1, columnName: 'attachments' };
      const expected = `public${file}`;
      const abs = path.join(root, 'public', ...file.split('/'));
      let size: number;
      try {
        const st = statSync(abs);
        if (!st.isFile()) throw new Error('not a file');
        size = st.size;
      } catch {
        issues.push(issue('attachment-missing', at, { title, file, expected }));
        return;
      }
      const promised = typeOfExtension(file);
      const sniffed = sniffType(head(abs));
      if (!('type' in sniffed) || promised === undefined || sniffed.type !== promised) {
        const actual = 'type' in sniffed ? ATTACHMENT_TYPES[sniffed.type].label : sniffed.other;
        const wanted = promised ? ATTACHMENT_TYPES[promised].label : 'PDF、PNG 或 JPEG';
        issues.push(issue('attachment-type', at, { title, file, actual, expected: wanted }));
      }
      if (size > ATTACHMENT_MAX_BYTES) {
        issues.push(
          issue('attachment-size', at, {
            title,
            file,
            size: formatBytes(size),
            limit: formatBytes(ATTACHMENT_MAX_BYTES),
          }),
        );
      }
    });
  }
  return issues;
};
