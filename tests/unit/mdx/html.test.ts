/**
 * Articles are rendered to HTML by the content loader (src/lib/mdx/html.ts), no
 * longer compiled by @astrojs/mdx into modules Astro rendered with its JSX
 * runtime. The pages must not change: every article of the project, of the test
 * fixtures and a sampler of what Markdown, GFM and the allowed HTML can produce is
 * rendered both ways here (the old way: Sätteri's JavaScript for the same tree,
 * evaluated with astro/jsx-runtime and written by Astro's renderJSX) and must be
 * the same string, byte for byte.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluate, type EvaluateOptions } from 'satteri';
import { satteriHeadingIdsPlugin } from '@astrojs/markdown-satteri';
import { Fragment, jsx, jsxs } from 'astro/jsx-runtime';
import { renderJSX } from 'astro/runtime/server/jsx.js';
import { blankFrontMatter } from '../../../src/lib/dataset/content.ts';
import { contentGuard } from '../../../src/lib/mdx/guard.ts';
import { renderContent } from '../../../src/lib/mdx/pipeline.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const PUBLIC = path.join(ROOT, 'public');

const SAMPLER = `> 演示 "引号" 'x' & 1 \\< 2 a>b

# 一级 & 标题

## 审计范围

## 审计范围

### \`代码\` *强调* 标题

正文有 **粗** *斜* ~~删~~ \`a < b & "c"\`、[链接](https://www.gov.cn/?a=1&b=2 "标题 \\"引\\"")、
[站内](/compound/demo-lanting/) 和 [邮件](mailto:office@example.org)。
硬换行  
下一行 -- 破折 --- 长 ... 省略

| 项目 | 金额 | 说明 |
| :--- | ---: | :-: |
| 电梯 | 1.00 | "维修" |
| | | |

1. 第一
2. 第二

3) 另一个

- [ ] 未办
- [x] 已办
- 普通

* 松散

* 列表

---

\`\`\`js
import x from 'y';
const a = "<b>" && 1;
\`\`\`

面积 12 m<sup>2</sup><br />备注<sub>下</sub>,<abbr title="a &amp; &quot;b&quot;">缩写</abbr>。

<details open>
<summary>附件说明</summary>

共 *3* 页。

</details>

<div align="center">
  居中 *文字*
</div>

<table><tbody><tr><td colspan="2">合并</td></tr></tbody></table>

<p>段落<br/>换行</p>

<img src="/favicon.svg" alt="图标" width="16" />

{/* 编辑注 */}

<>片段</>

脚注[^1]和另一个[^note]。

[^1]: 第一条注释。
[^note]: 第二条,**粗**。

![图](/favicon.svg "标题")
`;

function mdxFilesUnder(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const abs = path.join(dir, name);
    if (statSync(abs).isDirectory()) mdxFilesUnder(abs, out);
    else if (name.endsWith('.mdx')) out.push(abs);
  }
  return out;
}

/** The old way: the JavaScript Sätteri compiles for the tree, run and written by Astro's JSX runtime. */
async function asAstroRendered(body: string, file: URL): Promise<string> {
  const data = {
    astro: { frontmatter: {}, headings: [], localImagePaths: new Set<string>(), remoteImagePaths: new Set<string>() },
  };
  const mod = (await evaluate(body, {
    mdastPlugins: [contentGuard({ publicDir: PUBLIC })],
    hastPlugins: [satteriHeadingIdsPlugin()],
    features: { gfm: true, smartPunctuation: true },
    fileURL: file,
    data,
    elementAttributeNameCase: 'html',
    Fragment,
    jsx: jsx as EvaluateOptions['jsx'],
    jsxs: jsxs as EvaluateOptions['jsxs'],
  })) as { default: (props: object) => unknown };
  return String(await renderJSX({} as never, mod.default({})));
}

const corpus: [string, string][] = [
  ['sampler', SAMPLER],
  ...[...mdxFilesUnder(path.join(ROOT, 'src/content')), ...mdxFilesUnder(path.join(ROOT, 'tests/fixtures'))]
    .sort()
    .map((abs): [string, string] => [path.relative(ROOT, abs), blankFrontMatter(readFileSync(abs, 'utf8'))]),
];

describe('an article renders as Astro rendered its module', () => {
  const rendered = corpus.flatMap(([name, body]) => {
    const file = pathToFileURL(path.join(ROOT, name));
    try {
      const r = renderContent(body, file, { publicDir: PUBLIC });
      return 'rendered' in r && r.rendered ? [{ name, body, file, html: r.rendered.html }] : [];
    } catch {
      return []; // refused by the guard: never rendered (tests/unit/mdx/pipeline.test.ts)
    }
  });

  it('covers the project’s articles, the fixtures’ and the sampler', () => {
    expect(rendered.length).toBeGreaterThan(40);
    expect(rendered.map((r) => r.name)).toContain('sampler');
  });

  it.each(rendered.map((r) => [r.name, r] as const))('%s', async (_name, r) => {
    expect(r.html).toBe(await asAstroRendered(r.body, r.file));
  });
});
