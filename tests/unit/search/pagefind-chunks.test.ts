/**
 * The index chunks cut again (pagefind-chunks.ts): a first character whose words are heavy gets a
 * chunk of its own, and every query word loads, through pagefind_web's lookup (written again here
 * from its request_indexes), the same words as from Pagefind's own chunks.
 */
import { describe, expect, it } from 'vitest';
import { chunkFiles, fittedCuts, type IndexWords, pagefindCuts } from '../../../src/integrations/pagefind-chunks.ts';

/** Words in code-point order with their weights, as chunks hold them (each item only its word). */
function indexOf(entries: readonly [string, number][]): IndexWords {
  const items = entries.map(([w]) => Buffer.from(w));
  let end = 0;
  return {
    words: entries.map(([w]) => w),
    items: Buffer.concat(items),
    ends: Uint32Array.from(items.map((b) => (end += b.length))),
    sizes: Uint32Array.from(entries.map(([, s]) => s)),
  };
}

type Chunk = { from: Buffer; to: Buffer; words: string[] };

function chunksOf(index: IndexWords, cuts: readonly number[], own: readonly number[]): Chunk[] {
  const files = chunkFiles(index, cuts, own, 'zh-cn');
  let file = files.next();
  while (!file.done) file = files.next();
  return file.value.map(([from, to], c) => ({
    from: Buffer.from(from),
    to: Buffer.from(to),
    words: index.words.slice(cuts[c], cuts[c + 1]),
  }));
}

/** pagefind_web's choice for one word; `all` when no word of the query was found within bounds. */
function lookUp(chunks: readonly Chunk[], term: string, all: boolean): Chunk | undefined {
  const t = Buffer.from(term);
  const cut = (b: Buffer, n: number) => (n < b.length && (b[n]! & 0xc0) === 0x80 ? undefined : b.subarray(0, n));
  return chunks.find(({ from, to }) => {
    if (!all) return Buffer.compare(t, from) >= 0 && Buffer.compare(t, to) <= 0;
    const [tf, f] = [cut(t, Math.min(t.length, from.length)), cut(from, Math.min(t.length, from.length))];
    const [te, e] = [cut(t, Math.min(t.length, to.length)), cut(to, Math.min(t.length, to.length))];
    return !!(tf && f && te && e) && Buffer.compare(tf, f) >= 0 && Buffer.compare(te, e) <= 0;
  });
}

/** What the term finds: the words it starts in the chunk it loads ('-' for no chunk). */
const finds = (chunks: readonly Chunk[], term: string, all: boolean) =>
  lookUp(chunks, term, all)?.words.filter((w) => w.startsWith(term)) ?? '-';

/** Every word, every prefix of one, and a longer word past each. */
const termsOf = (words: readonly string[]) => [
  ...new Set(
    words.flatMap((w) => [
      ...Array.from(w).map((_, n) =>
        Array.from(w)
          .slice(0, n + 1)
          .join(''),
      ),
      `${w}子`,
    ]),
  ),
];

describe('index chunks fitted to heavy first characters', () => {
  // Pagefind's size 100: 物业 (on nearly every page) would take 潘, 点, 片 and 物 along, 演示 满意.
  const index = indexOf([
    ['满意', 30],
    ['演示', 90],
    ['潘', 10],
    ['点', 10],
    ['片', 5],
    ['片区', 5],
    ['物', 5],
    ['物业', 80],
    ['物业费', 30],
    ['电', 10],
    ['电梯', 20],
    ['的', 80],
  ]);
  const own = pagefindCuts(index.sizes, 100);
  const fitted = fittedCuts(index.words, index.sizes, own, 100);

  it('keeps Pagefind’s cuts and gives a heavy first character a chunk of its own', () => {
    expect(own).toEqual([0, 2, 8, 12]);
    const chunks = chunksOf(index, fitted, own).map((c) => c.words.join(' '));
    expect(chunks).toEqual(['满意', '演示', '潘 点 片 片区', '物 物业', '物业费', '电 电梯', '的']);
  });

  it('cuts only between words of different first characters', () => {
    for (const cut of fitted.filter((c) => !own.includes(c)))
      expect(Array.from(index.words[cut - 1]!)[0]).not.toBe(Array.from(index.words[cut]!)[0]);
  });

  it('leaves every query word the words it found, within bounds or not, and loads 漏水 no chunk', () => {
    const [before, after] = [chunksOf(index, own, own), chunksOf(index, fitted, own)];
    for (const term of [...termsOf(index.words), '漏水', '梯'])
      for (const all of [false, true]) {
        // A word no chunk holds within bounds is found the second way only: the first must agree
        // on its words, whether a chunk is loaded for it or not.
        const want = finds(before, term, all);
        const got = finds(after, term, all);
        expect([term, all, want === '-' ? [] : want]).toEqual([term, all, got === '-' ? [] : got]);
      }
    expect(lookUp(before, '漏水', false)?.words).toEqual(['满意', '演示']);
    expect(lookUp(after, '漏水', false)).toBeUndefined();
  });

  it('keeps a chunk whole where a new cut would change what a word past a shortened bound finds', () => {
    // 苑2 … 范围 ends at 范 (the next chunk starts with 荣): Pagefind's second lookup cuts 苑2 inside
    // a character and finds nothing for 范围; a chunk of 范's own would find it.
    const odd = indexOf([
      ['苑2', 10],
      ['英', 5],
      ['范围', 90],
      ['荣', 100],
    ]);
    const cuts = pagefindCuts(odd.sizes, 100);
    expect(cuts).toEqual([0, 3, 4]);
    expect(finds(chunksOf(odd, cuts, cuts), '范围', true)).toBe('-');
    const kept = fittedCuts(odd.words, odd.sizes, cuts, 100);
    expect(kept).toEqual(cuts);
    expect(finds(chunksOf(odd, [0, 2, 3, 4], cuts), '范围', true)).toEqual(['范围']);
  });
});
