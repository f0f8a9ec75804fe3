/**
 * Just enough HTML reading for build tests, without a DOM: the directory pages
 * keep their sections flat (no <section> inside a <section>), so a section is the
 * text from its opening tag to the next </section>.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function readPage(dist: string, urlPath: string): string {
  const file = join(dist, decodeURIComponent(urlPath), 'index.html');
  if (!existsSync(file)) throw new Error(`${urlPath} was not built: ${file} is missing`);
  return readFileSync(file, 'utf8');
}

/** The HTML of the first <section> whose opening tag contains `attr` (e.g. aria-labelledby="honours-h"). */
export function section(html: string, attr: string): string {
  const start = html.search(new RegExp(`<section[^>]*${attr.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[^>]*>`));
  if (start < 0) throw new Error(`no <section ${attr}> on the page`);
  const end = html.indexOf('</section>', start);
  return html.slice(start, end < 0 ? undefined : end);
}

/** Every <section …> opening tag containing `attr`, each with its content. */
export function sections(html: string, attr: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (;;) {
    const rest = html.slice(from);
    const i = rest.search(new RegExp(`<section[^>]*${attr.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[^>]*>`));
    if (i < 0) return out;
    const end = rest.indexOf('</section>', i);
    out.push(rest.slice(i, end));
    from += end + 1;
  }
}

/** The <li> items of an HTML fragment. */
export function listItems(html: string): string[] {
  return [...html.matchAll(/<li\b[^>]*>([\s\S]*?)<\/li>/g)].map((m) => m[1] ?? '');
}

/** Visible text: tags dropped, entities for &, <, >, " and ' decoded, whitespace collapsed. */
export function text(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/g, '')
    .replace(/<div hidden data-pagefind-ignore>[\s\S]*?<\/div>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/** href values of the links in a fragment. */
export function hrefs(html: string): string[] {
  return [...html.matchAll(/<a\b[^>]*\bhref="([^"]*)"/g)].map((m) => m[1] ?? '');
}

/**
 * The source-list entries (as text) that the citation links of `fragment` point at
 * (href="#source-<n>" → <li id="source-<n>"> on the same page); fails on a dangling one.
 */
export function citedSources(page: string, fragment: string): string[] {
  return hrefs(fragment)
    .filter((h) => h.startsWith('#source-'))
    .map((h) => {
      const item = new RegExp(`<li id="${h.slice(1)}">([\\s\\S]*?)</li>`).exec(page);
      if (!item) throw new Error(`citation ${h} points at no source-list entry`);
      return text(item[1] ?? '');
    });
}
