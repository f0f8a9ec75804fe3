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

export interface ExcerptCandidate {
  excerpt: string;
  /** Set for a section of the page (Pagefind sub-result): its heading and #anchor URL. */
  title?: string;
  url?: string;
}

/** How many of the query's characters the excerpt marks: a stand-in for "shows what was asked". */
function coverage(query: string, excerpt: string): number {
  const wanted = new Set(Array.from(query.replace(/\s+/g, '').toLowerCase()));
  const marked = new Set<string>();
  for (const match of excerpt.matchAll(/<mark>([^<]*)<\/mark>/g)) {
    for (const ch of Array.from((match[1] ?? '').toLowerCase())) if (wanted.has(ch)) marked.add(ch);
  }
  return marked.size;
}

/**
 * Pagefind's page excerpt is the window with the most matched words, and single characters of
 * a name (宓文标 → 宓/文/标) also match inside common words (收费标准), so the page excerpt can
 * miss the name entirely. Each section of the page has its own excerpt: show the one that marks
 * the most of the query, preferring the page excerpt on a tie.
 */
export function bestExcerpt(
  query: string,
  page: ExcerptCandidate,
  sections: readonly ExcerptCandidate[],
): ExcerptCandidate {
  let best = page;
  let bestScore = coverage(query, page.excerpt);
  for (const section of sections) {
    const score = coverage(query, section.excerpt);
    if (score > bestScore) {
      best = section;
      bestScore = score;
    }
  }
  return best;
}
