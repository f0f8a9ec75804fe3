import { describe, expect, it } from 'vitest';
import { fragmentNames, type PageRecord } from '../../../src/integrations/pagefind-merge.ts';

/**
 * Pagefind names each page's fragment by the shortest prefix (7 hex digits, then one more at a
 * time) of its hash that no earlier page holds. Parts and shards name their own pages, so the join
 * must name them again as one run would: at 15,000 compounds two parts gave two pages one name.
 */
const page = (url: string, hash: string) => ({ url, hash }) as PageRecord;

describe('fragmentNames', () => {
  const full: Record<string, string> = {
    '/a/': 'zh-cn_abcdef1234',
    '/b/': 'zh-cn_abcdef1299',
    '/c/': 'zh-cn_abcdef1277',
    '/d/': 'zh-cn_0123456789',
  };
  const asked: string[] = [];
  const fullHashOf = (p: PageRecord) => (asked.push(p.url), full[p.url]!);

  it('gives a later page one more digit while an earlier page holds its name, as one Pagefind run does', () => {
    // Each came from its own run, so each holds the 7-digit name there.
    const pages = [page('/a/', 'zh-cn_abcdef1'), page('/b/', 'zh-cn_abcdef1'), page('/c/', 'zh-cn_abcdef1')];
    expect(fragmentNames(pages, 'zh-cn', fullHashOf)).toEqual(['zh-cn_abcdef1', 'zh-cn_abcdef12', 'zh-cn_abcdef127']);
  });

  it('takes the 7-digit name back when the page a run had to avoid is not before it', () => {
    asked.length = 0;
    // /b/ was lengthened in a run where /a/ came first; in this order nothing precedes it.
    expect(fragmentNames([page('/b/', 'zh-cn_abcdef12'), page('/d/', 'zh-cn_0123456')], 'zh-cn', fullHashOf)).toEqual([
      'zh-cn_abcdef1',
      'zh-cn_0123456',
    ]);
    // The fragments are unpacked for their hash only on a collision.
    expect(asked).toEqual([]);
  });

  it('refuses two pages with the same hash, which it could not tell apart', () => {
    const same = () => 'zh-cn_abcdef1234';
    expect(() => fragmentNames([page('/a/', 'zh-cn_abcdef1'), page('/b/', 'zh-cn_abcdef1')], 'zh-cn', same)).toThrow(
      /索引内容完全相同/,
    );
  });
});
