/**
 * The build gate: validate data/ and src/content/ before Astro does anything
 * else, and stop with exit code 1 on any issue.
 *
 * Astro alone would not: a failing loader or a broken reference is logged and
 * the build still exits 0 with whatever rendered. A disclosure portal must
 * publish nothing rather than something wrong, so the same check that
 * `npm run check` runs (its rules, its two threads) decides here, at config setup.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { projectOptions, resolveDirs } from '../lib/dataset/options.ts';
import type { Dataset } from '../lib/dataset/types.ts';
import { formatIssue } from '../lib/schema/labels.ts';
import { checkedDataset, recheckDataset, releaseDataset } from '../lib/validate/once.ts';
import { keepRenderings } from '../lib/mdx/pipeline.ts';

function report(dataset: Dataset, logger: AstroIntegrationLogger): boolean {
  if (dataset.issues.length === 0) {
    logger.info(`数据检查通过:${Object.keys(dataset.tables).length} 张表,${dataset.content.length} 篇文章`);
    return true;
  }
  for (const i of dataset.issues) logger.error(formatIssue(i));
  logger.error(`共发现 ${dataset.issues.length} 个问题,未发布任何内容。`);
  return false;
}

export default function validate(): AstroIntegration {
  let opts = projectOptions();
  return {
    name: 'gongshi:validate',
    hooks: {
      'astro:config:setup': async ({ config, command, logger }) => {
        // The preview server only serves an existing build.
        if (command === 'preview') return;
        opts = projectOptions(fileURLToPath(config.root));
        // The content loader then takes each article the check rendered instead of rendering it again.
        if (command === 'build') keepRenderings(true);
        const ok = report(await checkedDataset(opts), logger);
        // A build reads only the rows from here (once.ts); dev keeps the dataset for its re-checks.
        if (ok && command === 'build') releaseDataset();
        // In dev the server keeps running so the page shows the fix as soon as the file is saved.
        if (ok || command === 'dev') return;
        // exit, not throw: a thrown error would print Astro's stack trace over the list above.
        process.exit(1);
      },
      // Astro has synced the content store by now: what the loader did not take is let go.
      'astro:build:start': () => keepRenderings(false),
      // Dev: the tables are not content collections, so Astro does not watch them; re-check and reload.
      'astro:server:setup': ({ server, logger }) => {
        const { dataDir } = resolveDirs(opts);
        server.watcher.add(dataDir);
        server.watcher.on('change', (changed) => {
          if (!path.resolve(changed).startsWith(dataDir + path.sep)) return;
          void recheckDataset(opts).then((dataset) => {
            report(dataset, logger);
            server.ws.send({ type: 'full-reload' });
          });
        });
      },
    },
  };
}
