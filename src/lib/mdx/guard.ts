/**
 * The content guard: a Sätteri mdast plugin that keeps staff-written MDX a
 * document. It runs in the build's MDX pipeline and in `npm run check`'s compile
 * (src/lib/mdx/pipeline.ts is the one list both use).
 *
 * - ESM (`import`/`export`) and `{…}` expressions are code the build would run:
 *   refused. Components are refused too: none is provided to content, and an
 *   undefined one crashes the page at render.
 * - HTML elements go through the sanitiser (./sanitise.ts): the check reports what
 *   it would strip, the build strips it.
 * - Images must be site paths (`/…`) to files in public/ that exist: nothing
 *   publishes a file next to an article, so a relative image is refused even when
 *   the file is there. Links must be web, mail or phone addresses or site paths,
 *   and a link to a file must point at one that exists.
 *
 * In the check every finding is collected; in the build, code, relative images and
 * missing files throw a located Chinese error (ContentRefused) and HTML is stripped.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { relativeInside } from '../util/paths.ts';
import type { MdastPluginDefinition, MdastVisitorContext, MdxJsxFlowElement, MdxJsxTextElement } from 'satteri';
import { describe, type IssueKind, type Vars } from '../messages/catalogue.ts';
import { isSameOrigin, judgeElement } from './sanitise.ts';
import { formatIssue } from '../schema/labels.ts';

export interface Finding {
  kind: IssueKind;
  line: number;
  column: number;
  /** Column name shown with the issue: the tag or attribute, `-` otherwise. */
  columnName: string;
  vars: Vars;
}

export interface GuardOptions {
  /** The site's public/ folder: root-relative images and attachments must exist there. */
  publicDir: string;
  /** Given: collect every finding here (the check). Absent: enforce (the build). */
  collect?: Finding[];
  /** Enforcing: called with the located message instead of throwing ContentRefused (the build exits cleanly). */
  onRefused?: ((message: string) => void) | undefined;
}

/** Thrown by the guard in the build; its message is the located issue as `npm run check` prints it. */
export class ContentRefused extends Error {
  override name = 'ContentRefused';
}

type Element = MdxJsxFlowElement | MdxJsxTextElement;
type Pos = { position?: { start: { line: number; column: number } } | undefined };

/** What the build strips rather than refuses: the sanitiser's verdicts on HTML. */
const STRIPPED: ReadonlySet<IssueKind> = new Set(['mdx-html-tag', 'mdx-html-attribute']);

const SHOWN = 60;
const excerpt = (code: string) => {
  const one = code.replace(/\s+/g, ' ').trim();
  return one.length > SHOWN ? `${one.slice(0, SHOWN)}…` : one;
};

/**
 * First path segments the site generates (src/pages/compound/… → `compound`):
 * links there are pages, not files in public/. Undefined: any (a dynamic top level).
 * The pages are the application's, whatever data and content folders are checked.
 */
const PAGES_DIR = fileURLToPath(new URL('../../pages/', import.meta.url));

function routesOf(pagesDir: string): Set<string> | undefined {
  const routes = new Set<string>();
  let names: string[];
  try {
    names = readdirSync(pagesDir);
  } catch {
    return routes;
  }
  for (const n of names) {
    const route = n.replace(/\.(astro|ts|js|mdx?|html)$/, '');
    if (route.startsWith('[')) return undefined;
    routes.add(route);
  }
  return routes;
}

/** `{/* … *\/}` is MDX's only comment syntax and runs nothing. */
const COMMENT_ONLY = /^\s*(?:\/\*(?:[^*]|\*(?!\/))*\*\/\s*)+$/;

const EXTENSION = /\.[a-z0-9]{1,8}$/i;

