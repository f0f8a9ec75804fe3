/**
 * The open data opens in journalists' tools: /data/datapackage.json is read by the
 * Frictionless JavaScript library (`datapackage`), which validates the descriptor
 * against the Tabular Data Package profile, reads every resource's CSV against its
 * Table Schema (types, constraints, primary key) and checks every foreign key.
 * The bulk archive holds the same bytes as the single downloads.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: the package ships no types
import { Package } from 'datapackage';
import { PUBLISHED_TABLES } from '../../src/lib/opendata/table.ts';
import { resourceName } from '../../src/lib/opendata/datapackage.ts';

const DIST = resolve(process.env.GONGSHI_BUILD_DIST ?? 'dist');
const DATA = join(DIST, 'data');

interface FrictionlessResource {
  name: string;
  valid: boolean;
  errors: Error[];
  read(o: { keyed?: boolean; relations?: boolean }): Promise<Record<string, unknown>[]>;
}

const BOM = '\uFEFF';
/**
 * The downloads start with a BOM so that Excel on Chinese Windows reads them as UTF-8.
 * Frictionless readers in Python skip it; this JavaScript one (tableschema-js) would
 * read it into the first header name, so it reads a copy without the BOM. Everything
 * else is the published bytes.
 */
let READ_DIR = DATA;

beforeAll(() => {
  if (!existsSync(join(DATA, 'datapackage.json')))
    throw new Error(`${DATA}/datapackage.json is missing: build the site first (npm run build).`);
  READ_DIR = mkdtempSync(join(tmpdir(), 'gongshi-datapackage-'));
  cpSync(join(DATA, 'datapackage.json'), join(READ_DIR, 'datapackage.json'));
  for (const f of readdirSync(DATA).filter((n) => n.endsWith('.csv'))) {
    const text = readFileSync(join(DATA, f), 'utf8');
    expect(text.startsWith(BOM) && !text.startsWith(BOM + BOM), f).toBe(true);
    writeFileSync(join(READ_DIR, f), text.slice(1));
  }
});

describe('datapackage.json', () => {
  it('is a valid Tabular Data Package whose every table reads against its schema with keys checked', async () => {
    const pkg = await Package.load(join(READ_DIR, 'datapackage.json'));
    expect(pkg.errors.map(String)).toEqual([]);
    expect(pkg.valid).toBe(true);
    expect(pkg.resourceNames).toEqual(PUBLISHED_TABLES.map(resourceName));
    for (const table of PUBLISHED_TABLES) {
      const resource = pkg.getResource(resourceName(table)) as FrictionlessResource;
      expect(resource.errors.map(String), table).toEqual([]);
      // relations: true dereferences every foreign key and throws on a dangling one.
      const rows = await resource.read({ keyed: true, relations: true });
      const csvRows = readFileSync(join(DATA, `${table}.csv`), 'utf8').split('\r\n').length - 2;
      expect(rows.length, table).toBe(csvRows);
    }
  }, 120_000);

  it('types money as numbers with the exact yuan of the CSV', async () => {
    const pkg = await Package.load(join(READ_DIR, 'datapackage.json'));
    const rows = await (pkg.getResource('fund-ledger') as FrictionlessResource).read({ keyed: true });
    const amounts = readFileSync(join(READ_DIR, 'fund_ledger.csv'), 'utf8')
      .split('\r\n')
      .slice(1, -1)
      .map((line) => line.split(',')[5]);
    expect(rows.map((r) => Number(r.amount))).toEqual(amounts.map(Number));
  });

  it('would refuse a dangling foreign key (the check above can fail)', async () => {
    const broken = mkdtempSync(join(tmpdir(), 'gongshi-datapackage-broken-'));
    cpSync(READ_DIR, broken, { recursive: true });
    const file = join(broken, 'streets.csv');
    const [header, first, ...rest] = readFileSync(file, 'utf8').split('\r\n');
    const cells = first!.split(',');
    cells[1] = 'no-such-district';
    writeFileSync(file, [header, cells.join(','), ...rest].join('\r\n'));
    const pkg = await Package.load(join(broken, 'datapackage.json'));
    const streets = pkg.getResource('streets') as FrictionlessResource;
    await expect(streets.read({ keyed: true, relations: true })).rejects.toThrow();
  });
});

describe('bulk archive', () => {
  it('holds every table with the bytes of its single download, and the package', () => {
    const files = unzipSync(readFileSync(join(DATA, 'gongshi-data.zip')));
    expect(Object.keys(files).sort()).toEqual([...PUBLISHED_TABLES.map((t) => `${t}.csv`), 'datapackage.json'].sort());
    for (const name of [...PUBLISHED_TABLES.map((t) => `${t}.csv`), 'datapackage.json'])
      expect(Buffer.from(files[name]!).equals(readFileSync(join(DATA, name))), name).toBe(true);
  });
});
