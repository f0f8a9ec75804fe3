/**
 * `node scripts/index-search.ts <site dir>`: the search step of `npm run build` on its own —
 * index a built site into its search bundles (`<site dir>/pagefind/`, `<site dir>/search/compounds/pagefind/`).
 * The benchmark times it with this.
 */
import { indexSite } from '../src/integrations/search.ts';

const dir = process.argv[2];
if (!dir) {
  console.error('用法:node scripts/index-search.ts <站点目录>');
  process.exit(2);
}
// An index already in the site is brought up to date in place: indexSite writes only the files
// that changed and removes the rest.
try {
  const summary = await indexSite(dir);
  const { pageCount, reindexed, patched, read } = summary;
  console.log(JSON.stringify({ pageCount, reindexed, patched, read }));
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  process.exitCode = 1;
}
