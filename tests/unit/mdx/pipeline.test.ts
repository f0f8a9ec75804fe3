/**
 * The content guard as the build runs it (enforcing): code is refused with the
 * located Chinese issue, HTML outside the allow-list is stripped from the
 * rendered article, and the check reports the same file at the same place.
 * tests/unit/bad-input/corpus.test.ts covers the check side case by case.
 */
import { describe, expect, it } from 'vitest';
import { ContentRefused } from '../../../src/lib/mdx/guard.ts';
import { compileContent, renderContent } from '../../../src/lib/mdx/pipeline.ts';
import { isSameOrigin, judgeElement } from '../../../src/lib/mdx/sanitise.ts';

const FILE = new URL('file:///site/src/content/notices/x.mdx');
const PUBLIC = '/site/public';

/** Render as the content loader does; the article's HTML, or the refusal. */
function build(body: string, onRefused?: (m: string) => void): string {
  const r = renderContent(body, FILE, { publicDir: PUBLIC, onRefused });
  if ('syntax' in r) throw new Error(`syntax: ${r.syntax.reason}`);
  return r.rendered?.html ?? '';
}

describe('the build refuses code', () => {
  it.each([
    ["HOME {globalThis['proc'+'ess'].env.HOME}", '1:6'],
    ["{process.getBuiltinModule('node:fs').readFileSync('/etc/passwd')}", '1:1'],
    ['export const x = process.env.HOME', '1:1'],
    ["import fs from 'node:fs'", '1:1'],
    ['<p title={process.env.HOME}>x</p>', '1:1'],
    ['<Chart />', '1:1'],
  ])('%s', (body, at) => {
    expect(() => build(body)).toThrow(ContentRefused);
    expect(() => build(body)).toThrow(`公告(/site/src/content/notices/x.mdx:${at})`);
  });

  it('hands the located message to onRefused (the build logs it and exits) before anything is compiled', () => {
    const seen: string[] = [];
    expect(() => build('a\n\n{alert(1)}', (m) => seen.push(m))).toThrow(ContentRefused);
    expect(seen).toEqual([
      '公告(/site/src/content/notices/x.mdx:3:1)第 3 行:花括号里的“alert(1)”会被当成代码在发布时运行。改法:直接写出文字和数字;要显示花括号本身,在前面加反斜杠写成 \\{',
    ]);
  });

  it('keeps escaped characters as text and drops comments', () => {
    const html = build('{/* 注释 */}\n\n收缴率 \\<90%,金额 \\{待定\\}');
    expect(html).toBe('\n<p>收缴率 &lt;90%,金额 {待定}</p>');
  });
});

describe('relative images: nothing publishes files next to an article', () => {
  it.each([
    ['![平面图](./plan.png)', '1:1'],
    ['正文\n\n<img src="../images/plan.png" alt="平面图" />', '3:1'],
    ['![平面图][p]\n\n[p]: %E5%B9%B3%E9%9D%A2%E5%9B%BE.png', '1:1'],
  ])('the build refuses %s at %s, naming where the file belongs', (body, at) => {
    const seen: string[] = [];
    expect(() => build(body, (m) => seen.push(m))).toThrow(ContentRefused);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatch(new RegExp(`^公告\\(/site/src/content/notices/x\\.mdx:${at}\\).*相对于文章的路径`));
    expect(seen[0]).toMatch(
      /网站不发布文章旁边的文件.*改法:.*public\/files\/notices\/ 下.*如 \/files\/notices\/(plan|平面图)\.png$/,
    );
  });

  it('the check reports a reference-style image once, where the image is, not its definition as a file link', () => {
    const r = compileContent('![平面图][p]\n\n[p]: ./plan.png\n\n[报告][r]\n\n[r]: ./report.pdf', FILE, {
      publicDir: PUBLIC,
    });
    expect(r).toEqual({
      findings: [
        {
          kind: 'mdx-image-relative',
          line: 1,
          column: 1,
          columnName: '-',
          vars: { url: './plan.png', dir: '/files/notices/', site: '/files/notices/plan.png' },
        },
        {
          kind: 'mdx-file-missing',
          line: 7,
          column: 1,
          columnName: '-',
          vars: { what: '文件', url: './report.pdf', path: './report.pdf' },
        },
      ],
    });
  });

  it('a site path is not relative: it is checked in public/', () => {
    expect(compileContent('![平面图](/files/notices/plan.png)', FILE, { publicDir: PUBLIC })).toEqual({
      findings: [
        {
          kind: 'mdx-file-missing',
          line: 1,
          column: 1,
          columnName: '-',
          vars: { what: '图片', url: '/files/notices/plan.png', path: 'public/files/notices/plan.png' },
        },
      ],
    });
  });
});

