/**
 * A guarded article's hast as HTML, written the way Astro wrote the JSX that
 * @astrojs/mdx used to compile from the very same tree (astro/jsx-runtime through
 * Astro's renderJSX), so a page is byte for byte what it was when every article
 * was a module of the server bundle: text escapes `& < > ' "`, attribute values
 * `&` and `"`, an empty void element closes as `<br/>`, a boolean attribute is
 * its bare name, GFM's alignment style is Astro's `text-align:center`.
 * tests/unit/mdx/html.test.ts renders a corpus both ways and compares.
 *
 * Only what the content guard lets through is written: elements, text, the HTML
 * tags the sanitiser keeps with their literal attributes, and `{/* comments *\/}`
 * (nothing). Anything else is a programming error, not content.
 */
import { find, html as HTML } from 'property-information';

/** The hast nodes a guarded article is made of (satteri's tree, read as plain objects). */
export type ContentNode =
  | { type: 'root'; children: readonly ContentNode[] }
  | {
      type: 'element';
      tagName: string;
      properties?: Readonly<Record<string, unknown>>;
      children: readonly ContentNode[];
    }
  | { type: 'text'; value: string }
  | {
      type: 'mdxJsxFlowElement' | 'mdxJsxTextElement';
      name: string | null;
      attributes: readonly { type: string; name?: string; value?: unknown }[];
      children: readonly ContentNode[];
    }
  | { type: 'mdxFlowExpression' | 'mdxTextExpression'; value: string };

// Astro's own lists (astro/dist/runtime/server/render/util.js).
const VOID = /^(area|base|br|col|command|embed|hr|img|input|keygen|link|meta|param|source|track|wbr)$/i;
const BOOLEAN =
  /^(?:allowfullscreen|async|autofocus|autoplay|checked|controls|default|defer|disabled|disablepictureinpicture|disableremoteplayback|formnovalidate|inert|loop|muted|nomodule|novalidate|open|playsinline|readonly|required|reversed|scoped|seamless|selected|itemscope)$/i;
const BOOLEAN_IF_BOOLEAN = new Set(['popover', 'download', 'hidden']);
const INVALID_NAME = /[\s"'>/=]/;

const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', "'": '&#39;', '"': '&quot;' };
const escapeText = (s: string) => s.replace(/[&<>'"]/g, (c) => ENTITY[c] ?? c);
const escapeValue = (s: string) => s.replaceAll('&', '&amp;').replaceAll('"', '&quot;');

function attribute(name: string, value: string | number | boolean): string {
  if (INVALID_NAME.test(name)) return '';
  if (BOOLEAN.test(name) || (typeof value === 'boolean' && BOOLEAN_IF_BOOLEAN.has(name))) {
    return value ? ` ${name}` : '';
  }
  return value === '' ? ` ${name}` : ` ${name}="${escapeValue(String(value))}"`;
}

/**
 * A hast `style` string as the JSX style object Astro turned back into text:
 * declarations trimmed and joined with `;`, empty ones dropped.
 */
function styleText(style: string): string {
  const declarations: string[] = [];
  for (const part of style.split(';')) {
    const colon = part.indexOf(':');
    if (colon < 0) continue;
    const key = part.slice(0, colon).trim().toLowerCase();
    const value = part.slice(colon + 1).trim();
    if (key && value) declarations.push(`${key}:${value}`);
  }
  return declarations.join(';');
}

function elementAttributes(properties: Readonly<Record<string, unknown>>): string {
  let out = '';
  for (const [property, value] of Object.entries(properties)) {
    // The compiler leaves out what hast marks absent (`checked: false` on a task list's box).
    if (value === undefined || value === null || value === false) continue;
    const info = find(HTML, property);
    if (property === 'style' && typeof value === 'string') {
      const text = styleText(value);
      if (text) out += ` style="${escapeValue(text)}"`;
    } else if (Array.isArray(value)) {
      out += attribute(info.attribute, value.join(info.commaSeparated ? ', ' : ' '));
    } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      out += attribute(info.attribute, value);
    } else throw new Error(`HTML 属性 ${property} 的值无法写出`);
  }
  return out;
}

function jsxAttributes(attributes: readonly { type: string; name?: string; value?: unknown }[]): string {
  let out = '';
  for (const a of attributes) {
    // The guard refused every other kind (spreads, `{…}` values) before this runs.
    if (a.type !== 'mdxJsxAttribute' || a.name === undefined) throw new Error('MDX 属性不是字面值');
    if (a.value === null || a.value === undefined) out += attribute(a.name, true);
    else if (typeof a.value === 'string') out += attribute(a.name, a.value);
    else throw new Error(`MDX 属性 ${a.name} 不是字面值`);
  }
  return out;
}

function element(tag: string, attributes: string, children: readonly ContentNode[]): string {
  if (children.length === 0 && VOID.test(tag)) return `<${tag}${attributes}/>`;
  return `<${tag}${attributes}>${children.map(toHtml).join('')}</${tag}>`;
}

export function toHtml(node: ContentNode): string {
  switch (node.type) {
    case 'root':
      return node.children.map(toHtml).join('');
    case 'text':
      return escapeText(node.value);
    case 'element':
      return element(node.tagName, elementAttributes(node.properties ?? {}), node.children);
    case 'mdxJsxFlowElement':
    case 'mdxJsxTextElement':
      // A fragment `<>…</>` only groups.
      if (node.name === null) return node.children.map(toHtml).join('');
      return element(node.name, jsxAttributes(node.attributes), node.children);
    case 'mdxFlowExpression':
    case 'mdxTextExpression':
      return ''; // a comment: the guard refused every other expression
    default:
      throw new Error(`MDX 节点 ${(node as { type: string }).type} 不应出现在文章里`);
  }
}
