import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDataset } from '../../../src/lib/validate/index.ts';
import { plainRows } from '../../../src/lib/dataset/plain-rows.ts';
import { buildCompoundIndex, rowsOfCompound } from '../../../src/lib/model/relations.ts';
import type { AnyRow, TableRows } from '../../../src/lib/model/types.ts';
import { TABLE_NAMES, type TableName } from '../../../src/lib/schema/tables.ts';
import { districtArchive, type DistrictArchiveInput } from '../../../src/lib/opendata/district-archive.ts';
import { startArchivePool, type ArchivePool } from '../../../src/lib/opendata/archive-pool.ts';
import type { CityJob } from '../../../src/lib/opendata/archive-jobs.ts';
import { cityMessages } from '../../../src/lib/opendata/city-downloads.ts';
import { dataArchive } from '../../../src/lib/opendata/archive.ts';
import { siteDataPackage } from '../../../src/lib/opendata/datapackage.ts';
import { PUBLISHED_TABLES, tableCsv, tableCsvPieces } from '../../../src/lib/opendata/table.ts';
import { dataArchiveHref, districtArchiveHref, downloadPaths } from '../../../src/lib/views/urls.ts';

const root = new URL('../../../', import.meta.url).pathname;
const ds = await checkDataset({ root });
const tables = Object.fromEntries(
  TABLE_NAMES.map((t) => [t, ds.tables[t].rows.map((r) => r.data) as AnyRow[]]),
) as unknown as TableRows;
const index = buildCompoundIndex(tables);
const { title, as_of, licence, standard_version } = ds.meta;
const districts = ds.tables.districts.rows.map((r) => r.data as { id: string; name: string });
const compounds = ds.tables.compounds.rows.map((r) => r.data as { id: string; name: string; district_id: string });
const rowsOf = (t: TableName) => tables[t] as readonly AnyRow[];

function input(id: string): DistrictArchiveInput {
  const district = districts.find((d) => d.id === id)!;
  return {
    district: { id, name: district.name },
    compounds: compounds
      .filter((c) => c.district_id === id)
      .map((c) => ({ id: c.id, name: c.name, sections: rowsOfCompound(tables, index, c.id) })),
    meta: { title, as_of, licence, standard_version },
  };
}

const scratch = () => mkdtempSync(path.join(tmpdir(), 'gongshi-archive-pool-'));
const urlOf = districtArchiveHref;

/** As routes/district-archives.ts begins them. */
function beginDistricts(pool: ArchivePool, ids: readonly string[], of: (id: string) => DistrictArchiveInput) {
  for (const id of ids)
    pool.begin([{ url: urlOf(id), what: '区级数据包' }], function* (fileOf) {
      yield { kind: 'district', out: { url: urlOf(id), file: fileOf(urlOf(id)) }, input: of(id) };
    });
}

const ZIPPED = new Set(PUBLISHED_TABLES.filter((t) => downloadPaths(t).zipped));
const PLAIN = PUBLISHED_TABLES.filter((t) => !ZIPPED.has(t));
// The table's own download: /data/<table>.csv, or /data/<table>.csv.zip for a zipped one.
const csvUrl = (t: TableName) => downloadPaths(t).csv;
const dataPackage = siteDataPackage({ rows: plainRows(ds.tables), meta: ds.meta }, 'archive');

/** As routes/city-downloads.ts begins them (it passes every plain table): `plain` the tables whose own CSV the job writes. */
function beginCity(pool: ArchivePool, plain: readonly TableName[], job: Partial<CityJob> = {}, slice = 7) {
  const urls = PUBLISHED_TABLES.filter((t) => ZIPPED.has(t) || plain.includes(t)).map(csvUrl);
  pool.begin(
    [{ url: dataArchiveHref, what: '全市数据包' }, ...urls.map((url) => ({ url, what: '数据表下载' }))],
    (fileOf) =>
      cityMessages(
        () => ({
          kind: 'city',
          archive: { url: dataArchiveHref, file: fileOf(dataArchiveHref) },
          asOf: as_of,
          datapackage: dataPackage,
          tables: PUBLISHED_TABLES.map((table) => {
            const out = { url: csvUrl(table), file: fileOf(csvUrl(table)) };
            if (ZIPPED.has(table)) return { table, zip: out };
            return plain.includes(table) ? { table, csv: out } : { table };
          }),
          ...job,
        }),
        rowsOf,
        slice,
      ),
  );
}

