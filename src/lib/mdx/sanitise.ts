/**
 * The HTML allow-list for staff content, enforced by hast-util-sanitize (the
 * engine of rehype-sanitize, with GitHub's schema as the base).
 *
 * Astro 7's MDX runs on Sätteri, which has no rehype stage, so rehype-sanitize
 * cannot be plugged in as such. In MDX every HTML tag is a JSX element anyway
 * (there is no raw-HTML node), so each element is judged on its own: its name and
 * literal attributes go through the sanitiser, and whatever the sanitiser drops
 * is what the check reports and the build strips.
 */
import { defaultSchema, sanitize, type Schema } from 'hast-util-sanitize';
import { find, html } from 'property-information';
import type { Element, Properties, Root } from 'hast';

const HREF_PROTOCOLS = ['http', 'https', 'mailto', 'tel'];
// The sanitiser treats an empty list as "any protocol"; no scheme is named "#", so none passes.
const NO_PROTOCOL = ['#'];

/** A path on this site: no scheme (https:, data:, …) and not protocol-relative (//host/…). */
export function isSameOrigin(url: string): boolean {
  return !/^\s*(?:[a-z][a-z0-9+.-]*:|[\\/]{2})/i.test(url);
}

/**
 * GitHub's schema, tightened: no protocol at all for sources (an image or media
 * source is a path on this site, so no request leaves its origin), links only to
 * web, mail and phone addresses, and elements whose content is code or a
 * foreign page removed with that content rather than unwrapped.
 */
const CONTENT_SCHEMA: Schema = {
  ...defaultSchema,
  // Judged one element at a time, without its ancestors: nesting is the parser's business.
  ancestors: {},
  protocols: {
    ...defaultSchema.protocols,
    href: HREF_PROTOCOLS,
    src: NO_PROTOCOL,
    longDesc: NO_PROTOCOL,
    cite: ['http', 'https'],
  },
  strip: ['script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'noscript', 'template', 'svg', 'math'],
};

export interface Verdict {
  /** `remove`: the element and its content go; `unwrap`: the tag goes, its content stays. */
  tag?: 'remove' | 'unwrap';
  /** Attributes (as written) the sanitiser drops or empties. */
  attributes: string[];
  /** The attributes that survive, as written, for the build to keep. */
  kept: { name: string; value: string | true }[];
}

function toProperty(name: string, value: string | true): [string, Properties[string]] {
  const info = find(html, name);
  if (value === true) return [info.property, true];
  if (info.spaceSeparated) return [info.property, value.split(/\s+/).filter(Boolean)];
  if (info.commaSeparated) return [info.property, value.split(',').map((v) => v.trim())];
  return [info.property, value];
}

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** What the sanitiser does to one element with these literal attributes. */
export function judgeElement(tagName: string, attributes: readonly { name: string; value: string | true }[]): Verdict {
  const properties: Properties = {};
  const byProperty = new Map<string, string>();
  for (const a of attributes) {
    const [prop, value] = toProperty(a.name, a.value);
    properties[prop] = value;
    byProperty.set(prop, a.name);
  }
  const probe: Element = { type: 'element', tagName, properties, children: [{ type: 'text', value: '·' }] };
  const out = sanitize({ type: 'root', children: [probe] }, CONTENT_SCHEMA) as Root;
  const first = out.children[0];
  if (!first) return { tag: 'remove', attributes: [], kept: [] };
  if (first.type !== 'element') return { tag: 'unwrap', attributes: [], kept: [] };
  const dropped: string[] = [];
  const kept: Verdict['kept'] = [];
  for (const a of attributes) {
    const prop = find(html, a.name).property;
    const after = first.properties[prop];
    const before = properties[prop];
    // The clobber prefix (user-content-) only renames an id; anything else that changed was dropped.
    const renamed = typeof after === 'string' && typeof before === 'string' && after.endsWith(before);
    // hast-util-sanitize lets a protocol-relative //host/x through as "no protocol".
    const foreign = (prop === 'src' || prop === 'longDesc') && typeof before === 'string' && !isSameOrigin(before);
    if (after === undefined || after === null || foreign || (!sameValue(after, before) && !renamed)) {
      dropped.push(a.name);
    } else kept.push(a);
  }
  return { attributes: dropped, kept };
}
