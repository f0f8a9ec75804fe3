/**
 * The one MDX pipeline: the content loader (src/lib/routes/content-loader.ts)
 * renders every article to HTML with it when Astro syncs the content store, and
 * `npm run check` runs the same function over every content file, so the check
 * fails wherever the build would (src/lib/validate/rules/mdx-compile.ts).
 *
 * An article is parsed as MDX by Sätteri with the content guard, given Astro's
 * heading ids and written out as HTML (./html.ts). It is never a module: Sätteri
 * also emits JavaScript for the tree, which is dropped unread; nothing of an
 * article is bundled, imported or run.
 */
import path from 'node:path';
import { mdxToJs, type Features, type HastPluginDefinition } from 'satteri';
import { satteriHeadingIdsPlugin } from '@astrojs/markdown-satteri';
import { contentGuard, type Finding, type GuardOptions } from './guard.ts';
import { toHtml, type ContentNode } from './html.ts';

/** Astro's defaults for MDX (gfm and smart punctuation on), as @astrojs/mdx parsed articles. */
const CONTENT_FEATURES: Features = { gfm: true, smartPunctuation: true };

export type PipelineOptions = Omit<GuardOptions, 'collect'>;

/** A heading of the article, as Astro's `render()` returns them. */
export interface Heading {
  depth: number;
  slug: string;
  text: string;
}

export type Syntax = { line: number; column: number; reason: string };

export interface Rendered {
  html: string;
  headings: Heading[];
}

/** `rendered` is absent when the guard collected findings: a refused article is never written. */
export type RenderResult = { rendered?: Rendered; findings: Finding[] } | { syntax: Syntax };

/**
 * A build renders every article twice in one process otherwise: its gate's check
 * (rules/mdx-compile.ts), then the content loader. While kept (`keepRenderings`, a build's
 * gate only), the check's rendering of each clean article is held under everything that decides
 * it (file, options, body) for the loader to take once: 2 s of CPU at 15,000 compounds' 7,391
 * articles (bench/README.md, "the articles rendered once").
 */
interface Kept {
  on: boolean;
  renderings: Map<string, Rendered>;
}
// On globalThis, as validate/once.ts keeps the checked dataset: the gate (loaded by Node with the
// config) and the content loader (loaded by Vite) each have their own instance of this module.
const KEPT = Symbol.for('gongshi.keptRenderings');
const kept = ((globalThis as Record<symbol, unknown>)[KEPT] ??= { on: false, renderings: new Map() }) as Kept;

/** Hold the check's renderings for the content loader (on), or stop and let them go (off). */
export function keepRenderings(on: boolean): void {
  kept.on = on;
  if (!on) kept.renderings.clear();
}

// The folder resolved as the guard resolves it: Astro's publicDir ends in a slash, the check's does not.
const keptKey = (body: string, file: URL, { publicDir }: GuardOptions) =>
  `${file.href}\0${path.resolve(publicDir)}\0${body}`;

/**
 * Render one MDX body. `body` keeps the file's line and column (front matter
 * blanked: dataset/content.ts `blankFrontMatter`), so positions are the file's own.
 * With `collect` the guard reports every finding (the check); without, it refuses
 * code by throwing ContentRefused and strips HTML outside the allow-list (the build).
 */
export function renderContent(body: string, file: URL, opts: GuardOptions): RenderResult {
  if (!kept.on) return rendered(body, file, opts);
  const key = keptKey(body, file, opts);
  // The loader (enforcing, nothing collected) takes what the check rendered of the same body.
  const held = opts.collect === undefined ? kept.renderings.get(key) : undefined;
  if (held) {
    kept.renderings.delete(key);
    return { rendered: held, findings: [] };
  }
  const result = rendered(body, file, opts);
  if (opts.collect !== undefined && 'rendered' in result && result.rendered) kept.renderings.set(key, result.rendered);
  return result;
}

function rendered(body: string, file: URL, opts: GuardOptions): RenderResult {
  const data = {
    astro: {
      frontmatter: {},
      headings: [] as Heading[],
      localImagePaths: new Set<string>(),
      remoteImagePaths: new Set<string>(),
    },
  };
  const findings = opts.collect ?? [];
  let html: string | undefined;
  const write: HastPluginDefinition = {
    name: 'gongshi-html',
    after(root) {
      if (findings.length === 0) html = toHtml(root as unknown as ContentNode);
    },
  };
  try {
    mdxToJs(body, {
      mdastPlugins: [contentGuard(opts)],
      hastPlugins: [satteriHeadingIdsPlugin(), write],
      features: CONTENT_FEATURES,
      fileURL: file,
      data,
    });
  } catch (e) {
    // Sätteri's parse errors read "line:column: reason (rule)".
    const message = e instanceof Error ? e.message : String(e);
    const m = /^(\d+):(\d+):\s*([\s\S]*)$/.exec(message);
    if (!m) throw e;
    return { syntax: { line: Number(m[1]), column: Number(m[2]), reason: (m[3] ?? '').trim() } };
  }
  if (findings.length > 0) return { findings };
  if (html === undefined) throw new Error('MDX 渲染没有产生 HTML');
  return { rendered: { html, headings: data.astro.headings }, findings };
}

export type CompileResult = { findings: Finding[] } | { syntax: Syntax };

/** What the check reports for one body: every finding of the guard, or the syntax error. */
export function compileContent(body: string, file: URL, opts: PipelineOptions): CompileResult {
  const r = renderContent(body, file, { ...opts, collect: [] });
  return 'syntax' in r ? r : { findings: r.findings };
}
