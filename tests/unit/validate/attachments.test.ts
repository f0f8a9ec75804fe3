/** What an attachment really is (first bytes), and front-matter dates the browser editor writes unquoted. */
import { describe, expect, it } from 'vitest';
import { formatBytes, sniffType, typeOfExtension } from '../../../src/lib/util/file-type.ts';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadContent } from '../../../src/lib/dataset/content.ts';
import { adminConfig } from '../../../src/integrations/admin/config.ts';
import { CONTENT_COLLECTIONS } from '../../../src/lib/schema/content.ts';

const bytes = (...b: number[]) => new Uint8Array(b);

describe('sniffType', () => {
  it('knows PDF, PNG and JPEG by their first bytes, and names what else a file is', () => {
    expect(sniffType(new TextEncoder().encode('%PDF-1.7\n'))).toEqual({ type: 'pdf' });
    expect(sniffType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0))).toEqual({ type: 'png' });
    expect(sniffType(bytes(0xff, 0xd8, 0xff, 0xe0))).toEqual({ type: 'jpeg' });
    expect(sniffType(bytes(0x50, 0x4b, 0x03, 0x04))).toEqual({ other: 'Word/Excel 等压缩格式文件' });
    expect(sniffType(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '))).toEqual({ other: 'WebP 图片' });
    expect(sniffType(bytes())).toEqual({ other: '空文件' });
    expect(sniffType(new TextEncoder().encode('<html>'))).toEqual({ other: '无法识别的文件' });
  });
  it('reads the promised type from the extension, any case', () => {
    expect(typeOfExtension('/files/a/B.PDF')).toBe('pdf');
    expect(typeOfExtension('/files/a/b.jpeg')).toBe('jpeg');
    expect(typeOfExtension('/files/a/b.docx')).toBeUndefined();
  });
  it('formats sizes as phones show them', () => {
    expect(formatBytes(100)).toBe('1 KB');
    expect(formatBytes(98_304)).toBe('96 KB');
    expect(formatBytes(10 * 1024 * 1024)).toBe('10 MB');
    expect(formatBytes(1_572_864)).toBe('1.5 MB');
  });
});

describe('front-matter dates', () => {
  /** Read one notice whose date line is `date`, as `npm run check` reads src/content. */
  async function readNotice(date: string) {
    const root = mkdtempSync(path.join(tmpdir(), 'gongshi-dates-'));
    try {
      mkdirSync(path.join(root, 'src/content/notices'), { recursive: true });
      writeFileSync(
        path.join(root, 'src/content/notices/x.mdx'),
        `---\ntitle: 标题\ncompound: demo-lanting\nkind: 其他\ndate: ${date}\nsummary: 摘要\nsource: demo\n---\n正文\n`,
      );
      return loadContent(root, path.join(root, 'src/content'));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
  it('an unquoted date (as Decap writes it) is that date', async () => {
    const r = await readNotice('2026-10-20');
    expect(r.issues).toEqual([]);
    expect(r.entries[0]?.data.date).toBe('2026-10-20');
  });
  it('a date with a time of day is refused with the fix', async () => {
    const r = await readNotice('2026-10-20 09:30:00');
    expect(r.issues.map((i) => `${i.line} ${i.message} (${i.fix})`)).toEqual([
      '5 2026-10-20 09:30 带了时刻,这里只填日期 (写成 2026-10-20)',
    ]);
  });
});

describe('the editor configuration', () => {
  const config = adminConfig({ backend: { name: 'proxy', proxy_url: '/api/v1' }, choices: {} });
  const collection = (name: string) =>
    (config.collections as { name: string; fields: { name: string; options?: { value: string }[] }[] }[]).find(
      (c) => c.name === name,
    )!;
  it('has one field per front-matter key, plus the body, and the schema’s choices', () => {
    const fields = collection('notices').fields;
    expect(fields.map((f) => f.name)).toEqual([...Object.keys(CONTENT_COLLECTIONS.notices.shape), 'body']);
    expect(fields.find((f) => f.name === 'kind')?.options?.map((o) => o.value)).toEqual(
      CONTENT_COLLECTIONS.notices.shape.kind.options,
    );
  });
  it('publishes nothing without review: editorial workflow, in Chinese', () => {
    expect(config.publish_mode).toBe('editorial_workflow');
    expect(config.locale).toBe('zh_Hans');
  });
});
