/**
 * Chinese is written without spaces, so a search engine must cut it into words, and the index
 * and the query must cut it the same way. Pagefind's browser code cuts the query with the
 * browser's ICU word segmenter (Intl.Segmenter: 挂牌督办 → 挂/牌/督/办) and then matches each
 * piece against the index's words as a prefix. Its indexer cuts Chinese page text with another
 * dictionary (jieba), also text already cut by ICU (吴凤 → 吴/凤, 有限公司 → 有限/公司), and
 * across element boundaries; a query piece that starts no indexed word (吴凤, 牌) found nothing.
 * So the index is cut by us alone: page text cut by the same ICU segmenter, one space between
 * pieces (segmentForIndex, src/integrations/search-runs.ts), indexed under a language Pagefind
 * only splits on whitespace (pagefind-format.ts INDEX_LANGUAGE); what Pagefind gives back —
 * titles, excerpts, content — is joined again for display (joinCut). The query is cut by
 * segmentHan, which leaves everything but Chinese as typed.
 */

const HAN_RUN = /\p{Script=Han}+/gu;
const SPACE_BETWEEN_HAN = /(?<=\p{Script=Han}) (?=\p{Script=Han})/gu;

const segmenter = new Intl.Segmenter('zh-CN', { granularity: 'word' });

/**
 * Cut runs already seen. A city's pages repeat the same few thousand runs (labels, firm and
 * street names, ledger wording), and ICU segmenting was most of the indexing step's own CPU.
 * Bounded: emptied when it holds CUT_MEMO_LIMIT runs.
 */
const cutMemo = new Map<string, string>();
const CUT_MEMO_LIMIT = 200_000;

function cutRun(run: string): string {
  let cut = cutMemo.get(run);
  if (cut === undefined) {
    cut = Array.from(segmenter.segment(run), (s) => s.segment).join(' ');
    if (cutMemo.size >= CUT_MEMO_LIMIT) cutMemo.clear();
    cutMemo.set(run, cut);
  }
  return cut;
}

/** Every run of Chinese characters in `text` cut into ICU words, one space between them. */
export function segmentHan(text: string): string {
  return text.replace(HAN_RUN, cutRun);
}

/**
 * A piece of page text as the index takes it: an HTML character reference (Pagefind decodes it:
 * &amp;), a run of Chinese characters, a run of other letters and digits (a currency sign may lead
 * it: ¥2), or one other character (punctuation, a symbol). Its group is the Chinese run.
 */
const PIECE =
  /&(?:#\d+|#x[\da-f]+|[a-z]+\d*);|(\p{Script=Han}+)|\p{Sc}?(?:(?!\p{Script=Han})[\p{L}\p{N}\p{M}_])+|\S/giu;

/** Page texts already cut: a city's pages repeat most of their text nodes (labels, names, wording). */
const pieceMemo = new Map<string, string>();

/**
 * `text` (an HTML text node) cut into the words the index holds: its Chinese runs into ICU words
 * (the query's cut), and a space between any two pieces (PIECE) that touch. Indexed under a
 * language Pagefind only splits on whitespace, so that the index holds exactly these words.
 */
export function segmentForIndex(text: string): string {
  let out = pieceMemo.get(text);
  if (out !== undefined) return out;
  out = '';
  let end = 0;
  // exec, not matchAll, and the run told by its group, not by a second regex: a text not seen
  // before (a city has hundreds of thousands: figures, dates, addresses) is cut by this loop.
  PIECE.lastIndex = 0;
  for (let m = PIECE.exec(text); m !== null; m = PIECE.exec(text)) {
    const at = m.index;
    if (at > end) out += text.slice(end, at);
    else if (at > 0) out += ' ';
    out += m[1] === undefined ? m[0] : cutRun(m[1]);
    end = PIECE.lastIndex;
  }
  out += text.slice(end);
  if (pieceMemo.size >= CUT_MEMO_LIMIT) pieceMemo.clear();
  pieceMemo.set(text, out);
  return out;
}

/** Undoes segmentHan: no space between two Chinese characters. */
export function joinHan(text: string): string {
  return text.replace(SPACE_BETWEEN_HAN, '');
}

const HAN = /\p{Script=Han}/u;
const LETTER = /[\p{L}\p{N}]/u;
const DIGIT = /\p{Nd}/u;
/** Words a number is written against (2025年3月1日, 第3届, 164弄); other words after a number are units, spaced (1,387 户). */
const AFTER_NUMBER = new Set(['年', '月', '日', '号', '弄', '季度', '年度', '届']);
/** The full stop Pagefind puts on a block's last word. */
const SENTENCE_END = /\.$/;
/** Words a number is written after (第3, 年3月). */
const BEFORE_NUMBER = new Set(['年', '月', '第']);
/** Marks the pages set apart by spaces (区（演示） · 街道, 1月1日 — 12月31日, 5% 以上). */
const SPACED_MARK = /^[·=÷]$/u;

/**
 * Whether the page had a space between the words `w[i - 1]` and `w[i]`, which the index holds with
 * one space between them. The pages write Chinese against Chinese and punctuation, and set numbers
 * and Latin words apart with spaces, except a number in a date, an ordinal or an address
 * (measured over every indexed text node of a 1,000-compound site: bench/README.md, h25i).
 */
function spaced(w: readonly string[], i: number): boolean {
  const a = w[i - 1]!;
  const b = w[i]!;
  const l = a.at(-1)!;
  const r = b[0]!;
  const lHan = HAN.test(l);
  const rHan = HAN.test(r);
  if (lHan && rHan) return false;
  if (lHan && LETTER.test(r)) return !(DIGIT.test(r) && BEFORE_NUMBER.has(a));
  if (rHan && LETTER.test(l)) return !(DIGIT.test(l) && AFTER_NUMBER.has(b.replace(SENTENCE_END, '')));
  if (LETTER.test(l) && LETTER.test(r)) return true;
  // Pagefind ends a block's text with a full stop of its own, on the word: a sentence follows.
  if (l === '.' && a.length > 1) return true;
  // A dash stands apart (1月1日 — 12月31日), a double one (——) against the text.
  if (a === '—' || b === '—') return a !== b && w[a === '—' ? i - 2 : i + 1] !== '—';
  if (SPACED_MARK.test(a) || SPACED_MARK.test(b)) return true;
  // A count out of a total (27 / 32), not a path or a date (2025/, 135/140 is rarer).
  if (b === '/' && DIGIT.test(l)) return DIGIT.test(w[i + 1]?.[0] ?? '');
  if (a === '/' && DIGIT.test(r)) return DIGIT.test(w[i - 2]?.at(-1) ?? '');
  return (a === '%' && rHan) || (lHan && r === '¥');
}

/**
 * Undoes segmentForIndex for display, as far as the index's text tells: the space between two
 * words is kept where the page most often had one (spaced). Pagefind keeps one space between
 * words and no trace of which were the page's, so a page's rarer spacing is lost (余额2,996.34元
 * reads 余额 2,996.34 元, 联建 全面提升 reads 联建全面提升; bench/README.md, h25i, counts them).
 */
export function joinCut(text: string): string {
  const w = text.split(/ +/);
  let out = w[0]!;
  for (let i = 1; i < w.length; i++) out += (w[i - 1] && w[i] && spaced(w, i) ? ' ' : '') + w[i];
  return out;
}