describe('the build strips HTML outside the allow-list', () => {
  const html = build(
    [
      '<script>alert(1)</script>',
      '<iframe src="https://evil.example/"></iframe>',
      '<style>body</style>',
      '<p onclick="steal()" title="保留">段落 <b onmouseover="steal()">粗</b></p>',
      '<img src="https://evil.example/t.png" alt="图" />',
      '<a href="javascript:steal()">链接</a>',
      '<marquee>文字保留</marquee>',
      '<details><summary>附</summary>内容</details>',
    ].join('\n\n'),
  );
  it.each(['alert(1)', 'evil.example', 'steal()', 'iframe', 'style', 'marquee', 'onclick', 'onmouseover'])(
    'no trace of %s',
    (s) => expect(html).not.toContain(s),
  );
  it.each([
    '<p title="保留">段落 <b>粗</b></p>',
    '<img alt="图"/>',
    '<a>链接</a>',
    '文字保留',
    '<details><summary>附</summary>内容</details>',
  ])('keeps %s', (s) => expect(html).toContain(s));
});

describe('the check compiles the same way', () => {
  it('reports at the file’s own position what the build refuses', () => {
    const r = compileContent('   \n   \n\n正文 {process.env.HOME}', FILE, { publicDir: PUBLIC });
    expect(r).toEqual({
      findings: [{ kind: 'mdx-expression', line: 4, column: 4, columnName: '-', vars: { code: 'process.env.HOME' } }],
    });
  });
  it('returns syntax errors located, for the catalogue', () => {
    expect(compileContent('\n收缴率 <90%', FILE, { publicDir: PUBLIC })).toMatchObject({
      syntax: { line: 2, column: 5 },
    });
  });
});

describe('the sanitiser', () => {
  it.each([
    ['script', [], 'remove'],
    ['iframe', [], 'remove'],
    ['style', [], 'remove'],
    ['svg', [], 'remove'],
    ['marquee', [], 'unwrap'],
    ['form', [], 'unwrap'],
  ] as const)('<%s> is %sd', (tag, attrs, verdict) => {
    expect(judgeElement(tag, attrs).tag).toBe(verdict);
  });
  it.each([
    ['img', 'src', 'https://evil.example/x.png'],
    ['img', 'src', '//evil.example/x.png'],
    ['img', 'src', 'data:image/png;base64,AAAA'],
    ['a', 'href', 'javascript:alert(1)'],
    ['a', 'href', 'JAVASCRIPT:alert(1)'],
    ['a', 'href', 'vbscript:x'],
    ['p', 'onclick', 'x()'],
    ['p', 'style', 'color:red'],
  ])('<%s %s="%s"> loses the attribute', (tag, name, value) => {
    expect(judgeElement(tag, [{ name, value }]).attributes).toEqual([name]);
  });
  it.each([
    ['img', 'src', '/images/a.png'],
    ['a', 'href', 'https://www.gov.cn/'],
    ['a', 'href', 'mailto:office@example.org'],
    ['a', 'href', '/compound/demo-lanting/'],
    ['td', 'colspan', '2'],
  ])('<%s %s="%s"> is kept', (tag, name, value) => {
    expect(judgeElement(tag, [{ name, value }])).toEqual({ attributes: [], kept: [{ name, value }] });
  });
  it('same origin means a path of this site', () => {
    expect(['/a.png', 'a.png', './a.png', '../a.png'].every(isSameOrigin)).toBe(true);
    expect(['https://x/a.png', '//x/a.png', '\\\\x/a.png', ' data:x', 'blob:x'].some(isSameOrigin)).toBe(false);
  });
});
