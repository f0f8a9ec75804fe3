/**
 * A compound's own disclosures as one download. CSV: one sheet, a `table`
 * column first, then the union of the tables' columns in standard order (each row
 * fills its own table's columns). JSON: one section per table.
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
  const header: string[] = ['table'];
  for (const s of sections) for (const c of tableColumns(s.table)) if (!header.includes(c.name)) header.push(c.name);
  const lines: string[][] = [];
  for (const s of sections) {
    const cols = tableColumns(s.table);
    for (const r of s.rows) {
      const line = header.map(() => '');
      line[0] = s.table;
      for (const c of cols) line[header.indexOf(c.name)] = toCell(r[c.name], c.kind);
      lines.push(line);
    }
  }
  return toDownloadCsv(header, lines);
}

export function compoundJson(compoundId: string, sections: CompoundSections, dataset: DatasetInfo): string {
  const doc = {
    compound: compoundId,
    dataset: dataset.title,
    as_of: dataset.as_of,
    licence: dataset.licence,
    standard_version: dataset.standard_version,
    tables: Object.fromEntries(
      sections.map((s) => [
        s.table,
        {
          title: TABLES[s.table].title,
          schema: downloadPaths(s.table).schema,
          rows: rowsAsCellObjects(s.table, s.rows),
        },
      ]),
    ),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
