/** What the render thread sends the archive worker (archive-pool.ts) and what the worker answers. */
import type { AnyRow } from '../model/types.ts';
import type { TableName } from '../schema/tables.ts';
import type { DistrictArchiveInput } from './district-archive.ts';

/** A download the worker writes: its public URL, and the file it waits in. */
export interface Output {
  url: string;
  file: string;
}

/** A district's archive, from its rows. */
export interface DistrictJob {
  kind: 'district';
  out: Output;
  input: DistrictArchiveInput;
}

/** A table of the city's archive, and its own downloads when this build writes them. */
export interface CityTable {
  table: TableName;
  /** /data/<table>.csv */
  csv?: Output;
  /** /data/<table>.csv.zip */
  zip?: Output;
}

/** The city's downloads (city-downloads.ts): its tables' rows follow, table by table, in slices. */
export interface CityJob {
  kind: 'city';
  archive: Output;
  asOf: string;
  datapackage: string;
  tables: CityTable[];
}

/** Some of a table's rows, in order; `last` ends the table. */
export interface RowsSlice {
  kind: 'rows';
  table: TableName;
  rows: AnyRow[];
  last: boolean;
}

export type PoolMessage = DistrictJob | CityJob | RowsSlice;

/**
 * The worker's answers: `done` once it no longer needs the last message's rows (the next is sent),
 * `url` once that download's file is written or could not be (`error`).
 */
export type PoolReply = { done: true } | { url: string; error?: string };
