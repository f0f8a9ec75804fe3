/**
 * The names index end to end without a browser: records written by search-names.ts, read back by
 * names-client.ts through a reader on the disk (the browser reads the same files over HTTP).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { NameRecord } from '../../../src/components/search/names.ts';
import { searchNames } from '../../../src/components/search/names-client.ts';
import { parseQuery } from '../../../src/components/search/query.ts';
import { nameRecord, NAMES_DIR, writeNamesIndex } from '../../../src/integrations/search-names.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const site = () => {
  const dir = mkdtempSync(join(tmpdir(), 'names-'));
  dirs.push(dir);
  return dir;
};

/** A city big enough for many buckets and record chunks. */
function city(): NameRecord[] {
  const records: NameRecord[] = [
    ['/district/huangpu/', '黄浦区', '区', '黄浦区', ''],
    ['/street/dapuqiao/', '打浦桥街道', '街道', '黄浦区', '打浦桥街道'],
    ['/firm/baoning/', '上海宝宁泉物业管理有限公司（演示）', '物业企业', '黄浦区', '打浦桥街道', '宝宁泉物业（演示）'],
    ['/firm/pudong/', '上海浦东新区物业管理有限公司', '物业企业', '浦东新区', '', '浦东物业'],
    ['/compound/haili/', '海丽花园', '小区', '黄浦区', '打浦桥街道'],
    ['/compound/renmin/', '人民新村', '小区', '黄浦区', '打浦桥街道'],
    ['/compound/minlu/', '民路小区', '小区', '黄浦区', '打浦桥街道'],
    ['/honours/红色物业/', '红色物业', '荣誉', '', ''],
    ['/notices/n1/', '红色物业示范项目公示', '公告', '黄浦区', '打浦桥街道'],
  ];
  for (let i = 0; i < 600; i++) records.push([`/compound/c${i}/`, `第${i}物业花园`, '小区', '黄浦区', '打浦桥街道']);
  return records;
}

function indexed(records: readonly NameRecord[]) {
  const dir = site();
  const manifest = writeNamesIndex(dir, records);
  const read = async (path: string) => JSON.parse(readFileSync(join(dir, path), 'utf8')) as unknown;
  const ask = async (q: string, n = 10) => {
    const answer = await searchNames(parseQuery(q).terms, read, '/search/names/');
    return answer && { hits: await answer.next(n), answer };
  };
  return { dir, manifest, ask };
}

describe('names index', () => {
  const { dir, manifest, ask } = indexed(city());

  it('splits a city into many small buckets and record chunks', () => {
    const files = readdirSync(join(dir, NAMES_DIR, manifest.hash));
    expect(manifest.count).toBe(609);
    expect(manifest.buckets).toBeGreaterThan(8);
    expect(files.filter((f) => f.startsWith('r'))).toHaveLength(Math.ceil(609 / manifest.chunk));
    expect(files.filter((f) => f.startsWith('b'))).toHaveLength(manifest.buckets);
  });

  it('finds a firm by its short name, and says which name matched when it was not the full one', async () => {
    const found = await ask('宝宁泉物业');
    expect(found?.hits.map((h) => h.url)).toEqual(['/firm/baoning/']);
    expect(found?.hits[0]?.alias).toBeUndefined();
    expect(found?.answer.done()).toBe(true);
    const other = await ask('浦东物业');
    expect(other?.hits.map((h) => h.url)).toEqual(['/firm/pudong/']);
    expect(other?.hits[0]?.alias).toBe('浦东物业');
  });

  it('folds full-width brackets and letter case the same way in names and queries', async () => {
    expect((await ask('宝宁泉物业(演示)'))?.hits.map((h) => h.url)).toEqual(['/firm/baoning/']);
  });

  it('puts an exact name first, then shorter names', async () => {
    const found = await ask('红色物业');
    expect(found?.hits.map((h) => h.url)).toEqual(['/honours/红色物业/', '/notices/n1/']);
    expect(found?.hits[0]?.alias).toBeUndefined();
  });

  it('wants every word, in one name or another', async () => {
    expect((await ask('打浦桥 街道'))?.hits.map((h) => h.url)).toEqual(['/street/dapuqiao/']);
    expect((await ask('海丽 街道'))?.hits).toEqual([]);
  });

  it('checks the words, not just their character pairs', async () => {
    // 人民 and 民路 are both in the index, but no name holds 人民路.
    expect((await ask('人民路'))?.hits).toEqual([]);
    expect((await ask('人民'))?.hits.map((h) => h.url)).toEqual(['/compound/renmin/']);
  });

  it('hands out many hits a screen at a time, in order, without repeats', async () => {
    const found = await ask('物业花园', 10);
    const more = await found!.answer.next(1000);
    const urls = [...found!.hits, ...more].map((h) => h.url);
    expect(found!.hits).toHaveLength(10);
    expect(urls).toHaveLength(600);
    expect(new Set(urls).size).toBe(600);
    // Shorter names first: 第0物业花园 … 第9物业花园 lead.
    expect(found!.hits.map((h) => h.name)).toEqual(Array.from({ length: 10 }, (_, i) => `第${i}物业花园`));
    expect(found!.answer.done()).toBe(true);
  });

  it('cannot narrow a single character: full text must answer it', async () => {
    expect(await ask('海')).toBeUndefined();
    expect(await ask('')).toBeUndefined();
  });
});

describe('writing the names index', () => {
  it('writes the same bytes whatever order the pages come in (a merge of shards)', () => {
    const files = (dir: string) =>
      readdirSync(join(dir, NAMES_DIR), { recursive: true, withFileTypes: true })
        .filter((d) => d.isFile())
        .map((d) => [join(d.parentPath, d.name).slice(dir.length), readFileSync(join(d.parentPath, d.name), 'utf8')]);
    const a = indexed(city());
    const b = indexed([...city()].reverse());
    expect(files(b.dir)).toEqual(files(a.dir));
    expect(a.manifest).toEqual(b.manifest);
  });

  it('refuses a page that two shards name differently', () => {
    const r: NameRecord = ['/compound/haili/', '海丽花园', '小区', '黄浦区', '打浦桥街道'];
    expect(() => writeNamesIndex(site(), [r, ['/compound/haili/', '海丽花园', '小区', '黄浦区', '别的街道']])).toThrow(
      /名称不同/,
    );
  });

  it('reads a page’s names from its search spans, only for the kinds searched by name', () => {
    const html = (kind: string) =>
      `<main data-pagefind-body><div hidden data-pagefind-ignore><span data-pagefind-filter="kind">${kind}</span>` +
      '<span data-pagefind-filter="district">黄浦区</span><span data-pagefind-filter="street">打浦桥街道</span>' +
      '<span data-pagefind-filter="street">五里桥街道</span><span data-search-name>A&amp;B 物业</span>' +
      '<span data-search-name>A&amp;B</span></div></main>';
    expect(nameRecord('/firm/ab/', html('物业企业'))).toEqual([
      '/firm/ab/',
      'A&B 物业',
      '物业企业',
      '黄浦区',
      '打浦桥街道',
      'A&B',
    ]);
    expect(nameRecord('/rankings/', html('排名'))).toBeUndefined();
  });
});
