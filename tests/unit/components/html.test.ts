import { describe, expect, it } from 'vitest';
import { addAttribute, escapeHTML } from 'astro/runtime/server/index.js';
import { attribute, escapeAttr, escapeText } from '../../../src/components/common/html.ts';

// Tables written as strings (ledger, chart, committee and evaluation rows) must be the bytes the
// Astro templates they replaced wrote: the same escaping of text and of attribute values.
const SAMPLES = [
  '',
  '业主大会表决通过（参与表决专有面积88%，同意过半）',
  `<b>&amp; "双引号" '单引号' > <`,
  '&&""\'\'<<>>',
  'a&#39;b &lt; c',
  '—¥1,234.50',
];

describe('html strings', () => {
  it('escape text exactly as Astro prints an expression', () => {
    for (const s of SAMPLES) expect(escapeText(s)).toBe(String(escapeHTML(s)));
  });

  it('escape a non-empty attribute value exactly as Astro prints one', () => {
    // Astro prints an empty value as a bare attribute name; no caller writes an empty value.
    for (const s of SAMPLES.filter(Boolean)) expect(` title="${escapeAttr(s)}"`).toBe(String(addAttribute(s, 'title')));
  });

  it('write an attribute exactly as Astro prints one, empty included', () => {
    for (const s of SAMPLES)
      for (const name of ['title', 'href', 'data-search-role'])
        expect(attribute(name, s)).toBe(String(addAttribute(s, name)));
  });
});
