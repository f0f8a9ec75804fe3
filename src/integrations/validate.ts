/**
 * The build gate: validate data/ and src/content/ before Astro does anything
 * else, and stop with exit code 1 on any issue.
 *
 * Astro alone would not: a loader that reports errors, or an MDX reference to a
 * missing row, is logged and the build still exits 0 with whatever rendered.
 * A disclosure portal must publish nothing rather than something wrong, so the
 * same loadDataset that `npm run check` runs decides here, at config setup.
 */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { loadDatasetOnce } from '../lib/validate/dataset.ts';
import { formatIssue } from '../lib/validate/types.ts';

export default function validate(): AstroIntegration {
  return {
    name: 'gongshi:validate',
    hooks: {
      'astro:config:setup': async ({ config, command, logger }) => {
        // The preview server only serves an existing build.
        if (command === 'preview') return;
        const dataset = await loadDatasetOnce({
          root: fileURLToPath(config.root),
          dataDir: process.env.GONGSHI_DATA_DIR || undefined,
          contentDir: process.env.GONGSHI_CONTENT_DIR || undefined,
        });
        if (dataset.issues.length === 0) {
          logger.info(`数据检查通过:${Object.keys(dataset.tables).length} 张表,${dataset.content.length} 篇文章`);
          return;
        }
        for (const i of dataset.issues) logger.error(formatIssue(i));
        logger.error(`共发现 ${dataset.issues.length} 个问题,未发布任何内容。`);
        // In dev the server keeps running so the page shows the fix as soon as the file is saved.
        if (command === 'dev') return;
        // exit, not throw: a thrown error would print Astro's stack trace over the list above.
        process.exit(1);
      },
    },
  };
}
