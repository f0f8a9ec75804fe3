/**
 * The bundled data as plain string records, read straight from data/*.csv, so the browser
 * tests derive what pages must show (ids, names, figures) from the data rather than
 * hard-coding it.
 */
import Papa from 'papaparse';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const DATA_DIR = resolve(process.env.GONGSHI_DATA_DIR ?? 'data');

export type Record = { [column: string]: string };

const cache = new Map<string, Record[]>();

export function readTable(name: string): Record[] {
  const cached = cache.get(name);
  if (cached) return cached;
  const file = join(DATA_DIR, `${name}.csv`);
  if (!existsSync(file)) throw new Error(`${file} is missing: the browser tests read the bundled data.`);
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const parsed = Papa.parse<Record>(text, { header: true, skipEmptyLines: true });
  if (parsed.errors.length > 0) throw new Error(`${file}: ${parsed.errors[0]?.message}`);
  cache.set(name, parsed.data);
  return parsed.data;
}

/** The one row of `table` whose `column` equals `value`; throws when there is none. */
export function rowWhere(table: string, column: string, value: string): Record {
  const row = readTable(table).find((r) => r[column] === value);
  if (!row) throw new Error(`data/${table}.csv has no row with ${column}=${value}`);
  return row;
}

export const isDemo = (row: Record): boolean => row.demo === '是';
