/**
 * A compound's own disclosures as downloads. CSV, one file per compound (what residents open
 * in Excel): one sheet, a `table` column first, then the union of the tables' columns in
 * standard order (each row fills its own table's columns). JSON, one file per district (what
 * programs read; one file per compound doubled the site's file count at city scale): each
 * compound's rows, one section per table.
 */
import { TABLES } from '../schema/tables.ts';
import { tableColumns, type ColumnInfo } from '../schema/column-info.ts';
import { toCell } from '../schema/cells.ts';
import { BOM, csvCell, csvLine } from './csv.ts';
import { downloadPaths } from '../views/urls.ts';
import type { DatasetInfo } from './table.ts';
import { type AnyRow } from '../model/types.ts';
import type { CompoundTable } from '../model/relations.ts';

export type CompoundSections = readonly { table: CompoundTable; rows: readonly AnyRow[] }[];

export function compoundCsv(sections: CompoundSections): string {
  const at = new Map<string, number>([['table', 0]]);
  for (const s of sections) for (const c of tableColumns(s.table)) if (!at.has(c.name)) at.set(c.name, at.size);
  const lines = [BOM + csvLine([...at.keys()])];
  for (const s of sections) {
    // The table's column at each place of the sheet. A column named `table` (corrections name the
    // table they correct) takes the first place over the section's own name, as it always has.
    const slots = new Array<ColumnInfo | undefined>(at.size);
    for (const c of tableColumns(s.table)) slots[at.get(c.name)!] = c;
    // Each filled cell with the commas before it, and the commas after the last: a line is a few
    // joins, not one per place of the sheet (most of a row's places are other tables' columns).
    const cells: { sep: string; col: ColumnInfo }[] = [];
    let sep = ',';
    for (let i = 1; i < slots.length; i++) {
      const c = slots[i];
      if (c === undefined) sep += ',';
      else {
        cells.push({ sep, col: c });
        sep = ',';
      }
    }
    const tail = sep.slice(1);
    const first = slots[0];
    const name = csvCell(s.table);
    for (const r of s.rows) {
      let line = first === undefined ? name : csvCell(toCell(r[first.name], first.kind));
      for (const { sep, col } of cells) line += sep + csvCell(toCell(r[col.name], col.kind));
      lines.push(line + tail);
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** A table's rows as the JSON array of `rowsAsCellObjects` (blank cells left out), written without the objects. */
function rowsJson(table: CompoundTable, rows: readonly AnyRow[]): string {
  const cols = tableColumns(table).map((c) => ({ ...c, key: JSON.stringify(c.name) }));
  let out = '[';
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    let obj = '';
    for (const c of cols) {
      const cell = toCell(r[c.name], c.kind);
      if (cell !== '') obj += `${obj === '' ? '' : ','}${c.key}:${JSON.stringify(cell)}`;
    }
    out += `${i === 0 ? '' : ','}{${obj}}`;
  }
  return `${out}]`;
}

/** One compound's value in the district's JSON: the text `JSON.stringify` gives its object. */
function compoundJson(name: string, sections: CompoundSections): string {
  let out = `{"name":${JSON.stringify(name)},"tables":{`;
  sections.forEach((s, i) => {
    const head = { title: TABLES[s.table].title, schema: downloadPaths(s.table).schema };
    out += `${i === 0 ? '' : ','}${JSON.stringify(s.table)}:${JSON.stringify(head).slice(0, -1)},"rows":${rowsJson(s.table, s.rows)}}`;
  });
  return `${out}}}`;
}

export interface DistrictCompounds {
  district: { id: string; name: string };
  compounds: readonly { id: string; name: string; sections: CompoundSections }[];
}

/**
 * The district's JSON in pieces of whole compounds: the same text as `JSON.stringify` of the
 * whole document, for an archive to deflate one piece at a time. The whole document as one
 * object and one string was a district's every row at once (a sixteenth of the city),
 * old-generation garbage that made a 5,000-compound build collect ~40% more per page than a
 * 1,000 one (bench/README.md); each row as an object before its text was most of what remained.
 */
export function* districtJson({ district, compounds }: DistrictCompounds, dataset: DatasetInfo): Generator<string> {
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
  yield `${head.slice(0, -1)},"compounds":{`;
  for (const [i, id] of order.entries()) {
    const c = byId.get(id)!;
    yield `${i === 0 ? '' : ','}${JSON.stringify(id)}:${compoundJson(c.name, c.sections)}`;
  }
  // Compact: programs read it, and indentation five levels deep was 42% of a district's bytes.
  yield '}}\n';
}
