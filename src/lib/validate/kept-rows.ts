/**
 * The typed rows the check keeps for the incremental build (cached.ts `keepRows`), held as a
 * validated snapshot holds its tables: by column (snapshot-tables.ts), each list of texts joined
 * (snapshot-texts.ts). Kept as row objects, V8 wrote every row's key names and every text cell
 * again, and reading them back was a re-publish's largest part at 15,000 compounds (5.3 s of
 * deserialising and the collections after it, bench/README.md h24r). By column a kept table
 * reads back as a few arrays and joined texts, equal cells sharing one string, so nothing is
 * left to compact (dataset/compact.ts). Exact as the snapshot is (tests/unit/validate/snapshot.test.ts).
 */
import type { ParsedTable } from '../dataset/types.ts';
import type { ChunkRows } from './ledger-chunks.ts';
import { packRows, packTable, unpackRows, unpackTable, type PackedRows, type PackedTable } from './snapshot-tables.ts';
import { fromStored, storedTable, type Stored } from './snapshot-texts.ts';

export type KeptTable = Stored<PackedTable>;
export type KeptChunkRows = Omit<ChunkRows, 'rows'> & { rows: Stored<PackedRows> };

export const keepTable = (table: ParsedTable<unknown>): KeptTable => storedTable(packTable(table));

export const keptTable = (kept: KeptTable): ParsedTable<unknown> => unpackTable(fromStored(kept));

export const keepChunkRows = ({ rows, rejected, quoteBroken }: ChunkRows): KeptChunkRows => ({
  rows: storedTable(packRows(rows)),
  rejected,
  quoteBroken,
});

export const keptChunkRows = ({ rows, rejected, quoteBroken }: KeptChunkRows): ChunkRows => ({
  rows: unpackRows(fromStored(rows)),
  rejected,
  quoteBroken,
});
