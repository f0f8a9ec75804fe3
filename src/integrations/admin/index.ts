/**
 * /admin/: the staff editor (Decap CMS), written into the build output at astro:build:done.
 *
 * It is its own page with its own Content-Security-Policy: Decap needs 'unsafe-eval' (its
 * config validator compiles schemas) and inline styles (its CSS-in-JS), which the public
 * pages must never allow, so the admin page is not an Astro page and shares no layout,
 * no script and no policy with them. The bundle is copied from node_modules: no CDN.
 * No public page links here; robots are told to stay out (meta and X-Robots-Tag).
 */
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { projectOptions } from '../../lib/dataset/options.ts';
import { buildsCityPages } from '../../lib/routes/shard.ts';
import { checkedRows } from '../../lib/validate/once.ts';
import type { Rows } from '../../lib/dataset/types.ts';
import { adminConfigYaml, backendFromEnv, backendOrigins, type BackendConfig, type Choices } from './config.ts';

/** The Decap bundle and its lazily loaded chunks (source maps stay behind). */
function decapFiles(): { dir: string; files: string[] } {
  const require = createRequire(import.meta.url);
  const dir = path.dirname(require.resolve('decap-cms/dist/decap-cms.js'));
  const files = readdirSync(dir)
    .filter((f) => f === 'decap-cms.js' || /^\d+\.decap-cms\.js$/.test(f))
    .sort();
  return { dir, files };
}

/** The admin page's own policy: the public pages' policy is untouched (astro.config.mjs). */
export function adminCsp(backend: BackendConfig): string {
  // blob: is the file staff just picked, which Decap reads back before it uploads it.
  const connect = ["'self'", 'blob:', ...backendOrigins(backend)].join(' ');
  return [
    "default-src 'self'",
    // Decap compiles its config schema with new Function (ajv): 'unsafe-eval', on this page only.
    "script-src 'self' 'unsafe-eval'",
    // Decap styles itself with CSS-in-JS (<style> elements it writes at run time).
    "style-src 'self' 'unsafe-inline'",
    // Uploaded images are previewed from blob: URLs before they are saved.
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "font-src 'self'",
    `connect-src ${connect}`,
    "frame-src 'self' blob:",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

function adminHtml(backend: BackendConfig): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="content-security-policy" content="${adminCsp(backend)}">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>工作人员编辑 · 公示</title>
<link rel="config" href="/admin/config.yml" type="text/yaml">
</head>
<body>
<noscript>编辑后台需要开启 JavaScript。不用后台也可以按《工作人员指南》用 Excel 和 git 发布。</noscript>
<script src="/admin/decap-cms.js"></script>
</body>
</html>
`;
}

/** Ids staff pick from, labelled by name, from the checked rows. */
export function choicesFrom(rows: Pick<Rows, 'compounds' | 'sources' | 'districts' | 'streets' | 'firms'>): Choices {
  const pick = (
    t: 'compounds' | 'sources' | 'districts' | 'streets' | 'firms',
    label: (r: Record<string, unknown>) => string,
  ) =>
    (rows[t] as Record<string, unknown>[])
      .map((d) => ({ value: String(d.id), label: `${label(d)}(${String(d.id)})` }))
      .sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  return {
    compounds: pick('compounds', (d) => String(d.name)),
    districts: pick('districts', (d) => String(d.name)),
    streets: pick('streets', (d) => String(d.name)),
    firms: pick('firms', (d) => String(d.name)),
    sources: pick('sources', (d) => String(d.title ?? d.id)),
  };
}

/** Write index.html, config.yml and the Decap bundle into `dir` (dist/admin or a staff:cms folder). */
export function writeAdmin(dir: string, backend: BackendConfig, choices: Choices): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'index.html'), adminHtml(backend));
  writeFileSync(path.join(dir, 'config.yml'), adminConfigYaml({ backend, choices }));
  const { dir: from, files } = decapFiles();
  for (const f of files) copyFileSync(path.join(from, f), path.join(dir, f));
}

export default function admin(): AstroIntegration {
  let opts = projectOptions();
  return {
    name: 'gongshi:admin',
    hooks: {
      'astro:config:setup': ({ config }) => {
        opts = projectOptions(fileURLToPath(config.root));
      },
      'astro:build:done': async ({ dir }) => {
        // Like the routes without parameters, one path the whole city's: written by the city shard alone, not
        // made (1 s at 15,000 compounds) and compared by the merge again in every shard (bench/README.md, h21k).
        if (!buildsCityPages()) return;
        // The rows the build gate checked: nothing is read twice.
        const { rows } = await checkedRows(opts);
        writeAdmin(path.join(fileURLToPath(dir), 'admin'), backendFromEnv(), choicesFrom(rows));
      },
    },
  };
}
