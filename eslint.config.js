// @ts-check
import tseslint from 'typescript-eslint';
import astro from 'eslint-plugin-astro';
import { importX, createNodeResolver } from 'eslint-plugin-import-x';
import boundaries from 'eslint-plugin-boundaries';
import { fileURLToPath } from 'node:url';

/**
 * The pipeline's layers, lowest first (docs/architecture.md draws the same flow). A file may
 * import its own layer and the layers listed before it, never one listed after it: data moves
 * one way. Layers that share a row (dataset and mdx; history and opendata; pages and
 * integrations) are peers and may not import each other. A folder that matches no layer is an error (boundaries/no-unknown-files), so a new
 * folder has to be placed here, and in the architecture doc, before it can hold code.
 */
const LAYERS = [
  ['util', ['src/lib/util']],
  ['messages', ['src/lib/messages']],
  ['schema', ['src/lib/schema']],
  [
    ['dataset', ['src/lib/dataset']],
    ['mdx', ['src/lib/mdx']],
  ],
  ['validate', ['src/lib/validate']],
  ['model', ['src/lib/model']],
  ['views', ['src/lib/views']],
  [
    ['history', ['src/lib/history']],
    ['opendata', ['src/lib/opendata']],
  ],
  ['routes', ['src/lib/routes']],
  ['components', ['src/components', 'src/styles']],
  ['layouts', ['src/layouts']],
  [
    ['pages', ['src/pages']],
    ['integrations', ['src/integrations']],
  ],
  ['scripts', ['scripts']],
];

/** @type {{ type: string, pattern: string[] }[]} */
const elements = [];
/** @type {object[]} */
const policies = [];
/** @type {string[]} */
const below = [];
for (const row of LAYERS) {
  const peers = /** @type {[string, string[]][]} */ (typeof row[0] === 'string' ? [row] : row);
  for (const [type, pattern] of peers) {
    elements.push({ type, pattern });
    policies.push({ from: { element: { type } }, allow: { to: { element: { types: { anyOf: [type, ...below] } } } } });
  }
  below.push(...peers.map(([type]) => type));
}
// Element patterns name folders; the files at the top of src/ are classified as files. They
// sit beside the pages: they may read the library, never the scripts.
const TOP_FILES = [
  { category: 'content-config', pattern: 'src/content.config.ts' },
  { category: 'middleware', pattern: 'src/middleware.ts' },
];
policies.push({
  from: { file: { categories: ['content-config', 'middleware'] } },
  allow: { to: { element: { types: { anyOf: below.filter((type) => type !== 'scripts') } } } },
});

export default tseslint.config(
  { ignores: ['dist/', '.astro/', 'node_modules/', 'bench/', 'tests/fixtures/', '.tmp-*/', 'test-results/'] },
  ...tseslint.configs.recommended,
  ...astro.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.{ts,mjs,js,astro}'],
    plugins: { 'import-x': importX, boundaries },
    languageOptions: {
      // import-x re-parses every imported file with these options; astro-eslint-parser reads
      // `parser` for the front matter, so a cycle that runs through .astro files is seen too.
      parserOptions: { parser: '@typescript-eslint/parser', extraFileExtensions: ['.astro'] },
    },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.mjs', '.js', '.astro'] })],
      'import-x/extensions': ['.ts', '.mjs', '.js', '.astro'],
      'import-x/parsers': {
        '@typescript-eslint/parser': ['.ts', '.mjs', '.js'],
        // By file path: the package is ESM-only, which import-x can load by path but not by name.
        [fileURLToPath(import.meta.resolve('astro-eslint-parser'))]: ['.astro'],
      },
      'boundaries/elements': elements.map((element) => ({ ...element, partialMatch: false })),
      'boundaries/files': TOP_FILES,
      'boundaries/include': ['src/**', 'scripts/**'],
      'boundaries/legacy-templates': false,
    },
    rules: {
      // no-cycle follows value imports (a cycle of types alone vanishes at run time); the layer
      // rule below counts type imports too, so between folders a type still points one way only.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'boundaries/dependencies': ['error', { default: 'disallow', policies }],
      'boundaries/no-unknown-files': 'error',
    },
  },
);
