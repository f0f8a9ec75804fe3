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

/** Undoes segmentHan: no space between two Chinese characters. */
export function joinHan(text: string): string {
  return text.replace(SPACE_BETWEEN_HAN, '');
}
