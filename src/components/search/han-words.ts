/**
 * Chinese is written without spaces, so a search engine must cut it into words, and the index
 * and the query must cut it the same way. Pagefind's browser code cuts the query with the
 * browser's ICU word segmenter (Intl.Segmenter: 挂牌督办 → 挂/牌/督/办) and then matches each
 * piece against the index's words as a prefix. Its extended indexer cuts page text with another
 * dictionary (jieba: 挂牌/督办), whose words the ICU pieces miss (牌 starts no indexed word), so
 * 挂牌督办 found nothing. The index is therefore built from page text already cut by the same ICU
 * segmenter, one space between pieces (segmentHan, src/integrations/search.ts), and what
 * Pagefind gives back — titles, excerpts, content — is joined again for display (joinHan).
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
 * A piece of page text as the index takes it: a run of Chinese characters, a run of other letters
 * and digits (a currency sign may lead it: ¥2), or one other character (punctuation, a symbol).
 */
const PIECE = /\p{Script=Han}+|\p{Sc}?(?:(?!\p{Script=Han})[\p{L}\p{N}\p{M}_])+|\S/gu;

/**
 * `text` cut where Pagefind's Chinese segmenter (charabia) cuts besides the spaces already there:
 * the Chinese runs into ICU words (segmentHan), and a space between any two pieces (PIECE) that
 * touch. Indexed under a language Pagefind only splits on whitespace, it gives the words and
 * positions the Chinese path gives, without Pagefind cutting every page a second time.
 */
export function segmentForIndex(text: string): string {
  let out = '';
  let end = 0;
  for (const m of text.matchAll(PIECE)) {
    const at = m.index;
    if (at > end) out += text.slice(end, at);
    else if (at > 0) out += ' ';
    out += HAN_START.test(m[0]) ? cutRun(m[0]) : m[0];
    end = at + m[0].length;
  }
  return out + text.slice(end);
}
const HAN_START = /^\p{Script=Han}/u;

/** Undoes segmentHan: no space between two Chinese characters. */
export function joinHan(text: string): string {
  return text.replace(SPACE_BETWEEN_HAN, '');
}

/**
 * Undoes segmentForIndex for display: no space where one side is Chinese or neither side is a
 * letter or digit. Spaces the page had there are lost too (1,387 户 reads 1,387户).
 */
const CUT_SPACE =
  /(?<=\p{Script=Han}) (?=\S)|(?<=\S) (?=\p{Script=Han})|(?<=[^\p{L}\p{N}\s]) (?=\S)|(?<=\S) (?=[^\p{L}\p{N}\s])/gu;
export function joinCut(text: string): string {
  return text.replace(CUT_SPACE, '');
}
