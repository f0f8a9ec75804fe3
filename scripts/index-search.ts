/**
 * `node scripts/index-search.ts <site dir>`: the search step of `npm run build` on its own —
 * index a built site into its search bundles (`<site dir>/pagefind/`, `<site dir>/search/compounds/pagefind/`).
 * The benchmark times it with this.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { indexSite } from '../src/integrations/search.ts';
import { SEARCH_BUNDLES } from '../src/integrations/search-bundles.ts';

const dir = process.argv[2];
if (!dir) {
  console.error('用法:node scripts/index-search.ts <站点目录>');
  process.exit(2);
}
// Start from no index: Pagefind would leave an earlier run's files beside its own.
for (const bundle of SEARCH_BUNDLES) rmSync(join(dir, bundle.root, 'pagefind'), { recursive: true, force: true });
try {
  const summary = await indexSite(dir);
  console.log(JSON.stringify({ pageCount: summary.pageCount, reindexed: summary.reindexed, patched: summary.patched }));
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  process.exitCode = 1;
}
