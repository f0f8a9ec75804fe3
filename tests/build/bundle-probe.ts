/**
 * `astro build` with one Vite plugin more, which lists what the bundles hold: each
 * chunk's module ids and code, of the server and the client build alike, written as
 * JSON to the file named by the first argument. The fixture comes from the
 * GONGSHI_* variables, as for any fixture build. Used by content-bundle.test.ts.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'astro';

const report = process.argv[2];
if (!report) throw new Error('usage: node tests/build/bundle-probe.ts <report.json>');
const chunks: { modules: string[]; code: string }[] = [];
await build({
  root: fileURLToPath(new URL('../../', import.meta.url)),
  vite: {
    plugins: [
      {
        name: 'gongshi-bundle-probe',
        generateBundle(_options, bundle) {
          for (const item of Object.values(bundle)) {
            if (item.type !== 'chunk') continue;
            chunks.push({ modules: [...item.moduleIds], code: item.code });
          }
        },
      },
    ],
  },
});
writeFileSync(report, JSON.stringify(chunks));
