/**
 * The fund ledger by column for a validated snapshot (snapshot.ts), made from its chunks as the
 * check types them (cached.ts `wholeDataset`): each chunk is packed on the thread that typed it
 * (the worker's are sent back packed, chunk-pool.ts), so the city's ledger is never held as a
 * million row objects, nor copied between threads as such, nor packed again at the end.
 */
import { Buffer } from 'node:buffer';
import { tableFromBytes } from '../dataset/load.ts';
import type { ChunkRows, LedgerSplit } from './ledger-chunks.ts';
import { joinRows, packRows, unpackRows, type PackedRows, type PackedTable } from './snapshot-tables.ts';

/** A chunk's typed rows by column, lines relative to it (as ChunkRows). */
export interface PackedChunk {
  rows: PackedRows;
  rejected: ChunkRows['rejected'];
  quoteBroken: boolean;
}

export const packChunk = ({ rows, rejected, quoteBroken }: ChunkRows): PackedChunk => ({
  rows: packRows(rows),
  rejected,
  quoteBroken,
});

export const unpackChunk = ({ rows, rejected, quoteBroken }: PackedChunk): ChunkRows => ({
  rows: unpackRows(rows),
  rejected,
  quoteBroken,
});

/**
 * The ledger exactly as packTable packs what ledger-chunks.ts `tableFromChunks` makes of the
 * same chunks (undefined where that gives none: a chunk's quote may run past its end).
 */
export function packedFromChunks(
  split: LedgerSplit,
  file: string,
  chunks: readonly PackedChunk[],
): PackedTable | undefined {
  if (chunks.some((c) => c.quoteBroken)) return undefined;
  const { header } = tableFromBytes('fund_ledger', file, Buffer.from(split.head)).table;
  const shift = (n: number) => (split.chunks[n] as { shift: number }).shift;
  // Pushed one by one, as tableFromChunks does: V8 writes the list as it writes that one's.
  const rejected: ChunkRows['rejected'] = [];
  chunks.forEach((c, n) => c.rejected.forEach((r) => rejected.push({ line: r.line + shift(n), raw: r.raw })));
  return {
    fields: [
      ['name', 'fund_ledger'],
      ['file', file],
      ['header', header],
      ['rows', undefined],
      ['rejected', rejected],
    ],
    ...joinRows(chunks.map((c, n) => ({ rows: c.rows, shift: shift(n) }))),
  };
}
