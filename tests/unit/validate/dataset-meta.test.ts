/**
 * data/dataset.json names the publisher and a correction channel: a dataset without one is
 * refused with a located Chinese message, the channel's own mailbox is not mistaken for a
 * private person's, and a report of an error opens that channel with everything filled in.
 */
import { writeFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDatasetMeta } from '../../../src/lib/dataset/meta.ts';
import { checkDataset } from '../../../src/lib/validate/index.ts';
import { formatIssue } from '../../../src/lib/schema/labels.ts';
import { reportErrorHref } from '../../../src/lib/views/urls.ts';
import { materialize } from './fixtures.ts';

const base = { title: 't', as_of: '2026-11-01', licence: 'CC BY 4.0', standard_version: 1 };
const parse = (json: object) =>
  parseDatasetMeta(JSON.stringify(json, null, 2), 'data/dataset.json').issues.map(formatIssue);

describe('data/dataset.json: publisher, contact, filing number', () => {
  it('wants a publisher and at least one correction channel, and a filing number in its printed form', () => {
    expect(parse({ ...base, publisher: '某街道办事处', contact_email: 'wuye@example.org' })).toEqual([]);
    expect(parse({ ...base, publisher: '某街道办事处', contact_form: '/jiucuo/' })).toEqual([]);
    expect(parse({ ...base, contact_email: 'wuye@example.org' })).toEqual([
      '数据说明(data/dataset.json:1:1)字段“publisher”:缺少字段 publisher(发布单位:对本站内容负责的机构名称,显示在每页页脚)。改法:在 dataset.json 里加上 "publisher"',
    ]);
    expect(parse({ ...base, publisher: 'p' })).toEqual([
      expect.stringContaining('纠错邮箱(contact_email)和纠错表单(contact_form)至少填一项'),
    ]);
    const bad = parse({
      ...base,
      publisher: 'p',
      contact_email: 'mailto:x@y.org',
      contact_form: 'http://x.org/?a=1',
      icp_filing: 'ICP 12345',
    });
    expect(bad.map((l) => /字段 (\w+) 不对/.exec(l)?.[1])).toEqual(['contact_email', 'contact_form', 'icp_filing']);
    // Every word staff read is Chinese: zod's English never reaches them.
    for (const l of bad) expect(l).not.toMatch(/Invalid|expected|received/);
    expect(parse({ ...base, publisher: 'p', contact_email: 'a@b.cn', icp_filing: '沪ICP备12345678号-1' })).toEqual([]);
  });

  it('lets the publisher’s own mailbox through the privacy guard, but no other address', async () => {
    const dir = await materialize();
    try {
      const file = path.join(dir, 'data', 'dataset.json');
      const meta = { ...base, publisher: 'p', contact_email: 'jiucuo@example.org' };
      await writeFile(file, JSON.stringify(meta, null, 2));
      expect((await checkDataset({ root: dir })).issues.map(formatIssue)).toEqual([]);
      await writeFile(file, JSON.stringify({ ...meta, title: '联系 zhangsan@example.org' }, null, 2));
      expect((await checkDataset({ root: dir })).issues.map((i) => i.kind)).toEqual(['privacy-email']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('opens the form with query parameters when there is one, else a mailto with subject and body', () => {
    const report = {
      where: '甲小区 · 专项维修资金',
      url: 'https://example.org/compound/x/#fund',
      version: '2026-11-01(数据标准第 1 版)',
      compound: 'x',
      section: 'fund',
    };
    const form = new URL(reportErrorHref({ contact_form: 'https://forms.example.org/jiucuo' }, report));
    expect(form.origin + form.pathname).toBe('https://forms.example.org/jiucuo');
    expect(Object.fromEntries(form.searchParams)).toEqual({
      compound: 'x',
      section: 'fund',
      where: report.where,
      version: report.version,
      url: report.url,
    });
    const relative = reportErrorHref({ contact_email: 'a@b.org', contact_form: '/jiucuo/' }, report);
    expect(relative.startsWith('/jiucuo/?compound=x&section=fund&')).toBe(true);

    const mail = reportErrorHref({ contact_email: 'jiucuo@example.org' }, report);
    expect(mail).toMatch(/^mailto:jiucuo@example\.org\?subject=/);
    expect(mail).not.toContain('+'); // RFC 6068: spaces are %20
    const m = new URL(mail);
    expect(m.searchParams.get('subject')).toBe('报告错误:甲小区 · 专项维修资金');
    expect(m.searchParams.get('body')).toContain('数据版本:2026-11-01(数据标准第 1 版)');
    expect(m.searchParams.get('body')).toContain('网址:https://example.org/compound/x/#fund');
    expect(m.searchParams.get('body')).toContain('哪里有错');

    // A section's link on a page whose first link carries the body: a subject naming where and which compound.
    const briefHref = reportErrorHref({ contact_email: 'jiucuo@example.org' }, { ...report, brief: true });
    const brief = new URL(briefHref);
    expect(brief.searchParams.get('subject')).toBe('报告错误:甲小区 · 专项维修资金(x)');
    expect(brief.searchParams.has('body')).toBe(false);
    expect(briefHref.length).toBeLessThan(mail.length / 2);
    // Chinese stays raw in the href (3 bytes a character, not 9); what the mail program gets is the
    // browser's UTF-8 percent-encoding of it, the same address as when the page encoded it.
    expect(mail).toContain('subject=报告错误%3A甲小区%20·%20专项维修资金&body=位置%3A');
    expect(mail).not.toMatch(/\s/);
    expect(m.href).toBe(mail.replace(/[^\x00-\x7f]/gu, (c) => encodeURIComponent(c)));
    // Characters that mean something in a mailto, and spaces of any kind, are still encoded.
    const odd = '甲&乙#1+2%=?\u3000小区\u200b';
    const tricky = new URL(reportErrorHref({ contact_email: 'j@example.org' }, { ...report, where: odd }));
    expect(tricky.searchParams.get('subject')).toBe(`报告错误:${odd}`);
    expect(tricky.searchParams.get('body')).toContain(`位置:${odd}\n`);
    // Every code point (and a lone surrogate) as the field's definition has it, character by
    // character: raw beyond ASCII unless a space, control, format, private-use or unassigned one.
    const mustEscape = /[\s\p{Cc}\p{Cf}\p{Cn}\p{Co}]/u;
    const field = (text: string) => {
      let out = '';
      for (const ch of text) out += ch > '\x7f' && !mustEscape.test(ch) ? ch : encodeURIComponent(ch);
      return out;
    };
    const chunks = ['\ud800', 'a\udc00b', '😀x\ud83d'];
    for (let cp = 0; cp <= 0x10ffff; cp += 0x400) {
      const from = cp >= 0xd800 && cp < 0xe000 ? 0xe000 : cp;
      chunks.push(String.fromCodePoint(...Array.from({ length: cp + 0x400 - from }, (_, i) => from + i)));
    }
    for (const where of chunks) {
      const r = { ...report, where };
      expect(reportErrorHref({ contact_email: 'j@x.org' }, { ...r, brief: true })).toBe(
        `mailto:j@x.org?subject=${field(`报告错误:${where}(x)`)}`,
      );
      expect(reportErrorHref({ contact_email: 'j@x.org' }, r)).toBe(
        `mailto:j@x.org?subject=${field(`报告错误:${where}`)}&body=${field(
          `位置:${where}\n网址:${r.url}\n数据版本:${r.version}\n\n哪里有错:\n\n正确的应该是(请附来源或依据):\n`,
        )}`,
      );
    }
    // A form reads fields, not prose: the same query either way.
    expect(reportErrorHref({ contact_form: '/jiucuo/' }, { ...report, brief: true })).toBe(
      reportErrorHref({ contact_form: '/jiucuo/' }, report),
    );
  });
});