function decodedPath(url: string): string {
  const bare = url.replace(/[?#].*$/, '');
  try {
    return decodeURIComponent(bare);
  } catch {
    return bare;
  }
}

const inside = (dir: string, target: string) => !!relativeInside(dir, target);

function attributeValue(v: unknown): string | true | undefined {
  if (v === null || v === undefined) return true;
  return typeof v === 'string' ? v : undefined;
}

function attributeFix(name: string): string {
  const n = name.toLowerCase();
  if (n.startsWith('on')) return '删去这个事件属性:文章里不能有脚本';
  if (n === 'src' || n === 'longdesc')
    return '图片须放在本网站:把文件放到 public/images/ 下,写成 ![说明](/images/文件名)';
  if (n === 'href') return '链接只能是 https://、http://、mailto:、tel: 开头的地址或本站路径(以 / 开头)';
  if (n === 'style' || n === 'class') return '删去这个属性:文章的样式由网站统一决定';
  return '删去这个属性;文章里的 HTML 只能用常见排版标签和属性';
}

export function contentGuard(opts: GuardOptions): MdastPluginDefinition {
  const routes = routesOf(PAGES_DIR);
  const publicDir = path.resolve(opts.publicDir);

  function found(ctx: MdastVisitorContext, node: Pos, kind: IssueKind, vars: Vars, columnName = '-'): void {
    const start = node.position?.start ?? { line: 1, column: 1 };
    const finding = { kind, line: start.line, column: start.column, columnName, vars };
    if (opts.collect) {
      opts.collect.push(finding);
      return;
    }
    if (STRIPPED.has(kind)) return; // element() strips it below
    const file = ctx.fileURL ? fileURLToPath(ctx.fileURL) : '(MDX)';
    const located = formatIssue({
      file,
      line: finding.line,
      column: finding.column,
      columnName,
      ...describe(kind, vars),
    });
    opts.onRefused?.(located);
    throw new ContentRefused(located);
  }

  /** Where the missing file behind a decoded site path or relative link should be; undefined if it is there or a page. */
  function missingFile(p: string, image: boolean): string | undefined {
    if (p.startsWith('/')) {
      const first = p.split('/')[1] ?? '';
      if (!image && (routes === undefined || routes.has(first) || !EXTENSION.test(p))) return undefined;
      const target = path.join(publicDir, p);
      return inside(publicDir, target) && existsSync(target) ? undefined : `public${p}`;
    }
    if (p === '' || !EXTENSION.test(p)) return undefined;
    return p; // nothing publishes files next to a page: a relative file link is always broken
  }

  /** A relative image's place in public/: the article's collection under /files/, by the image's own name. */
  function relativeImage(ctx: MdastVisitorContext, p: string, url: string): Vars {
    const file = ctx.fileURL ? fileURLToPath(ctx.fileURL) : undefined;
    const dir = file ? `/files/${path.basename(path.dirname(file))}/` : '/files/';
    const name = path.posix.basename(p.replaceAll('\\', '/'));
    return { url: excerpt(url), dir, site: `${dir}${/^\.*$/.test(name) ? '文件名.png' : name}` };
  }

  function image(ctx: MdastVisitorContext, node: Pos, url: string): void {
    if (!isSameOrigin(url)) {
      found(ctx, node, 'mdx-image-foreign', { url: excerpt(url) });
      return;
    }
    const p = decodedPath(url);
    if (p === '') return;
    if (!p.startsWith('/')) {
      found(ctx, node, 'mdx-image-relative', relativeImage(ctx, p, url));
      return;
    }
    const missing = missingFile(p, true);
    if (missing !== undefined) found(ctx, node, 'mdx-file-missing', { what: '图片', url: excerpt(url), path: missing });
  }

  function link(ctx: MdastVisitorContext, node: Pos, url: string): void {
    const scheme = /^\s*([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
    if (scheme !== undefined && !['http', 'https', 'mailto', 'tel'].includes(scheme)) {
      found(ctx, node, 'mdx-link-unsafe', { url: excerpt(url) });
      return;
    }
    if (scheme !== undefined || url.startsWith('#') || /^[\\/]{2}/.test(url)) return;
    const missing = missingFile(decodedPath(url), false);
    if (missing !== undefined) found(ctx, node, 'mdx-file-missing', { what: '文件', url: excerpt(url), path: missing });
  }

  function element(node: Element, ctx: MdastVisitorContext): void {
    const name = node.name;
    if (name === null) return; // a fragment <>…</> is only grouping
    if (!/^[a-z][a-z0-9-]*$/.test(name)) {
      found(ctx, node, 'mdx-component', { name }, name);
      return;
    }
    const literal: { name: string; value: string | true }[] = [];
    for (const a of node.attributes) {
      const value = a.type === 'mdxJsxAttribute' ? attributeValue(a.value) : undefined;
      if (a.type === 'mdxJsxAttribute' && value !== undefined) literal.push({ name: a.name, value });
      else {
        const code =
          a.type === 'mdxJsxAttribute' ? `${a.name}={${String((a.value as { value?: string }).value)}}` : a.value;
        found(ctx, node, 'mdx-expression', { code: excerpt(code) }, name);
      }
    }
    const verdict = judgeElement(name, literal);
    if (verdict.tag) {
      const what = verdict.tag === 'remove' ? '连同其中内容会被删去' : '不在允许之列,标签会被去掉(其中文字保留)';
      found(ctx, node, 'mdx-html-tag', { tag: name, what }, name);
    }
    for (const attribute of verdict.attributes) {
      const value = literal.find((a) => a.name === attribute)?.value;
      found(
        ctx,
        node,
        'mdx-html-attribute',
        { tag: name, attribute, value: value === true ? '' : excerpt(value ?? ''), how: attributeFix(attribute) },
        attribute,
      );
    }
    if (!verdict.tag) {
      const src = verdict.kept.find((a) => a.name === 'src');
      if (name === 'img' && typeof src?.value === 'string') image(ctx, node, src.value);
      const href = verdict.kept.find((a) => a.name === 'href');
      if (name === 'a' && typeof href?.value === 'string') link(ctx, node, href.value);
    }
    if (opts.collect) return;
    // The build strips what the check reported (the check stops the build first; this is the second wall).
    if (verdict.tag === 'remove') ctx.removeNode(node);
    else if (verdict.tag === 'unwrap') ctx.replaceNode(node, [...node.children]);
    else if (verdict.attributes.length > 0) {
      const attributes = verdict.kept.map((a) => ({
        type: 'mdxJsxAttribute' as const,
        name: a.name,
        value: a.value === true ? null : a.value,
      }));
      ctx.replaceNode(node, { ...node, attributes, children: [...node.children] } as Element);
    }
  }

  // Reference-style images resolve through definitions, which may come after them. A
  // definition an image uses is judged as that image, where the image is; the others as links.
  type Definition = { identifier: string; node: Pos; url: string };
  const definitions: Definition[] = [];
  const imageRefs: { node: Pos; identifier: string }[] = [];

  return {
    name: 'gongshi-content-guard',
    options: { position: true },
    before() {
      definitions.length = 0;
      imageRefs.length = 0;
    },
    mdxjsEsm(node, ctx) {
      found(ctx, node, 'mdx-esm', { code: excerpt(node.value) });
    },
    mdxFlowExpression(node, ctx) {
      if (!COMMENT_ONLY.test(node.value)) found(ctx, node, 'mdx-expression', { code: excerpt(node.value) });
    },
    mdxTextExpression(node, ctx) {
      if (!COMMENT_ONLY.test(node.value)) found(ctx, node, 'mdx-expression', { code: excerpt(node.value) });
    },
    mdxJsxFlowElement: element,
    mdxJsxTextElement: element,
    image(node, ctx) {
      image(ctx, node, node.url);
    },
    link(node, ctx) {
      link(ctx, node, node.url);
    },
    definition(node) {
      definitions.push({ identifier: node.identifier.toLowerCase(), node, url: node.url });
    },
    imageReference(node) {
      imageRefs.push({ node, identifier: node.identifier.toLowerCase() });
    },
    after(_root, ctx) {
      const first = new Map<string, Definition>();
      for (const d of definitions) if (!first.has(d.identifier)) first.set(d.identifier, d); // CommonMark: the first wins
      const images = new Set<Definition>();
      for (const { node, identifier } of imageRefs) {
        const definition = first.get(identifier);
        if (definition === undefined) continue;
        images.add(definition);
        image(ctx, node, definition.url);
      }
      for (const d of definitions) if (!images.has(d)) link(ctx, d.node, d.url);
    },
  };
}