/** The render thread's city downloads (src/pages/data/gongshi-data.zip.ts, [table].csv.zip.ts, [table].csv.ts). */
const entry = (t: TableName) => ({ path: `${t}.csv`, text: () => tableCsvPieces(t, rowsOf(t)) });
const here = {
  city: async () =>
    Buffer.from(
      await dataArchive([...PUBLISHED_TABLES.map(entry), { path: 'datapackage.json', text: dataPackage }], as_of),
    ),
  zip: async (t: TableName) => Buffer.from(await dataArchive([entry(t)], as_of)),
  csv: (t: TableName) => Buffer.from(tableCsv(t, rowsOf(t)), 'utf8'),
};

describe('district archives on the archive worker', () => {
  it('are byte for byte the archives made on this thread, and leave no file once taken', async () => {
    const ids = districts.map((d) => d.id);
    expect(ids.length).toBeGreaterThan(2);
    const dir = scratch();
    const pool = startArchivePool(dir);
    beginDistricts(pool, ids, input);
    expect(pool.has(urlOf(ids[0]!))).toBe(true);
    expect(pool.has(urlOf('nowhere'))).toBe(false);
    // Taken in the reverse of the order begun: each waits in its file until asked for.
    for (const id of ids.toReversed()) {
      const bytes = Buffer.from(await districtArchive(input(id)));
      expect(Buffer.from(await pool.take(urlOf(id))).equals(bytes)).toBe(true);
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it('fail the build with the district and the reason when an archive cannot be made', async () => {
    const [a, b] = districts.map((d) => d.id);
    const pool = startArchivePool(scratch());
    beginDistricts(pool, [a!, b!], (id) =>
      id === a ? { ...input(id), meta: { ...input(id).meta, as_of: undefined as unknown as string } } : input(id),
    );
    await expect(pool.take(urlOf(a!))).rejects.toThrow(`生成区级数据包 /data/district/${a}.zip 失败(后台线程)`);
    // The other district is made all the same.
    expect(Buffer.from(await pool.take(urlOf(b!))).equals(Buffer.from(await districtArchive(input(b!))))).toBe(true);
  });

  it('fail when the rows cannot be gathered, without stopping the others', async () => {
    const [a, b] = districts.map((d) => d.id);
    const pool = startArchivePool(scratch());
    beginDistricts(pool, [a!, b!], (id) => {
      if (id === a) throw new Error('没有这个区');
      return input(id);
    });
    await expect(pool.take(urlOf(a!))).rejects.toThrow(`/data/district/${a}.zip 失败(后台线程):没有这个区`);
    expect((await pool.take(urlOf(b!))).length).toBeGreaterThan(0);
  });

  it('fail every download, never hang, when the worker cannot start or stops', async () => {
    const dir = scratch();
    const broken = path.join(dir, 'broken.mjs');
    writeFileSync(broken, "throw new Error('坏了');\n");
    const stops = path.join(dir, 'stops.mjs');
    writeFileSync(stops, 'process.exit(3);\n');
    const ids = districts.map((d) => d.id);
    const failed = startArchivePool(path.join(dir, 'a'), broken);
    beginDistricts(failed, ids, input);
    beginCity(failed, PLAIN);
    for (const id of ids)
      await expect(failed.take(urlOf(id))).rejects.toThrow(`/data/district/${id}.zip 失败(后台线程):坏了`);
    await expect(failed.take(dataArchiveHref)).rejects.toThrow(
      '生成全市数据包 /data/gongshi-data.zip 失败(后台线程):坏了',
    );
    const stopped = startArchivePool(path.join(dir, 'b'), stops);
    beginDistricts(stopped, ids, input);
    beginCity(stopped, PLAIN);
    for (const id of ids) await expect(stopped.take(urlOf(id))).rejects.toThrow('后台线程意外退出(退出码 3)');
    await expect(stopped.take('/data/fund_ledger.csv.zip')).rejects.toThrow('后台线程意外退出(退出码 3)');
  });
});

describe("the city's downloads on the archive worker", () => {
  it('are byte for byte the render thread’s, the rows sent in slices, after the district archives', async () => {
    // Slices of 7 rows: most tables come in several, and their CSV is joined across them.
    expect(PUBLISHED_TABLES.some((t) => rowsOf(t).length > 14)).toBe(true);
    const dir = scratch();
    const pool = startArchivePool(dir);
    const ids = districts.map((d) => d.id);
    beginDistricts(pool, ids, input);
    beginCity(pool, PLAIN);
    expect(Buffer.from(await pool.take(dataArchiveHref)).equals(await here.city())).toBe(true);
    for (const t of ZIPPED) expect(Buffer.from(await pool.take(csvUrl(t))).equals(await here.zip(t))).toBe(true);
    for (const t of PLAIN) expect(Buffer.from(await pool.take(csvUrl(t))).equals(here.csv(t))).toBe(true);
    for (const id of ids) expect((await pool.take(urlOf(id))).length).toBeGreaterThan(0);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('write only the plain tables a job names, the archive still every table; one slice a table as well as many', async () => {
    const pool = startArchivePool(scratch());
    const mine = PLAIN.filter((_, i) => i % 3 === 0);
    beginCity(pool, mine, {}, 1_000_000);
    expect(pool.has(csvUrl(mine[0]!))).toBe(true);
    expect(pool.has(csvUrl(PLAIN[1]!))).toBe(false);
    expect(Buffer.from(await pool.take(dataArchiveHref)).equals(await here.city())).toBe(true);
    for (const t of mine) expect(Buffer.from(await pool.take(csvUrl(t))).equals(here.csv(t))).toBe(true);
  });

  it('fail, each with its URL, when the archive cannot be made or the rows cannot be sent; a later job is made', async () => {
    const bad = startArchivePool(scratch());
    beginCity(bad, PLAIN, { asOf: undefined as unknown as string });
    const [a] = districts.map((d) => d.id);
    beginDistricts(bad, [a!], input);
    await expect(bad.take(dataArchiveHref)).rejects.toThrow('生成全市数据包 /data/gongshi-data.zip 失败(后台线程)');
    await expect(bad.take('/data/fund_ledger.csv.zip')).rejects.toThrow(
      '生成数据表下载 /data/fund_ledger.csv.zip 失败(后台线程)',
    );
    expect(Buffer.from(await bad.take(urlOf(a!))).equals(Buffer.from(await districtArchive(input(a!))))).toBe(true);

    // A row the worker cannot be sent (a symbol is not cloneable): located, not thrown at the caller.
    const unsendable = startArchivePool(scratch());
    unsendable.begin([{ url: dataArchiveHref, what: '全市数据包' }], (fileOf) =>
      cityMessages(
        () => ({
          kind: 'city',
          archive: { url: dataArchiveHref, file: fileOf(dataArchiveHref) },
          asOf: as_of,
          datapackage: dataPackage,
          tables: [{ table: 'districts' }],
        }),
        () => [{ id: Symbol('x') } as unknown as AnyRow],
      ),
    );
    await expect(unsendable.take(dataArchiveHref)).rejects.toThrow('/data/gongshi-data.zip 失败(后台线程)');

    // The job itself cannot be made (its datapackage.json): the reason, located.
    const nojob = startArchivePool(scratch());
    nojob.begin([{ url: dataArchiveHref, what: '全市数据包' }], () =>
      cityMessages(() => {
        throw new Error('数据包说明无法生成');
      }, rowsOf),
    );
    await expect(nojob.take(dataArchiveHref)).rejects.toThrow(
      '生成全市数据包 /data/gongshi-data.zip 失败(后台线程):数据包说明无法生成',
    );
  });
});
