/**
 * The one MDX pipeline: astro.config.mjs hands it to @astrojs/mdx (through the
 * Sätteri processor Astro 7 uses for MDX), and `npm run check` compiles every
 * content file with it, without Astro, so the check fails wherever the build
 * would (src/lib/validate/rules/mdx-compile.ts).
 */
import { mdxToJs, type Features, type MdastPluginList } from 'satteri';
import { contentGuard, type Finding, type GuardOptions } from './guard.ts';

/** Astro's defaults for MDX (gfm and smart punctuation on), stated so both sides parse alike. */
const CONTENT_FEATURES: Features = { gfm: true, smartPunctuation: true };

export type PipelineOptions = Omit<GuardOptions, 'collect'>;

/**
 * The options for `satteri()` (src/integrations/content.ts): the guard enforces,
 * it does not collect. `opts` is read at each compile, so the integration can
 * fill it in once Astro's config is known.
 */
export function contentProcessorOptions(opts: PipelineOptions): { mdastPlugins: MdastPluginList; features: Features } {
  return { mdastPlugins: [() => contentGuard(opts)], features: CONTENT_FEATURES };
}

export type CompileResult = { findings: Finding[] } | { syntax: { line: number; column: number; reason: string } };

/**
 * Compile one MDX body as the build does. `body` keeps the file's line and column
 * (front matter blanked, as @astrojs/mdx does), so positions are the file's own.
 */
export function compileContent(body: string, file: URL, opts: PipelineOptions): CompileResult {
  const findings: Finding[] = [];
  try {
    mdxToJs(body, {
      mdastPlugins: [contentGuard({ ...opts, collect: findings })],
      features: CONTENT_FEATURES,
      fileURL: file,
      jsxImportSource: 'astro',
      elementAttributeNameCase: 'html',
    });
  } catch (e) {
    // Sätteri's parse errors read "line:column: reason (rule)".
    const message = e instanceof Error ? e.message : String(e);
    const m = /^(\d+):(\d+):\s*([\s\S]*)$/.exec(message);
    if (!m) throw e;
    return { syntax: { line: Number(m[1]), column: Number(m[2]), reason: (m[3] ?? '').trim() } };
  }
  return { findings };
}
