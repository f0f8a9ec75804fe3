/**
 * The open data opens in journalists' tools: /data/datapackage.json is read by the
 * Frictionless JavaScript library (`datapackage`), which validates the descriptor
 * against the Tabular Data Package profile, reads every resource's CSV against its
 * Table Schema (types, constraints, primary key) and checks every foreign key.
 * The bulk archive holds the same bytes as the single downloads (a zipped table's CSV inside its
 * own zip); each district's archive holds its compounds' CSVs and JSON.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: the package ships no types
import { Package } from 'datapackage';
import { PUBLISHED_TABLES } from '../../src/lib/opendata/table.ts';
import { resourceName } from '../../src/lib/opendata/datapackage.ts';
import { downloadPaths } from '../../src/lib/views/urls.ts';

const DIST = resolve(process.env.GONGSHI_BUILD_DIST ?? 'dist');
const DATA = join(DIST, 'data');

interface FrictionlessResource {
  name: string;
  valid: boolean;
  errors: Error[];
  read(o: { keyed?: boolean; relations?: boolean }): Promise<Record<string, unknown>[]>;
}

const BOM = '\uFEFF';
/** A table's whole CSV as published: the file, or the one entry of its zip. */
function publishedCsv(table: string): Buffer {
  const d = downloadPaths(table);
  const bytes = readFileSync(join(DATA, d.file));
  if (!d.zipped) return bytes;
  const files = unzipSync(bytes);
  expect(Object.keys(files), d.file).toEqual([`${table}.csv`]);
  return Buffer.from(files[`${table}.csv`]!);
}

/**
 * The downloads start with a BOM so that Excel on Chinese Windows reads them as UTF-8.
 * Frictionless readers in Python skip it; this JavaScript one (tableschema-js) would
 * read it into the first header name, so it reads a copy without the BOM. It reads no zip
 * either, so a zipped table's resource points at its CSV taken out of the zip (the next test
 * holds the published descriptor to the archive's, which names the plain CSVs). Everything
 * else is the published bytes.
 */
let READ_DIR = DATA;

beforeAll(() => {
  if (!existsSync(join(DATA, 'datapackage.json')))
    throw new Error(`${DATA}/datapackage.json is missing: build the site first (npm run build).`);
  READ_DIR = mkdtempSync(join(tmpdir(), 'gongshi-datapackage-'));
  const pkg = JSON.parse(readFileSync(join(DATA, 'datapackage.json'), 'utf8')) as { resources: { path: string }[] };
  for (const r of pkg.resources) r.path = r.path.replace(/\.zip$/, '');
  writeFileSync(join(READ_DIR, 'datapackage.json'), JSON.stringify(pkg));
  for (const t of PUBLISHED_TABLES) {
    const text = publishedCsv(t).toString('utf8');
    expect(text.startsWith(BOM) && !text.startsWith(BOM + BOM), t).toBe(true);
    writeFileSync(join(READ_DIR, `${t}.csv`), text.slice(1));
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
      const csvRows = publishedCsv(table).toString('utf8').split('\r\n').length - 2;
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
    for (const t of PUBLISHED_TABLES) expect(Buffer.from(files[`${t}.csv`]!).equals(publishedCsv(t)), t).toBe(true);
    // The archive's package names the plain CSVs beside it; the site's, the zipped downloads.
    type Resource = { name: string; path: string; compression?: string };
    const inArchive = JSON.parse(Buffer.from(files['datapackage.json']!).toString('utf8')) as { resources: Resource[] };
    const onSite = JSON.parse(readFileSync(join(DATA, 'datapackage.json'), 'utf8')) as { resources: Resource[] };
    for (const r of inArchive.resources)
      expect(existsSync(join(READ_DIR, r.path)) && !r.compression, r.path).toBe(true);
    const zipped = PUBLISHED_TABLES.filter((t) => downloadPaths(t).zipped);
    expect(zipped.length).toBeGreaterThan(0);
    for (const t of zipped) {
      const r = onSite.resources.find((x) => x.name === resourceName(t));
      expect(r, t).toMatchObject({ path: `${t}.csv.zip`, compression: 'zip' });
    }
    const plain = (rs: Resource[]) =>
      rs.map(({ path, compression: _zip, ...rest }) => ({ ...rest, path: path.replace(/\.zip$/, '') }));
    expect(plain(onSite.resources)).toEqual(plain(inArchive.resources));
  });
});

