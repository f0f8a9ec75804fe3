/**
 * The names index end to end without a browser: records written by search-names.ts, read back by
 * names-client.ts through a reader on the disk (the browser reads the same files over HTTP).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bucketOf, LARGE_BUCKET, namesBucketFile, type NameRecord } from '../../../src/components/search/names.ts';
import { searchNames } from '../../../src/components/search/names-client.ts';
import { parseQuery } from '../../../src/components/search/query.ts';
import { nameRecords, NAMES_DIR, namesIndex, writeNamesIndex } from '../../../src/integrations/search-names.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const site = () => {
  const dir = mkdtempSync(join(tmpdir(), 'names-'));
  dirs.push(dir);
  return dir;
};

const page = (url: string, name: string, kind: string, district: string, street: string, ...aliases: string[]) =>
  [url, name, kind, district, street, '', '', ...aliases] as NameRecord;
const person = (url: string, name: string, district: string, street: string, role: string, place: string) =>
  [url, name, '人员', district, street, role, place] as NameRecord;

/** A city big enough for many buckets and record chunks, with people named on its pages. */
function city(): NameRecord[] {
  const records: NameRecord[] = [
    page('/district/huangpu/', '黄浦区', '区', '黄浦区', ''),
    page('/street/dapuqiao/', '打浦桥街道', '街道', '黄浦区', '打浦桥街道'),
    page(
      '/firm/baoning/',
      '上海宝宁泉物业管理有限公司（演示）',
      '物业企业',
      '黄浦区',
      '打浦桥街道',
      '宝宁泉物业（演示）',
    ),
    page('/firm/pudong/', '上海浦东新区物业管理有限公司', '物业企业', '浦东新区', '', '浦东物业'),
    page('/compound/haili/', '海丽花园', '小区', '黄浦区', '打浦桥街道'),
    page('/compound/renmin/', '人民新村', '小区', '黄浦区', '打浦桥街道'),
    page('/compound/minlu/', '民路小区', '小区', '黄浦区', '打浦桥街道'),
    page('/honours/红色物业/', '红色物业', '荣誉', '', ''),
    page('/notices/n1/', '红色物业示范项目公示', '公告', '黄浦区', '打浦桥街道'),
    person('/compound/haili/#committee', '冯家骏', '黄浦区', '打浦桥街道', '业委会主任', '海丽花园'),
    person('/compound/renmin/#committee', '冯家骏', '黄浦区', '打浦桥街道', '往届业委会委员', '人民新村'),
    person('/compound/renmin/#committee', '王海丽', '黄浦区', '打浦桥街道', '业委会委员', '人民新村'),
    person('/firm/baoning/#honours-h', '冯家', '黄浦区', '打浦桥街道', '2023年“最美物业人”,项目经理', '宝宁泉物业'),
  ];
  for (let i = 0; i < 600; i++)
    records.push(page(`/compound/c${i}/`, `第${i}物业花园`, '小区', '黄浦区', '打浦桥街道'));
  // 1,000 more people, and one name on many pages: by URL its entries would be far apart.
  for (let i = 0; i < 1000; i++) {
    const name = i % 100 === 7 ? '冯家骏' : `王${String.fromCodePoint(0x4e00 + i)}明`;
    records.push(person(`/compound/c${i}/#committee`, name, '黄浦区', '打浦桥街道', '业委会委员', `第${i}物业花园`));
  }
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

  it('splits a city into many small buckets and record chunks, pages apart from people', () => {
    const files = readdirSync(join(dir, NAMES_DIR, manifest.hash));
    expect(manifest.count).toBe(1613);
    expect(manifest.people).toBe(609);
    expect(manifest.buckets).toBeGreaterThan(8);
    expect(files.filter((f) => f.startsWith('r'))).toHaveLength(Math.ceil(609 / manifest.chunk));
    expect(files.filter((f) => f.startsWith('p'))).toHaveLength(Math.ceil(1004 / manifest.peopleChunk));
    expect(files.filter((f) => f.startsWith('b'))).toHaveLength(manifest.buckets);
  });

  it('keeps one name’s people side by side, so a query for a person loads one chunk of people', async () => {
    const read: string[] = [];
    const answer = await searchNames(
      parseQuery('冯家骏').terms,
      async (path) => (read.push(path), JSON.parse(readFileSync(join(dir, path), 'utf8')) as unknown),
      '/search/names/',
    );
    const hits = await answer!.next(20);
    expect(hits).toHaveLength(12);
    expect(read.filter((p) => /\/[rp]\d+\.json$/.test(p))).toHaveLength(1);
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

  it('finds a person on every page that names them, with the role and the compound or firm', async () => {
    const found = await ask('冯家骏', 20);
    expect(found?.hits).toHaveLength(12);
    const named = found?.hits.filter((h) => !h.url.startsWith('/compound/c'));
    expect(named?.map((h) => [h.url, h.name, h.kind, h.role, h.place, h.district, h.street])).toEqual([
      ['/compound/haili/#committee', '冯家骏', '人员', '业委会主任', '海丽花园', '黄浦区', '打浦桥街道'],
      ['/compound/renmin/#committee', '冯家骏', '人员', '往届业委会委员', '人民新村', '黄浦区', '打浦桥街道'],
    ]);
    // A shorter name holding the query comes first among people (冯家 before 冯家骏).
    const part = await ask('冯家', 20);
    expect(part?.hits.map((h) => h.name)).toEqual(['冯家', ...Array<string>(12).fill('冯家骏')]);
    expect(part?.hits[0]?.url).toBe('/firm/baoning/#honours-h');
  });

  it('puts pages before people: part of a compound’s name finds the compound first', async () => {
    const found = await ask('海丽');
    expect(found?.hits.map((h) => [h.url, h.name])).toEqual([
      ['/compound/haili/', '海丽花园'],
      ['/compound/renmin/#committee', '王海丽'],
    ]);
    expect(found?.hits[0]).toMatchObject({ role: '', place: '' });
  });

  it('finds no person on a page that names nobody', async () => {
    expect((await ask('民路'))?.hits.map((h) => h.kind)).toEqual(['小区']);
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

  it('ranks names by code points, a character outside the BMP counting as one, and indexes the pairs of every alias', async () => {
    const records = [
      page('/a/', 'abc', '小区', '', ''),
      page('/b/', '𠀀𠀀', '小区', '', ''),
      page('/c/', '甲乙丙', '小区', '', '', '𠀀别名'),
    ];
    const { files } = namesIndex(records);
    const chunk = files.find(([path]) => path.endsWith('/r0.json'))!;
    // Two code points before three, though 𠀀𠀀 is four UTF-16 units.
    expect((JSON.parse(chunk[1]) as NameRecord[]).map((r) => r[0])).toEqual(['/b/', '/a/', '/c/']);
    const found = await indexed(records).ask('𠀀别');
    expect(found?.hits.map((h) => [h.url, h.alias])).toEqual([['/c/', '𠀀别名']]);
  });

  it('refuses a page that two shards name differently', () => {
    const r = page('/compound/haili/', '海丽花园', '小区', '黄浦区', '打浦桥街道');
    expect(() =>
      writeNamesIndex(site(), [r, page('/compound/haili/', '海丽花园', '小区', '黄浦区', '别的街道')]),
    ).toThrow(/名称不同/);
  });

  it('reads a page’s names from its search spans, only for the kinds searched by name', () => {
    expect(nameRecords('/firm/ab/', html('物业企业'))).toEqual([
      ['/firm/ab/', 'A&B 物业', '物业企业', '黄浦区', '打浦桥街道', '', '', 'A&B'],
    ]);
    expect(nameRecords('/rankings/', html('排名'))).toEqual([]);
  });

  it('reads the people a page names, each with the section and role, unescaped', () => {
    const people =
      '<div hidden data-pagefind-ignore><span data-search-person="committee" data-search-role="业委会主任">冯家骏</span>' +
      '<span data-search-person="committee" data-search-role="业委会委员">\n  O&#39;Neil &amp; 李  \n</span></div>' +
      '<div hidden data-pagefind-ignore><span data-search-person="honours" data-search-role="2023年“最美业主”,楼组长">冯家骏</span>' +
      '<span data-search-person="honours" data-search-role="x">   </span></div>';
    const at = (section: string, name: string, role: string): NameRecord => [
      `/firm/ab/#${section}`,
      name,
      '人员',
      '黄浦区',
      '打浦桥街道',
      role,
      'A&B 物业',
    ];
    expect(nameRecords('/firm/ab/', html('物业企业', people))).toEqual([
      ['/firm/ab/', 'A&B 物业', '物业企业', '黄浦区', '打浦桥街道', '', '', 'A&B'],
      at('committee', '冯家骏', '业委会主任'),
      at('committee', "O'Neil & 李", '业委会委员'),
      at('honours', '冯家骏', '2023年“最美业主”,楼组长'),
    ]);
    // A page that is not searched by name gives nobody either: its people are named elsewhere.
    expect(nameRecords('/rankings/', html('排名', people))).toEqual([]);
  });

  it('reads the spans wherever they stand: a person before the names, the first kind, district and street', () => {
    const page =
      '<span data-search-person="committee" data-search-role="主任">冯家骏</span><span data-search-name>海丽花园</span>' +
      '<span data-pagefind-filter="street">打浦桥街道</span><span data-pagefind-filter="kind">小区</span>' +
      '<span data-search-name>海丽</span><span data-pagefind-filter="kind">排名</span>' +
      '<span data-pagefind-filter="district">黄浦区</span><span data-pagefind-filter="district">徐汇区</span>';
    expect(nameRecords('/compound/haili/', page)).toEqual([
      ['/compound/haili/', '海丽花园', '小区', '黄浦区', '打浦桥街道', '', '', '海丽'],
      ['/compound/haili/#committee', '冯家骏', '人员', '黄浦区', '打浦桥街道', '主任', '海丽花园'],
    ]);
  });

  it('keeps one entry for a person named twice in one role and section, and both of two roles', () => {
    const twice = person('/compound/haili/#committee', '冯家骏', '黄浦区', '打浦桥街道', '往届业委会委员', '海丽花园');
    const other = person('/compound/haili/#committee', '冯家骏', '黄浦区', '打浦桥街道', '业委会主任', '海丽花园');
    const { manifest } = indexed([
      page('/compound/haili/', '海丽花园', '小区', '黄浦区', '打浦桥街道'),
      twice,
      twice,
      other,
    ]);
    expect(manifest.count).toBe(3);
  });
});

function html(kind: string, people = ''): string {
  return (
    `<main data-pagefind-body><div hidden data-pagefind-ignore><span data-pagefind-filter="kind">${kind}</span>` +
    '<span data-pagefind-filter="district">黄浦区</span><span data-pagefind-filter="street">打浦桥街道</span>' +
    '<span data-pagefind-filter="street">五里桥街道</span><span data-search-name>A&amp;B 物业</span>' +
    `<span data-search-name>A&amp;B</span></div>${people}</main>`
  );
}

describe('names index, a pair in nearly every name', () => {
  // 物业 in 5,000 names fills a bucket of its own past LARGE_BUCKET.
  const records = [page('/honours/红色物业/', '红色物业', '荣誉', '', '')];
  for (let i = 0; i < 5000; i++) records.push(page(`/firm/f${i}/`, `第${i}物业公司`, '物业企业', '黄浦区', ''));
  const dir = site();
  const manifest = writeNamesIndex(dir, records);
  /** The hits for `q` and the bucket files read; `everyBucket`: as if no bucket were large (all read at once). */
  const ask = async (q: string, everyBucket = false) => {
    const read: string[] = [];
    const answer = await searchNames(
      parseQuery(q).terms,
      async (path) => {
        read.push(path);
        const json = JSON.parse(readFileSync(join(dir, path), 'utf8')) as Record<string, unknown>;
        return everyBucket && path.endsWith('/index.json') ? { ...json, large: [] } : json;
      },
      '/search/names/',
    );
    const hits = await answer!.next(20);
    return { urls: hits.map((h) => h.url), buckets: read.filter((p) => /\/b\d+\.json$/.test(p)) };
  };
  const bucketFile = (pair: string) =>
    `/search/names/${manifest.hash}/${namesBucketFile(bucketOf(pair, manifest.buckets))}`;

  it('lists exactly the large buckets in the manifest, 物业’s among them', () => {
    const sizes = Array.from(
      { length: manifest.buckets },
      (_, k) => readFileSync(join(dir, NAMES_DIR, manifest.hash, namesBucketFile(k))).length,
    );
    expect(manifest.large).toEqual(sizes.flatMap((size, k) => (size >= LARGE_BUCKET ? [k] : [])));
    expect(manifest.large).toContain(bucketOf('物业', manifest.buckets));
    expect(manifest.large).not.toContain(bucketOf('业费', manifest.buckets));
  });

  it('does not load a large bucket when the other pairs have no name in common', async () => {
    const found = await ask('物业费');
    expect(found).toEqual({ urls: [], buckets: [bucketFile('业费')] });
    expect((await ask('物业费', true)).urls).toEqual([]);
  });

  it('loads it when they do, with the same hits as reading every bucket at once', async () => {
    for (const q of ['第12物业', '红色物业', '物业']) {
      const found = await ask(q);
      expect(found.buckets).toContain(bucketFile('物业'));
      expect(found.urls.length).toBeGreaterThan(0);
      expect(found.urls).toEqual((await ask(q, true)).urls);
    }
  });
});
