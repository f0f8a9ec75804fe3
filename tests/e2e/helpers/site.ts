/**
 * The built site the browser tests run against: `dist/` (built by `npm test` before vitest),
 * or GONGSHI_E2E_DIST for a build elsewhere. Served by scripts/serve.ts on 127.0.0.1 on a
 * random free port.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startStaticServer, type StaticServer } from '../../../scripts/serve.ts';

export const SITE_DIR = resolve(process.env.GONGSHI_E2E_DIST ?? 'dist');

/** Fails with how-to-fix when the site or its search index has not been built. */
function assertBuiltSite(): void {
  for (const file of [
    'index.html',
    'search/index.html',
    'pagefind/pagefind.js',
    'search/compounds/pagefind/pagefind-entry.json',
  ]) {
    if (!existsSync(join(SITE_DIR, file))) {
      throw new Error(
        `${join(SITE_DIR, file)} is missing: the browser tests run against the built site. ` +
          'Build it first with `npm run build` (`npm test` does this), or point GONGSHI_E2E_DIST at a build.',
      );
    }
  }
}

export async function serveSite(): Promise<StaticServer> {
  assertBuiltSite();
  return startStaticServer({ root: SITE_DIR });
}
