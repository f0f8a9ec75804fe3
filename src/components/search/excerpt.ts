/**
 * The excerpt under a result, and what it marks. Pagefind marks every indexed word that a query
 * word begins, so 后进 (cut into 后/进 like everything Chinese, han-words.ts) marked 后 alone and
 * the 进 of 进行. Its marks are dropped here: the excerpt is read as plain text and only whole
 * terms of the query are marked again, so a mark always shows what the reader typed.
 */

import { joinCut } from './han-words.ts';

/** Half the characters of a window cut from the page's content around a term. */
const WINDOW = 40;

export interface ExcerptCandidate {
  /** Pagefind's excerpt: HTML with <mark>s and escaped text. */
  excerpt: string;
  /** Set for a section of the page (Pagefind sub-result): its heading and #anchor URL. */
  title?: string;
  url?: string;
}

export interface ChosenExcerpt {
  /** Plain text to show. */
  text: string;
  /** The section it comes from, when it is one. */
  title?: string;
  url?: string;
}

export interface ExcerptPart {
  text: string;
  marked: boolean;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" };

/** Pagefind's excerpt HTML as the text it shows, Chinese joined again. */
export function excerptText(html: string): string {
  const text = html.replace(/<[^>]*>/g, '').replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_, e: string) => ENTITIES[e]!);
  return joinCut(text);
}

/** `text` cut into parts, the whole query terms in it marked (case ignored, longest term first). */
export function markTerms(text: string, terms: readonly string[]): ExcerptPart[] {
  const lower = text.toLowerCase();
  const parts: ExcerptPart[] = [];
  let plainFrom = 0;
  let at = 0;
  while (at < text.length) {
    const term = terms.find((t) => t !== '' && lower.startsWith(t, at));
    if (!term) {
      at += 1;
      continue;
    }
    if (at > plainFrom) parts.push({ text: text.slice(plainFrom, at), marked: false });
    parts.push({ text: text.slice(at, at + term.length), marked: true });
    at += term.length;
    plainFrom = at;
  }
  if (plainFrom < text.length) parts.push({ text: text.slice(plainFrom), marked: false });
  return parts;
}

/** How much of the query a text shows: the characters of the distinct terms it holds. */
function coverage(terms: readonly string[], text: string): number {
  const lower = text.toLowerCase();
  return terms.filter((t) => lower.includes(t)).reduce((n, t) => n + Array.from(t).length, 0);
}

/** A window of the page's content around the first whole term in it, or undefined. */
function windowAround(terms: readonly string[], content: string): string | undefined {
  const lower = content.toLowerCase();
  const hits = terms.map((t) => lower.indexOf(t)).filter((i) => i >= 0);
  if (hits.length === 0) return undefined;
  const at = Math.min(...hits);
  const from = Math.max(0, at - WINDOW);
  const to = Math.min(content.length, at + WINDOW);
  return `${from > 0 ? '…' : ''}${content.slice(from, to).trim()}${to < content.length ? '…' : ''}`;
}

/**
 * Pagefind's page excerpt is the window with the most matched words, and single characters of
 * a name (宓文标 → 宓/文/标) also match inside common words (收费标准), so the page excerpt can
 * miss the name entirely. Each section of the page has its own excerpt: show the one that holds
 * the most of the query's whole terms, preferring the page excerpt on a tie; when none holds
 * any, cut a window around the first term in the page's content (already loaded with the result).
 */
export function bestExcerpt(
  terms: readonly string[],
  page: ExcerptCandidate,
  sections: readonly ExcerptCandidate[],
  content = '',
): ChosenExcerpt {
  const pageText = excerptText(page.excerpt);
  let best: ChosenExcerpt = { text: pageText };
  let bestScore = coverage(terms, pageText);
  for (const section of sections) {
    const text = excerptText(section.excerpt);
    const score = coverage(terms, text);
    if (score > bestScore) {
      best = { text, title: section.title === undefined ? undefined : joinCut(section.title), url: section.url };
      bestScore = score;
    }
  }
  if (bestScore > 0) return best;
  const around = windowAround(terms, joinCut(content));
  return around === undefined ? best : { text: around };
}

/** The chosen excerpt as DOM nodes: text and <mark> only, so nothing in it can become markup. */
export function excerptFragment(parts: readonly ExcerptPart[], doc: Document): DocumentFragment {
  const fragment = doc.createDocumentFragment();
  for (const part of parts) {
    if (part.marked) {
      const mark = doc.createElement('mark');
      mark.textContent = part.text;
      fragment.append(mark);
    } else {
      fragment.append(doc.createTextNode(part.text));
    }
  }
  return fragment;
}
