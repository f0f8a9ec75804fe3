/**
 * What a page says about each attachment: its title, link, kind and size, read from the
 * file under public/ at build time (the check has already refused missing, mistyped and
 * oversized files, so a file that is still unreadable here is shown without a size).
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Attachment } from '../schema/content.ts';
import { projectOptions } from '../dataset/options.ts';
import { ATTACHMENT_TYPES, SNIFF_BYTES, formatBytes, sniffType } from '../util/file-type.ts';

export interface AttachmentView {
  href: string;
  title: string;
  /** PDF, PNG 图片, JPEG 图片. */
  kind: string;
  /** 812 KB, 1.4 MB; empty when the file cannot be read. */
  size: string;
}

function describeFile(abs: string): { kind: string; size: string } {
  try {
    const size = statSync(abs).size;
    const fd = openSync(abs, 'r');
    const buf = new Uint8Array(SNIFF_BYTES);
    let n: number;
    try {
      n = readSync(fd, buf, 0, SNIFF_BYTES, 0);
    } finally {
      closeSync(fd);
    }
    const sniffed = sniffType(buf.subarray(0, n));
    return { kind: 'type' in sniffed ? ATTACHMENT_TYPES[sniffed.type].label : '', size: formatBytes(size) };
  } catch {
    return { kind: '', size: '' };
  }
}

export function attachmentViews(
  list: readonly Attachment[] | undefined,
  root: string = projectOptions().root,
): AttachmentView[] {
  return (list ?? []).map(({ file, title }) => ({
    href: file,
    title,
    ...describeFile(path.join(root, 'public', ...file.split('/'))),
  }));
}
