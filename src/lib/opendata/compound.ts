/**
 * A compound's own disclosures as downloads. CSV, one file per compound (what residents open
 * in Excel): one sheet, a `table` column first, then the union of the tables' columns in
 * standard order (each row fills its own table's columns). JSON, one file per district (what
 * programs read; one file per compound doubled the site's file count at city scale): each
 * compound's rows, one section per table.
 */
import { TABLES } from '../schema/tables.ts';
import { tableColumns } from '../schema/column-info.ts';
import { toCell } from '../schema/cells.ts';
import { toDownloadCsv } from './csv.ts';
import { downloadPaths } from '../views/urls.ts';
import { rowsAsCellObjects, type DatasetInfo } from './table.ts';
import { type AnyRow } from '../model/types.ts';
import type { CompoundTable } from '../model/relations.ts';

export type CompoundSections = readonly { table: CompoundTable; rows: readonly AnyRow[] }[];

export function compoundCsv(sections: CompoundSections): string {
  const at = new Map<string, number>([['table', 0]]);
  for (const s of sections) for (const c of tableColumns(s.table)) if (!at.has(c.name)) at.set(c.name, at.size);
  const header = [...at.keys()];
  const lines: string[][] = [];
  for (const s of sections) {
    const cols = tableColumns(s.table).map((c) => ({ ...c, at: at.get(c.name)! }));
    for (const r of s.rows) {
      const line = new Array<string>(header.length).fill('');
      line[0] = s.table;
      for (const c of cols) line[c.at] = toCell(r[c.name], c.kind);
      lines.push(line);
    }
  }
  return toDownloadCsv(header, lines);
}

function tablesJson(sections: CompoundSections) {
  return Object.fromEntries(
    sections.map((s) => [
      s.table,
      { title: TABLES[s.table].title, schema: downloadPaths(s.table).schema, rows: rowsAsCellObjects(s.table, s.rows) },
    ]),
  );
}

export interface DistrictCompounds {
  district: { id: string; name: string };
  compounds: readonly { id: string; name: string; sections: CompoundSections }[];
}

/**
 * The district's JSON as UTF-8 bytes: the same bytes as `JSON.stringify` of the whole document,
 * written one compound at a time. The whole document as one object and one string was a
 * district's every row at once (a sixteenth of the city), old-generation garbage that made a
 * 5,000-compound build collect ~40% more per page than a 1,000 one (bench/README.md).
 */
export function districtJson({ district, compounds }: DistrictCompounds, dataset: DatasetInfo): Buffer {
  const head = JSON.stringify({
    district: district.id,
    district_name: district.name,
    dataset: dataset.title,
    as_of: dataset.as_of,
    licence: dataset.licence,
    standard_version: dataset.standard_version,
  });
  const byId = new Map(compounds.map((c) => [c.id, c]));
  // The key order of the object JSON.stringify was given (ids that read as array indexes first).
  const order = Object.keys(Object.fromEntries(compounds.map((c) => [c.id, 0])));
  const parts = [Buffer.from(`${head.slice(0, -1)},"compounds":{`, 'utf8')];
  order.forEach((id, i) => {
    const c = byId.get(id)!;
    const value = JSON.stringify({ name: c.name, tables: tablesJson(c.sections) });
    parts.push(Buffer.from(`${i === 0 ? '' : ','}${JSON.stringify(id)}:${value}`, 'utf8'));
  });
  // Compact: programs read it, and indentation five levels deep was 42% of a district's bytes.
  parts.push(Buffer.from('}}\n', 'utf8'));
  return Buffer.concat(parts);
}
