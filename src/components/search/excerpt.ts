/**
 * Pagefind's excerpts are HTML: page text with the matched words in <mark>. Rebuild them as
 * DOM nodes keeping only text and <mark>, so nothing else from an excerpt can become markup.
 */
export function excerptFragment(html: string, doc: Document): DocumentFragment {
  const parsed = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  const fragment = doc.createDocumentFragment();
  for (const node of Array.from(parsed.body.childNodes)) {
    if (node.nodeName === 'MARK') {
      const mark = doc.createElement('mark');
      mark.textContent = node.textContent;
      fragment.append(mark);
    } else {
      fragment.append(doc.createTextNode(node.textContent ?? ''));
    }
  }
  return fragment;
}