describe('whole-table downloads', () => {
  it("are each table's CSV and JSON Schema, with no JSON copy of the CSV (docs/sharding.md, moved URLs)", () => {
    for (const t of PUBLISHED_TABLES) {
      const d = downloadPaths(t);
      expect(existsSync(join(DATA, `${t}.csv`)), t).toBe(!d.zipped);
      expect(existsSync(join(DATA, `${t}.csv.zip`)), t).toBe(d.zipped);
      expect(existsSync(join(DATA, `${t}.schema.json`)), t).toBe(true);
      expect(existsSync(join(DATA, `${t}.json`)), t).toBe(false);
    }
    const page = readFileSync(join(DATA, 'index.html'), 'utf8');
    const links = [...page.matchAll(/href="(\/data\/[^"#?]+)"/g)].map((m) => m[1]!);
    for (const t of PUBLISHED_TABLES) expect(links, t).toContain(`/data/${t}.schema.json`);
    for (const t of PUBLISHED_TABLES) expect(links, t).toContain(downloadPaths(t).csv);
    for (const href of links)
      expect(existsSync(join(DIST, href.endsWith('/') ? `${href}index.html` : href)), href).toBe(true);
  });
});

describe('district archives (/data/district/<id>.zip)', () => {
  const districts = readFileSync(join(DATA, 'districts.csv'), 'utf8')
    .replace(BOM, '')
    .split(/\r?\n/)
    .slice(1)
    .filter(Boolean)
    .map((l) => l.split(',')[0]!);
  const compoundsCsv = readFileSync(join(DATA, 'compounds.csv'), 'utf8').replace(BOM, '').split(/\r?\n/);
  const col = compoundsCsv[0]!.split(',').indexOf('district_id');
  const compoundsOf = (d: string) =>
    compoundsCsv
      .slice(1)
      .filter(Boolean)
      .map((l) => l.split(','))
      .filter((cells) => cells[col] === d)
      .map((cells) => cells[0]!);

  it('hold the district JSON and one Excel-ready CSV per compound of the district, nothing else', () => {
    expect(districts.length).toBeGreaterThan(0);
    for (const d of districts) {
      const files = unzipSync(readFileSync(join(DATA, 'district', `${d}.zip`)));
      const ids = compoundsOf(d);
      expect(Object.keys(files).sort(), d).toEqual([`${d}.json`, ...ids.map((id) => `${id}.csv`)].sort());
      const doc = JSON.parse(Buffer.from(files[`${d}.json`]!).toString('utf8'));
      expect(Object.keys(doc.compounds).sort()).toEqual([...ids].sort());
      for (const id of ids) {
        const csv = Buffer.from(files[`${id}.csv`]!).toString('utf8');
        expect(csv.startsWith(`${BOM}table,`), id).toBe(true);
        // The CSV and the JSON carry the same rows of the compound.
        const rows = Papa.parse(csv.slice(1), { skipEmptyLines: true }).data.length - 1;
        const jsonRows = Object.values(doc.compounds[id].tables as Record<string, { rows: unknown[] }>).reduce(
          (n, t) => n + t.rows.length,
          0,
        );
        expect(rows, id).toBe(jsonRows);
      }
    }
  });

  it('replace the per-compound downloads: a compound folder holds its page and nothing else', () => {
    for (const id of readdirSync(join(DIST, 'compound'))) {
      if (id === 'district' || id === 'index.html') continue;
      expect(readdirSync(join(DIST, 'compound', id)), id).toEqual(['index.html']);
    }
  });
});
