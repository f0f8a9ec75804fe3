/**
 * The city's downloads made on the archive worker: the city archive (/data/gongshi-data.zip, every
 * table's CSV and datapackage.json), the zipped tables' own archives (/data/<table>.csv.zip, the
 * same deflated bytes) and the plain tables' CSV (/data/<table>.csv, the same text). Each table's
 * CSV is written once, in pieces, as its rows come: deflated for the archives and, for a plain
 * table, written to its file. The rows come in slices (`cityMessages`), so the worker holds one
 * slice of the city's ledger, never the whole table.
 *
 * In a whole build the district archives are sent with the city's job, and the tables whose rows
 * they carry in an order the city's table can be put back together from (`fromDistricts`) take
 * them from there: each row crossed to the worker twice, once for its district and once for its
 * table (1.35 s of structured clone at 5,000 compounds, bench/README.md h21p). The worker keeps
 * each compound's lines of those tables as UTF-8 until its table's turn; only the bytes, never the
 * rows.
 */
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import type { AnyRow } from '../model/types.ts';
import type { TableName } from '../schema/tables.ts';
import { dataArchive, deflate, type ArchiveEntry, type Deflated, type DeflatedEntry } from './archive.ts';
import type { CityJob, CityTable, DistrictJob, PoolMessage, PoolReply, RowsSlice } from './archive-jobs.ts';
import type { DistrictArchiveInput } from './district-archive.ts';
import { tableCsvPieces } from './table.ts';

/** Rows a message carries: a slice of the city's ledger is about 2 MB of CSV. */
const SLICE = 20_000;

/**
 * The job (made when the worker is about to need it), the district archives that bring some of its
 * tables' rows (`districts`, as many as its `fromDistricts` says), then each other table's rows in
 * slices of `slice` rows. The districts come first: the archive waits for their tables in its
 * order, and a slice is only let go once its table is deflating.
 */
export function* cityMessages(
  job: () => CityJob,
  rowsOf: (table: TableName) => readonly AnyRow[],
  slice = SLICE,
  districts: () => Iterable<DistrictJob> = () => [],
): Generator<PoolMessage> {
  const city = job();
  yield city;
  yield* districts();
  const taken = new Set(city.fromDistricts?.tables.map((t) => t.table));
  for (const { table } of city.tables) {
    if (taken.has(table)) continue;
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

/** A table taken from the district archives: its compounds in table order, and each one's lines as they came. */
interface FromDistricts {
  order: readonly string[];
  lines: Map<string, Buffer>;
}

/** The worker's side of a city job: its downloads, made as the rows come (`rows`, `district`). */
export class CityDownloads {
  private readonly feeds: Map<TableName, Feed>;
  private readonly fromDistricts: Map<TableName, FromDistricts>;
  private districtsLeft: number;
  private readonly allDistricts = Promise.withResolvers<void>();
  private readonly unanswered: Set<string>;
  private readonly reply: (r: PoolReply) => void;
  private failed = false;

  constructor(job: CityJob, reply: (r: PoolReply) => void) {
    this.reply = reply;
    this.feeds = new Map(job.tables.map((t) => [t.table, new Feed()]));
    const from = job.fromDistricts;
    this.fromDistricts = new Map(from?.tables.map((t) => [t.table, { order: t.order, lines: new Map() }]));
    this.districtsLeft = from?.districts ?? 0;
    if (this.districtsLeft === 0) this.allDistricts.resolve();
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

  /** A district's rows, sent for its archive: its compounds' lines of the tables taken from the districts. */
  district(input: DistrictArchiveInput): void {
    if (this.failed) return;
    try {
      for (const c of input.compounds)
        for (const s of c.sections) {
          const table = this.fromDistricts.get(s.table);
          if (!table) continue;
          if (table.lines.has(c.id)) throw new Error(`小区 ${c.id} 的「${s.table}」行重复送达`);
          table.lines.set(c.id, Buffer.from([...tableCsvPieces(s.table, s.rows, false)].join(''), 'utf8'));
        }
    } catch (e) {
      this.fail(e instanceof Error ? e.message : String(e));
      return;
    }
    if (--this.districtsLeft === 0) this.allDistricts.resolve();
  }

  /** A table's CSV from its compounds' lines in table order, each also written to `file` when given. */
  private *districtPieces(table: TableName, file: string | undefined): Generator<Uint8Array> {
    const { order, lines } = this.fromDistricts.get(table)!;
    const fd = file === undefined ? undefined : openSync(file, 'w');
    try {
      const header = Buffer.from([...tableCsvPieces(table, [])].join(''), 'utf8');
      if (fd !== undefined) writeSync(fd, header);
      yield header;
      for (const id of order) {
        const raw = lines.get(id);
        // The order said this compound has rows here: a district that did not bring them would drop them.
        if (raw === undefined) throw new Error(`「${table}」表中小区 ${id} 的行没有随区级数据包送达`);
        lines.delete(id);
        if (fd !== undefined) writeSync(fd, raw);
        yield raw;
      }
      if (lines.size > 0) throw new Error(`「${table}」表有 ${lines.size} 个小区的行不在表的顺序中`);
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }

  private async table(t: CityTable, asOf: string): Promise<Deflated> {
    let pieces: Iterable<Uint8Array> | AsyncIterable<Uint8Array>;
    if (this.fromDistricts.has(t.table)) {
      await this.allDistricts.promise;
      pieces = this.districtPieces(t.table, t.csv?.file);
    } else pieces = this.feeds.get(t.table)!.pieces(t.table, t.csv?.file);
    const deflated = await deflate(pieces);
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
    for (const table of this.fromDistricts.values()) table.lines.clear();
    this.allDistricts.resolve();
  }
}
