/**
 * MDX for staff content: @astrojs/mdx on the Sätteri processor with the content
 * guard (src/lib/mdx/pipeline.ts, the same pipeline `npm run check` compiles with).
 *
 * The validate integration stops a build on any content issue before anything is
 * compiled; this is the second wall for whatever reaches the compiler anyway. In a
 * build a refusal prints the located issue and exits, as the validate gate does
 * (a thrown error would come back from Vite with a stack trace and line 0:0);
 * in dev it is thrown, so the overlay shows it and the server keeps running.
 */
import { fileURLToPath } from 'node:url';
import mdx from '@astrojs/mdx';
import { satteri } from '@astrojs/markdown-satteri';
import type { AstroIntegration } from 'astro';
import { contentProcessorOptions, type PipelineOptions } from '../lib/mdx/pipeline.ts';

export default function content(): AstroIntegration[] {
  const options: PipelineOptions = { publicDir: fileURLToPath(new URL('../../public/', import.meta.url)) };
  const guard: AstroIntegration = {
    name: 'gongshi:content',
    hooks: {
      'astro:config:setup': ({ config, command, logger }) => {
        options.publicDir = fileURLToPath(config.publicDir);
        options.onRefused =
          command === 'build'
            ? (message) => {
                logger.error(message);
                logger.error('文章中有不能发布的内容,未发布任何内容。');
                process.exit(1);
              }
            : undefined;
      },
    },
  };
  return [guard, mdx({ processor: satteri(contentProcessorOptions(options)) })];
}
