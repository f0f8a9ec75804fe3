/**
 * A packed table's lists of texts joined into blocks, for the snapshot file (snapshot.ts). V8
 * writes each string in its own representation, and the checker's texts are slices of a decoded
 * Chinese file, so even an ASCII id is written two bytes a character, behind a head of its own:
 * at 15,000 compounds the ledger's ids and descriptions were half of a 286 MB file that every
 * shard reads. Here a list's texts are joined a block at a time, with where each ends in the
 * joined text; a block of code units below 256 (ids, dates, amounts) is written as one byte
 * each, any other (Chinese) as the joined string, which V8 writes two bytes a unit as before
 * (UTF-8 would take three). Reading slices each block, so every text comes back with the same
 * code units, whatever they are (tests/unit/validate/snapshot.test.ts).
 */
import { Buffer } from 'node:buffer';
import type { PackedRows, PackedTable } from './snapshot-tables.ts';

/** Texts per block: a block's joined text stays far below V8's longest string whatever the city. */
const BLOCK = 1 << 16;

const ONE_BYTE = /^[\0-\xff]*$/;

/** A list of texts (undefined among them), joined a block at a time. */
export interface TextList {
  /** Each block's joined texts: its Latin-1 bytes when every unit fits one, else the text itself. */
  blocks: (Uint8Array | string)[];
  /** Each text's end in its block's joined text, in UTF-16 code units. */
  ends: Uint32Array;
  /** The positions holding undefined. */
  absent: Uint32Array;
}

type Column = PackedRows['columns'][number];
/** A column as the file holds it: its list of texts (its values, or a dictionary's distinct texts) joined. */
type StoredColumn = Column | { texts: TextList } | { joinedStrings: TextList; codes: Int32Array };
/** Packed rows (a table's, a ledger chunk's) with their columns' texts joined. */
export type Stored<T extends PackedRows> = Omit<T, 'columns'> & { columns: StoredColumn[] };
export type StoredTable = Stored<PackedTable>;

/** The list joined, or undefined when it holds anything but texts and undefined. */
export function encodeTexts(list: readonly unknown[]): TextList | undefined {
  const ends = new Uint32Array(list.length);
  const absent: number[] = [];
  const blocks: (Uint8Array | string)[] = [];
  for (let from = 0; from < list.length; from += BLOCK) {
    const own: string[] = [];
    let end = 0;
    for (let i = from; i < Math.min(list.length, from + BLOCK); i++) {
      const v = list[i];
      if (v === undefined) absent.push(i);
      else if (typeof v !== 'string') return undefined;
      else {
        own.push(v);
        end += v.length;
      }
      ends[i] = end;
    }
    const joined = own.join('');
    // A copy of its own: a small Buffer lies in a shared pool, which V8 would write whole.
    blocks.push(ONE_BYTE.test(joined) ? new Uint8Array(Buffer.from(joined, 'latin1')) : joined);
  }
  return { blocks, ends, absent: Uint32Array.from(absent) };
}

export function decodeTexts({ blocks, ends, absent }: TextList): (string | undefined)[] {
  const out: (string | undefined)[] = [];
  blocks.forEach((block, b) => {
    const joined =
      typeof block === 'string'
        ? block
        : Buffer.from(block.buffer, block.byteOffset, block.byteLength).toString('latin1');
    const to = Math.min(ends.length, (b + 1) * BLOCK);
    if (to > b * BLOCK && joined.length !== ends[to - 1])
      throw new Error('snapshot texts: a block does not fit its ends');
    let start = 0;
    for (let i = b * BLOCK; i < to; i++) {
      out.push(joined.slice(start, ends[i]));
      start = ends[i] as number;
    }
  });
  if (out.length !== ends.length) throw new Error('snapshot texts: fewer blocks than texts');
  for (const i of absent) out[i] = undefined;
  return out;
}

/** The table (or rows) as the snapshot file and the check's kept rows hold it (validate/kept-rows.ts). */
export function storedTable<T extends PackedRows>(table: T): Stored<T> {
  const columns: StoredColumn[] = [];
  for (const col of table.columns) {
    const texts = encodeTexts('values' in col ? col.values : col.strings);
    columns.push(!texts ? col : 'values' in col ? { texts } : { joinedStrings: texts, codes: col.codes });
  }
  return { ...table, columns };
}

/** The packed table (or rows) a stored one holds (unpackTable's input). */
export function fromStored<T extends PackedRows>(table: Stored<T>): T {
  const columns: Column[] = [];
  for (const col of table.columns)
    if ('texts' in col) columns.push({ values: decodeTexts(col.texts) });
    else if ('joinedStrings' in col) {
      const strings = decodeTexts(col.joinedStrings);
      if (strings.includes(undefined)) throw new Error('snapshot texts: a dictionary holds no undefined');
      columns.push({ strings: strings as string[], codes: col.codes });
    } else columns.push(col);
  return { ...table, columns } as unknown as T;
}
