/**
 * The page Pagefind is handed (search-runs.ts segmentedHtml): a space before each text node and
 * its text cut into words, found by a scan with indexOf that must give what the replace it took
 * the place of gave (bench/README.md, h26s), byte for byte, so that the index stays the same.
 */
import { describe, expect, it } from 'vitest';
import { segmentForIndex } from '../../../src/components/search/han-words.ts';
import { BODY, segmentedHtml } from '../../../src/integrations/search-runs.ts';

/** The replace segmentedHtml's scan stands for, on a body with nothing to empty. */
const byReplace = (html: string) =>
  html.replace(/(<[^>]*>)([^<]+)/g, (_, tag: string, text: string) =>
    /\sdata-pagefind-(filter|sort|meta)\b/.test(tag) ? tag + text : `${tag} ${segmentForIndex(text)}`,
  );

const body = (inner: string) => `<main${BODY}>${inner}`;

describe('the staged page', () => {
  it('cuts each text node, a space before it, and leaves filter, sort and meta values whole', () => {
    expect(
      segmentedHtml(
        body(
          '<span data-pagefind-filter="district">黄浦区</span><p>有限公司 1,387户</p><b data-pagefind-sort="year">2024年</b>',
        ),
      ),
    ).toBe(
      `<main${BODY}><span data-pagefind-filter="district">黄浦区</span><p> 有限公司 1 , 387 户</p><b data-pagefind-sort="year">2024年</b>`,
    );
  });

  it('leaves the head and header before the body as they are', () => {
    expect(segmentedHtml(`<title>主任吴凤</title><header>搜索</header>${body('<h1>主任吴凤</h1>')}`)).toBe(
      `<title>主任吴凤</title><header>搜索</header><main${BODY}><h1> 主任 吴凤</h1>`,
    );
  });

  it.each([
    ['a < inside a tag, and a tag not followed by text', '<a x="<y>"><b<i><u>t'],
    ['a < with no > after it', '<p>a < b<i>c'],
    ['a > inside text', '<p>a > b</p>'],
    ['text before the first tag and after the last', '起<p>中</p>止'],
    ['tags without text between them', '<p><b><i>吴凤</i></b></p>'],
    [
      'a data-pagefind- attribute that is not a value',
      '<p data-pagefind-ignore>副主任<a data-pagefind-filterx="1">吴凤</a>',
    ],
    ['a value attribute after a line break', '<i\ndata-pagefind-meta="t">大厦（演示）</i>x'],
    ['a value named in text, not in a tag', '<p>data-pagefind-sort 2024年</p>'],
    ['character references', '<p>A&amp;B 物业&lt;演示&gt;</p>'],
  ])('gives what the replace gives: %s', (_, inner) => {
    const html = body(inner);
    expect(segmentedHtml(html)).toBe(`<main${BODY}>` + byReplace(html.slice(`<main${BODY}>`.length)));
  });
});
