import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDataset } from '../../../src/lib/validate/index.ts';
import { buildCompoundIndex, rowsOfCompound } from '../../../src/lib/model/relations.ts';
import type { AnyRow, TableRows } from '../../../src/lib/model/types.ts';
import { TABLE_NAMES } from '../../../src/lib/schema/tables.ts';
import { districtArchive, type DistrictArchiveInput } from '../../../src/lib/opendata/district-archive.ts';
import { startDistrictArchives } from '../../../src/lib/opendata/district-pool.ts';

const root = new URL('../../../', import.meta.url).pathname;
const ds = await checkDataset({ root });
const tables = Object.fromEntries(
  TABLE_NAMES.map((t) => [t, ds.tables[t].rows.map((r) => r.data) as AnyRow[]]),
) as unknown as TableRows;
const index = buildCompoundIndex(tables);
const { title, as_of, licence, standard_version } = ds.meta;
const districts = ds.tables.districts.rows.map((r) => r.data as { id: string; name: string });
const compounds = ds.tables.compounds.rows.map((r) => r.data as { id: string; name: string; district_id: string });

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

const scratch = () => mkdtempSync(path.join(tmpdir(), 'gongshi-district-pool-'));

describe('district archives on the archive worker', () => {
  it('are byte for byte the archives made on this thread, and leave no file once taken', async () => {
    const ids = districts.map((d) => d.id);
    expect(ids.length).toBeGreaterThan(2);
    const dir = scratch();
    const pool = startDistrictArchives(ids, input, dir);
    expect(pool.has(ids[0]!)).toBe(true);
    expect(pool.has('nowhere')).toBe(false);
    // Taken in the reverse of the order begun: each waits in its file until asked for.
    for (const id of ids.toReversed()) {
      const here = Buffer.from(await districtArchive(input(id)));
      expect(Buffer.from(await pool.take(id)).equals(here)).toBe(true);
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it('fail the build with the district and the reason when an archive cannot be made', async () => {
    const [a, b] = districts.map((d) => d.id);
    const pool = startDistrictArchives(
      [a!, b!],
      (id) =>
        id === a ? { ...input(id), meta: { ...input(id).meta, as_of: undefined as unknown as string } } : input(id),
      scratch(),
    );
    await expect(pool.take(a!)).rejects.toThrow(`生成区级数据包 /data/district/${a}.zip 失败(后台线程)`);
    // The other district is made all the same.
    expect(Buffer.from(await pool.take(b!)).equals(Buffer.from(await districtArchive(input(b!))))).toBe(true);
  });

  it('fail when the rows cannot be gathered, without stopping the others', async () => {
    const [a, b] = districts.map((d) => d.id);
    const pool = startDistrictArchives(
      [a!, b!],
      (id) => {
        if (id === a) throw new Error('没有这个区');
        return input(id);
      },
      scratch(),
    );
    await expect(pool.take(a!)).rejects.toThrow(`/data/district/${a}.zip 失败(后台线程):没有这个区`);
    expect((await pool.take(b!)).length).toBeGreaterThan(0);
  });

  it('fail every archive, never hang, when the worker cannot start or stops', async () => {
    const dir = scratch();
    const broken = path.join(dir, 'broken.mjs');
    writeFileSync(broken, "throw new Error('坏了');\n");
    const stops = path.join(dir, 'stops.mjs');
    writeFileSync(stops, 'process.exit(3);\n');
    const ids = districts.map((d) => d.id);
    const failed = startDistrictArchives(ids, input, path.join(dir, 'a'), broken);
    for (const id of ids) await expect(failed.take(id)).rejects.toThrow(`/data/district/${id}.zip 失败(后台线程):坏了`);
    const stopped = startDistrictArchives(ids, input, path.join(dir, 'b'), stops);
    for (const id of ids) await expect(stopped.take(id)).rejects.toThrow('后台线程意外退出(退出码 3)');
  });
});
