/**
 * References in a staff sheet. Staff write what they know: an id, a name, a short
 * name or a credit code. A name that names exactly one record becomes its id (and
 * the report says so); a name shared by two records is refused with both, never
 * guessed. What names nothing is refused with the closest ids and names by edit
 * distance ("您是不是要写 …"), or, for the typical Excel damage of an id losing
 * its leading zeros ("demo-lanting-0005" → "…-5"), with the one id it must have been.
 */
import { TABLES, type TableName } from '../../../src/lib/schema/tables.ts';
import { tableColumns } from '../../../src/lib/schema/column-info.ts';
import { cleanSpaces, toHalfWidth } from '../../../src/lib/schema/cell-text.ts';
import { describe } from '../../../src/lib/messages/catalogue.ts';
import { cmp } from '../../../src/lib/util/compare.ts';

/** A record another row may refer to: its id and the names staff may write for it. */
export interface KnownRecord {
  id: string;
  /** Name, short name, credit code…, each with the Chinese title of its column. */
  names: { text: string; via: string }[];
}

/** The records of a table, or undefined when unknown (then its references are left to `npm run check`). */
export type KnownRecords = (table: string) => readonly KnownRecord[] | undefined;

export interface ReferenceProblem {
  /** Index into the imported rows. */
  row: number;
  column: string;
  kind: string;
  message: string;
  fix: string;
}

/** How staff might write the same name: full-width letters, spaces and case do not matter. */
const key = (s: string) => toHalfWidth(cleanSpaces(s)).replace(/\s+/g, '').toLowerCase();

export type Resolution =
  { id: string; via: string } | { ambiguous: { id: string; text: string; via: string }[] } | undefined;

/** The one record a cell names by one of its names; undefined when it names none. */
export function resolveName(records: readonly KnownRecord[], cell: string): Resolution {
  const k = key(cell);
  if (k === '') return undefined;
  const hits = new Map<string, { id: string; text: string; via: string }>();
  for (const r of records) {
    const name = r.names.find((n) => key(n.text) === k);
    if (name && !hits.has(r.id)) hits.set(r.id, { id: r.id, ...name });
  }
  const found = [...hits.values()].sort((a, b) => cmp(a.id, b.id));
  if (found.length === 0) return undefined;
  return found.length === 1 ? { id: found[0]!.id, via: found[0]!.via } : { ambiguous: found };
}

function distance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[y.length]!;
}

/** Up to three records whose id or a name is closest to the cell, within a third of its length in edits. */
function closest(records: readonly KnownRecord[], cell: string): string[] {
  const k = key(cell);
  const limit = Math.max(1, Math.floor([...k].length / 3));
  const scored: { d: number; id: string; label: string }[] = [];
  for (const r of records) {
    const name = r.names[0]?.text;
    const label = name ? `“${r.id}”(${name})` : `“${r.id}”`;
    const d = Math.min(distance(k, r.id.toLowerCase()), ...r.names.map((n) => distance(k, key(n.text))));
    if (d <= limit) scored.push({ d, id: r.id, label });
  }
  const best = Math.min(...scored.map((s) => s.d));
  // Only the closest: a second-best guess next to the right one is noise to someone fixing a typo.
  return scored
    .filter((s) => s.d === best)
    .sort((a, b) => cmp(a.id, b.id))
    .slice(0, 3)
    .map((s) => s.label);
}

/** The "您是不是要写 …" part of a message, or nothing. */
export function guessText(records: readonly KnownRecord[], cell: string): string {
  const near = closest(records, cell);
  return near.length ? `;您是不是要写 ${near.join('、')}?` : '';
}

export function ambiguityProblem(
  target: TableName,
  value: string,
  candidates: { id: string; text: string; via: string }[],
): { kind: string; message: string; fix: string } {
  return describe('import-ref-ambiguous', {
    value,
    target: TABLES[target].title,
    count: candidates.length,
    candidates: candidates.map((c) => `“${c.id}”(${c.via}“${c.text}”)`).join('、'),
    ids: candidates.map((c) => c.id).join('、'),
  });
}

/** Digit runs without their leading zeros: "a-0005" and "a-5" have the same shape. */
const shape = (id: string) => id.replace(/\d+/g, (d) => String(BigInt(d)));

/**
 * References that name no record. `own` are the ids a reference to the imported
 * table itself may name (the sheet's and the table's), e.g. a ledger reversal.
 */
export function checkReferences(
  table: TableName,
  header: readonly string[],
  rows: readonly (readonly string[])[],
  known: KnownRecords | undefined,
  own: readonly KnownRecord[],
): ReferenceProblem[] {
  const problems: ReferenceProblem[] = [];
  for (const col of tableColumns(table)) {
    const target = col.meta.references as TableName | undefined;
    if (!target) continue;
    const records = target === table ? own : known?.(target);
    if (!records) continue;
    const ids = new Set(records.map((r) => r.id));
    const at = header.indexOf(col.name);
    rows.forEach((r, row) => {
      const value = r[at] ?? '';
      if (value === '' || ids.has(value)) return;
      const lookalikes = [...ids].filter((id) => shape(id) === shape(value));
      const vars = { value, target: TABLES[target].title, file: `data/${target}.csv` };
      const d =
        lookalikes.length === 1
          ? describe('import-ref-zeros', { ...vars, id: lookalikes[0]! })
          : describe('import-ref-unknown', { ...vars, guess: guessText(records, value) });
      problems.push({ row, column: col.name, ...d });
    });
  }
  return problems;
}
