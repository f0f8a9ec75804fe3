/**
 * What a published attachment really is, read from its first bytes: a file renamed
 * from .docx to .pdf, or a WeChat .jpg that is really a WebP, would otherwise reach
 * residents as a link their phone cannot open.
 */

export const ATTACHMENT_TYPES = {
  pdf: { label: 'PDF', extensions: ['.pdf'] },
  png: { label: 'PNG 图片', extensions: ['.png'] },
  jpeg: { label: 'JPEG 图片', extensions: ['.jpg', '.jpeg'] },
} as const;
export type AttachmentType = keyof typeof ATTACHMENT_TYPES;

/** Attachments larger than this are refused: residents open them on phones over mobile data. */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

/** Bytes that must be read to tell the types apart. */
export const SNIFF_BYTES = 16;

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) => prefix.every((b, i) => bytes[i] === b);

/** The attachment type of a file's first bytes, or a Chinese word for what it is instead. */
export function sniffType(head: Uint8Array): { type: AttachmentType } | { other: string } {
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { type: 'pdf' }; // %PDF-
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { type: 'png' };
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { type: 'jpeg' };
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return { other: 'Word/Excel 等压缩格式文件' };
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0])) return { other: '旧版 Word/Excel 文件' };
  if (startsWith(head, [0x52, 0x49, 0x46, 0x46]) && startsWith(head.subarray(8), [0x57, 0x45, 0x42, 0x50])) {
    return { other: 'WebP 图片' };
  }
  if (startsWith(head, [0x47, 0x49, 0x46, 0x38])) return { other: 'GIF 图片' };
  if (head.length === 0) return { other: '空文件' };
  return { other: '无法识别的文件' };
}

/** The type an extension promises, if it is one of the accepted ones. */
export function typeOfExtension(file: string): AttachmentType | undefined {
  const ext = /\.[^./]+$/.exec(file.toLowerCase())?.[0] ?? '';
  for (const [type, info] of Object.entries(ATTACHMENT_TYPES)) {
    if ((info.extensions as readonly string[]).includes(ext)) return type as AttachmentType;
  }
  return undefined;
}

/** A file size as residents read it: 812 KB, 1.4 MB (1024-based, as phones and Windows show it). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
}
