/**
 * The content loader of the four MDX collections (src/content.config.ts): each
 * article's front matter is read as `npm run check` reads it (dataset/content.ts)
 * and validated by Astro against the collection's schema, and its body is
 * rendered to HTML here, through the one MDX pipeline (mdx/pipeline.ts), into the
 * entry's `rendered`. Astro's `render(entry)` then writes that HTML; no article
 * becomes a module of the server bundle, so the bundle does not grow with the city
 * and staff content is never code.
 *
 * The store keeps each entry with a digest of its text and of the renderer's
 * code (the mdx folder and the locked dependencies): an unchanged article is not
 * rendered again by a build with the same cache folder.
 *
 * The validate integration refuses every bad article before the content is
 * loaded; this is the second wall. In a build a refusal prints the located issue
 * and exits, as the gate does (a thrown error would come back from Astro with a
 * stack trace); in dev it is logged and the article left out until it is fixed.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { blankFrontMatter, parseEntry } from '../dataset/content.ts';
import { codeDigest } from '../dataset/digest.ts';
import { describe } from '../messages/catalogue.ts';
import { syntaxIssue } from '../mdx/syntax.ts';
import { renderContent } from '../mdx/pipeline.ts';
import { ContentRefused } from '../mdx/guard.ts';
import type { ContentCollectionName } from '../schema/content.ts';
import { formatIssue } from '../schema/labels.ts';
import { cmp } from '../util/compare.ts';
import { shownPath } from '../util/paths.ts';

let renderer: string | undefined;

/** The renderer's code: a changed pipeline, dependency or Node renders every article again. */
function rendererDigest(): string {
  renderer ??= codeDigest([fileURLToPath(new URL('../mdx/', import.meta.url))]);
  return renderer;
}

const ARTICLE = /^[^.].*\.mdx$/i;

export function mdxLoader(collection: ContentCollectionName, dir: string): Loader {
  return {
    name: 'gongshi-mdx',
    async load(context: LoaderContext): Promise<void> {
      const { config, store, parseData, generateDigest, logger, watcher } = context;
      const root = fileURLToPath(config.root);
      const base = path.resolve(root, dir);
      const publicDir = fileURLToPath(config.publicDir);
      const idOf = new Map<string, string>();

      /** A build stops on the first refusal, printed located, as the validate gate prints. */
      const refuse = (messages: string[]): undefined => {
        for (const m of messages) logger.error(m);
        if (watcher) return undefined;
        logger.error('文章中有不能发布的内容,未发布任何内容。');
        process.exit(1);
      };

      async function sync(abs: string): Promise<string | undefined> {
        const relative = path.relative(root, abs).split(path.sep).join('/');
        const shown = shownPath(root, abs);
        const parsed = parseEntry(collection, shown, await readFile(abs));
        if (!parsed.entry || parsed.text === undefined) return refuse(parsed.issues.map(formatIssue));
        const { id } = parsed.entry;
        const digest = generateDigest(`${rendererDigest()}\0${parsed.text}`);
        idOf.set(abs, id);
        if (store.get(id)?.digest === digest) return id;
        const file = pathToFileURL(abs);
        let result: ReturnType<typeof renderContent>;
        try {
          result = renderContent(blankFrontMatter(parsed.text), file, { publicDir });
        } catch (e) {
          if (e instanceof ContentRefused) return refuse([e.message]);
          throw e;
        }
        if ('syntax' in result) {
          const { line, column, reason } = result.syntax;
          const { kind, vars } = syntaxIssue(reason);
          return refuse([formatIssue({ file: abs, line, column, columnName: '-', ...describe(kind, vars) })]);
        }
        if (!result.rendered) throw new Error(`${shown}: the enforcing guard returned no HTML`);
        const { html, headings } = result.rendered;
        const data = await parseData({ id, data: parsed.raw ?? {}, filePath: abs });
        store.set({ id, data, filePath: relative, digest, rendered: { html, metadata: { headings } } });
        return id;
      }

      const names = (await readdir(base).catch(() => [] as string[])).filter((n) => ARTICLE.test(n)).sort(cmp);
      const untouched = new Set(store.keys());
      for (const name of names) {
        const id = await sync(path.join(base, name));
        if (id !== undefined) untouched.delete(id);
      }
      for (const id of untouched) store.delete(id);

      if (!watcher) return;
      // Dev: an edited, added or deleted article reloads, as with Astro's glob loader.
      watcher.add(base);
      const mine = (p: string) => path.dirname(p) === base && ARTICLE.test(path.basename(p));
      const reload = async (p: string) => {
        if (!mine(p)) return;
        const before = idOf.get(p);
        const id = await sync(p);
        if (before !== undefined && before !== id) store.delete(before);
        if (id !== undefined) logger.info(`已重新载入 ${path.relative(root, p)}`);
      };
      watcher.on('change', reload);
      watcher.on('add', reload);
      watcher.on('unlink', (p) => {
        const id = idOf.get(p);
        if (!mine(p) || id === undefined) return;
        store.delete(id);
        idOf.delete(p);
      });
    },
  };
}
