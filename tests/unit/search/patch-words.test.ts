import { describe, expect, it } from 'vitest';
import { CborWriter } from '../../../src/integrations/pagefind-format.ts';
import { joinWords, type PageRecord } from '../../../src/integrations/pagefind-merge.ts';
import { patchWords } from '../../../src/integrations/pagefind-patch.ts';

/**
 * A patched join (pagefind-patch.ts) must be exactly the join of the changed site from scratch
 * (pagefind-merge.ts joinWords): the same words in the same order, each item's bytes the same,
 * the same chunk weights. Records made by hand, so that words come and go, variants appear and
 * disappear, and a changed page is the first or last holder of a word.
 */

/** [word, form, locations, meta locations] per entry. */
type Entry = [string, string | null, number[], number[]];

function record(url: string, entries: readonly Entry[]): PageRecord {
  const w = new CborWriter();
  const ends = entries.map(([, , locs, ml]) => {
    w.item(locs);
    w.item(ml);
    return w.length;
  });
  return {
    url,
    hash: `zh-cn_${url.length}`,
    wordCount: entries.length,
    fields: ['title'],
    filters: [],
    words: entries.map((e) => e[0]).join('\0'),
    forms: entries.some((e) => e[1] !== null) ? entries.map((e) => e[1]) : null,
    postings: w.bytes(),
    ends: Uint32Array.from(ends),
    sizes: Uint32Array.from(entries.map(([, , locs, ml]) => locs.length + ml.length + 1)),
  };
}

const site: PageRecord[] = [
  record('/a/', [
    ['业委会', null, [1, 5, 300], []],
    ['物业', null, [2], [-1, 0]],
    ['维修', 'weixiu', [7], []],
  ]),
  record('/b/', [
    ['中海', null, [0], []],
    ['物业', null, [1, 4], []],
    ['维修', null, [9, 70000], []],
  ]),
  record('/c/', [
    ['业委会', null, [3], []],
    ['审计', null, [8], [-1, 2]],
    ['维修', 'weixiu', [2], []],
  ]),
  record('/d/', []),
];

function patched(changes: Record<number, PageRecord>): void {
  const after = site.map((r, n) => changes[n] ?? r);
  const patchedWords = patchWords(
    joinWords(site),
    new Map(Object.entries(changes).map(([n, r]) => [Number(n), { before: site[Number(n)]!, after: r }])),
  );
  const cold = joinWords(after);
  expect(patchedWords.words).toEqual(cold.words);
  expect(patchedWords.sizes).toEqual(cold.sizes);
  expect(patchedWords.ends).toEqual(cold.ends);
  expect(patchedWords.items.equals(cold.items)).toBe(true);
}

describe('patchWords', () => {
  it('changes nothing when no page changed', () => patched({}));

  it('moves a changed page’s locations and keeps every other word’s bytes', () =>
    patched({
      1: record('/b/', [
        ['中海', null, [0, 12], []],
        ['物业', null, [1], []],
        ['维修', null, [9], []],
      ]),
    }));

  it('adds words a changed page brings and drops words no page holds any more', () =>
    patched({
      1: record('/b/', [
        ['保安', null, [3], []],
        ['物业', null, [1], []],
      ]),
      3: record('/d/', [['雨污分流', null, [0, 1], [-1]]]),
    }));

  it('adds and drops variants, and re-orders them by their first page', () =>
    patched({
      0: record('/a/', [
        ['业委会', null, [1], []],
        ['维修', null, [7], []],
      ]),
      3: record('/d/', [['维修', 'weixiu2', [4], []]]),
    }));

  it('empties a page and fills the empty one', () =>
    patched({ 0: record('/a/', []), 3: record('/d/', [['业委会', null, [0], []]]) }));

  describe('a word held by every page, spliced rather than taken apart', () => {
    /** 40 pages that all hold 物业 (locations long enough for 2-byte heads), most of them 业委会 too. */
    const city = Array.from({ length: 40 }, (_, n) =>
      record(`/p${String(n).padStart(2, '0')}/`, [
        ...(n % 7 === 3 ? [] : [['业委会', null, [n], []] as Entry]),
        ['物业', null, [n, 300 + n, 70000], n % 5 === 0 ? [-1] : []],
      ]),
    );
    const cityPatched = (changes: Record<number, PageRecord>) => {
      const after = city.map((r, n) => changes[n] ?? r);
      const got = patchWords(
        joinWords(city),
        new Map(Object.entries(changes).map(([n, r]) => [Number(n), { before: city[Number(n)]!, after: r }])),
      );
      const cold = joinWords(after);
      expect(got.words).toEqual(cold.words);
      expect(got.sizes).toEqual(cold.sizes);
      expect(got.ends).toEqual(cold.ends);
      expect(got.items.equals(cold.items)).toBe(true);
    };
    const moved = (n: number, entries: readonly Entry[]) => record(city[n]!.url, entries);

    it('at the start, the middle and the end of the list', () =>
      cityPatched({
        0: moved(0, [['物业', null, [1], []]]),
        20: moved(20, [
          ['物业', null, [2, 3], [-1]],
          ['业委会', null, [9], []],
        ]),
        39: moved(39, [
          ['物业', null, [4], []],
          ['业委会', null, [0], []],
        ]),
      }));

    it('with neighbouring pages changed together', () =>
      cityPatched({
        11: moved(11, [['物业', null, [1], []]]),
        12: moved(12, [['业委会', null, [1], []]]),
        13: moved(13, [
          ['物业', null, [5], []],
          ['业委会', null, [5], []],
        ]),
      }));

    it('a page leaving a word and a page joining it', () =>
      cityPatched({
        // 24 and 38 do not hold 业委会 (n % 7 === 3); 0 and 39 leave it.
        24: moved(24, [
          ['业委会', null, [1], []],
          ['物业', null, [24], []],
        ]),
        38: moved(38, [
          ['业委会', null, [2], []],
          ['物业', null, [38], []],
        ]),
        0: moved(0, [['物业', null, [0], []]]),
        39: moved(39, [['物业', null, [39], []]]),
      }));

    it('a word left with only its variants, and a variant of a long word', () =>
      cityPatched({
        5: moved(5, [['物业', 'wuye', [5], []]]),
        6: moved(6, [
          ['业委会', null, [6], []],
          ['物业', null, [6], []],
          ['物业', 'wuye', [1], []],
        ]),
      }));

    it('every page of a word changed at once', () =>
      cityPatched(Object.fromEntries(city.map((_, n) => [n, moved(n, n === 17 ? [['物业', null, [1], []]] : [])]))));
  });
});
