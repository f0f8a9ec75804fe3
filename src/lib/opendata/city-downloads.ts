/**
 * The city's downloads made on the archive worker: the city archive (/data/gongshi-data.zip, every
 * table's CSV and datapackage.json), the zipped tables' own archives (/data/<table>.csv.zip, the
 * same deflated bytes) and the plain tables' CSV (/data/<table>.csv, the same text). Each table's
 * CSV is written once, in pieces, as its rows come: deflated for the archives and, for a plain
 * table, written to its file. The rows come in slices (`cityMessages`), so the worker holds one
 * slice of the city's ledger, never the whole table.
 */
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import type { AnyRow } from '../model/types.ts';
import type { TableName } from '../schema/tables.ts';
import { dataArchive, deflate, type ArchiveEntry, type Deflated, type DeflatedEntry } from './archive.ts';
import type { CityJob, CityTable, PoolMessage, PoolReply, RowsSlice } from './archive-jobs.ts';
import { tableCsvPieces } from './table.ts';

/** Rows a message carries: a slice of the city's ledger is about 2 MB of CSV. */
const SLICE = 20_000;

/** The job (made when the worker is about to need it), then each table's rows in slices of `slice` rows. */
export function* cityMessages(
  job: () => CityJob,
  rowsOf: (table: TableName) => readonly AnyRow[],
  slice = SLICE,
): Generator<PoolMessage> {
  const city = job();
  yield city;
  for (const { table } of city.tables) {
    const rows = rowsOf(table);
    // An empty table still sends one slice: its CSV is the header.
    for (let i = 0; i === 0 || i < rows.length; i += slice)
      yield { kind: 'rows', table, rows: rows.slice(i, i + slice), last: i + slice >= rows.length };
  }
}

interface Waiting {
  rows: readonly AnyRow[];
  last: boolean;
  done: () => void;
}

/** One table's slices as they come, and its CSV from them. */
class Feed {
  private waiting: Waiting[] = [];
  private wake: (() => void) | undefined;

  push(w: Waiting): void {
    this.waiting.push(w);
    this.wake?.();
  }

  /** Lets every slice waiting go (the job failed): the render thread sends the next. */
  drop(): void {
    for (const w of this.waiting.splice(0)) w.done();
  }

  /** The CSV's UTF-8 pieces, each also written to `file` when given. */
  async *pieces(table: TableName, file: string | undefined): AsyncGenerator<Uint8Array> {
    const fd = file === undefined ? undefined : openSync(file, 'w');
    try {
      for (let first = true; ; first = false) {
        while (this.waiting.length === 0) await new Promise<void>((r) => (this.wake = r));
        this.wake = undefined;
        const w = this.waiting.shift()!;
        for (const piece of tableCsvPieces(table, w.rows, first)) {
          // As the render thread's response encodes it (routes/response.ts).
          const raw = Buffer.from(piece, 'utf8');
          if (fd !== undefined) writeSync(fd, raw);
          yield raw;
        }
        w.done();
        if (w.last) return;
      }
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }
}

/** The worker's side of a city job: its downloads, made as the rows come (`rows`). */
export class CityDownloads {
  private readonly feeds: Map<TableName, Feed>;
  private readonly unanswered: Set<string>;
  private readonly reply: (r: PoolReply) => void;
  private failed = false;

  constructor(job: CityJob, reply: (r: PoolReply) => void) {
    this.reply = reply;
    this.feeds = new Map(job.tables.map((t) => [t.table, new Feed()]));
    this.unanswered = new Set([job.archive, ...job.tables.flatMap((t) => [t.csv, t.zip])].flatMap((o) => o?.url ?? []));
    // The render thread's order and names (src/pages/data/gongshi-data.zip.ts).
    const entries: (ArchiveEntry | DeflatedEntry)[] = [
      ...job.tables.map((t) => ({ path: `${t.table}.csv`, deflated: () => this.table(t, job.asOf) })),
      { path: 'datapackage.json', text: job.datapackage },
    ];
    dataArchive(entries, job.asOf).then(
      (zip) => {
        writeFileSync(job.archive.file, zip);
        this.answer(job.archive.url);
      },
      (e: unknown) => this.fail(e instanceof Error ? e.message : String(e)),
    );
  }

  /** A slice of a table's rows; `done` once the worker no longer needs them. */
  rows(slice: RowsSlice, done: () => void): void {
    const feed = this.feeds.get(slice.table);
    if (this.failed || !feed) done();
    else feed.push({ rows: slice.rows, last: slice.last, done });
  }

  private async table(t: CityTable, asOf: string): Promise<Deflated> {
    const deflated = await deflate(this.feeds.get(t.table)!.pieces(t.table, t.csv?.file));
    if (t.csv) this.answer(t.csv.url);
    if (t.zip) {
      // The route's archive of the one table (src/pages/data/[table].csv.zip.ts), its entry these bytes.
      writeFileSync(t.zip.file, await dataArchive([{ path: `${t.table}.csv`, deflated: async () => deflated }], asOf));
      this.answer(t.zip.url);
    }
    return deflated;
  }

  private answer(url: string, error?: string): void {
    if (this.unanswered.delete(url)) this.reply(error === undefined ? { url } : { url, error });
  }

  private fail(why: string): void {
    this.failed = true;
    for (const url of [...this.unanswered]) this.answer(url, why);
    for (const feed of this.feeds.values()) feed.drop();
  }
}
