/**
 * `node scripts/bench/index-search.ts <site dir>`: run the project's own search
 * indexing (the function the build's search integration calls at
 * astro:build:done) on a built site, so the benchmark can time it on its own.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { indexSite } from '../../src/integrations/search.ts';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: index-search.ts <site dir>');
  process.exit(2);
}
// Start from no index, as the build does: Pagefind would leave the build's files beside its own.
rmSync(join(dir, 'pagefind'), { recursive: true, force: true });
const summary = await indexSite(dir);
console.log(JSON.stringify({ pageCount: summary.pageCount }));
