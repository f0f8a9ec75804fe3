/**
 * `npm run check` from a cache: each table's own problems (reading, typing) and each rule
 * step's result (rules/index.ts) are kept under the hashes of exactly what they read, so an
 * unchanged city is hashed, not parsed, and a changed table re-reads only itself and the tables
 * the re-run steps read. Tables are read lazily: a step that touches a table's rows (or its
 * header, meta, content) records it, so what a kept result depends on is observed, never
 * declared by hand. The fund ledger is read and checked in chunks (ledger-chunks.ts), so an edit
 * to one compound's rows reads those rows again, not the city's ledger. A step that only asks
 * which ids a table holds depends on `ids:<table>` (those ids), not on the table's bytes. With
 * `keepRows` (the incremental build, once.ts) the typed rows are kept too, by column
 * (kept-rows.ts), per table and per ledger chunk, so `dataset()` types only what changed. The rules are the full
 * check's (index.ts `runSteps`), and so is every
 * table's reading (dataset/load.ts): tests/unit/validate/check-cache.test.ts holds the two
 * checks to the same issues over random edits of a fixture.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sortIssues } from '../messages/catalogue.ts';
import type { DataIssue } from '../messages/issue.ts';
import { TABLE_NAMES, type TableName } from '../schema/tables.ts';
import { loadContent } from '../dataset/content.ts';
import { codeDigest, sourcesDigest } from '../dataset/digest.ts';
import { readMeta, tableFile, tableFromBytes } from '../dataset/load.ts';
import { compactRowList } from '../dataset/compact.ts';
import { resolveDirs, type DatasetOptions } from '../dataset/options.ts';
import type { ContentEntry, Dataset, ParsedTable, ParsedTables } from '../dataset/types.ts';
import { CheckCache, type Inputs } from './check-cache.ts';
import { locator, runSteps } from './index.ts';
import { idIndex, idsInFileOrder, provideIds, releaseIds, type IdIndex } from './rules/util.ts';
import { personNames } from './rules/privacy.ts';
import {
  assemble,
  checkChunk,
  chunkBytes,
  chunkHash,
  CHUNKED_STEPS,
  splitLedger,
  readChunk,
  tableFromChunks,
  type ChunkResult,
  type ChunkRows,
  type LedgerFromChunks,
  type LedgerSplit,
} from './ledger-chunks.ts';
import { appendOnlyFromChunks } from './ledger-append-chunks.ts';
import { CONTEXT_TABLES } from './chunk-context.ts';
import { startChunkWorker, type ChunkWorker, type KeptChunk } from './chunk-pool.ts';
import type { OutsideKeys, RuleContext, Step, StepResult } from './types.ts';
import { lazyTable } from './lazy-table.ts';
import { packChunk, packedFromChunks, unpackChunk, type PackedChunk } from './ledger-pack.ts';
import type { SnapshotDataset } from './snapshot.ts';
import type { PackedTable } from './snapshot-tables.ts';
import { keepChunkRows, keepTable, keptChunkRows, keptTable, type KeptChunkRows, type KeptTable } from './kept-rows.ts';
import { idsDigest as tableIdsDigest, type TableAnswer } from './table-on-worker.ts';
import { bytesHash, contentHash, MISSING, sha256 } from './inputs.ts';

const FORMAT = 'gongshi-check-1';

function bytesOf(abs: string): Buffer | undefined {
  try {
    return readFileSync(abs);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** A file's bytes in memory another thread reads without a copy (the ledger, for the check's worker: chunk-pool.ts). */
function sharedBytesOf(abs: string): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(abs, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  try {
    const size = fstatSync(fd).size;
    const bytes = Buffer.from(new SharedArrayBuffer(size));
    let at = 0;
    for (let n = 1; at < size && n > 0; at += n) n = readSync(fd, bytes, at, size - at, at);
    return bytes.subarray(0, at);
  } finally {
    closeSync(fd);
  }
}

let code: string | undefined;

/**
 * The checker's code as it runs (src/lib; src/pages, whose routes the MDX guard reads; the locked
 * dependencies; Node): a changed rule never reuses a result.
 */
export function checkerCode(): string {
  // the code of a running process does not change
  code ??= codeDigest([
    fileURLToPath(new URL('..', import.meta.url)),
    fileURLToPath(new URL('../../pages', import.meta.url)),
  ]);
  return code;
}

export interface CachedCheck {
  issues: DataIssue[];
  tables: number;
  rows: number;
  articles: number;
  /** Data files and the content folder (`files`), rule steps (`steps`): how many, and how many came from the cache. */
  files: { all: number; reused: number };
  steps: { all: number; reused: number };
  /**
   * The fund ledger's chunks read (ledger-chunks.ts), when it had to be checked: how many, how
   * many from the cache; and whether they stood for the file. `compared`: how many of them the
   * append-only rule compared with the published base (ledger-append-chunks.ts), when it ran
   * from the chunks rather than the whole files. `onWorker`: how many of them the worker thread
   * checked (chunk-pool.ts), when it ran, and `thread` its id (kept for the process's next check).
   */
  chunks: { all: number; reused: number; used: boolean; compared?: number; onWorker?: number; thread?: number };
  /** The tables the worker thread read, typed and checked (table-on-worker.ts): their rows are not on this thread. */
  tablesOnWorker: TableName[];
  /** The tables read and typed from their files so far (with `keepRows`, the others come from the cache). */
  typed: TableName[];
  /**
   * Each table's file hash (sha256 of its bytes; a constant when it is missing): under this run's
   * key, the same hash gives the same rows, which is how the rows are kept.
   */
  tableHashes: ReadonlyMap<TableName, string>;
  /** The hashes of what it read, taken before reading: `meta`, `table:<name>`, `content` (a snapshot's key, snapshot.ts). */
  inputs: ReadonlyMap<string, string>;
  /**
   * The whole checked dataset, as the full check gives it, for a validated snapshot
   * (snapshot.ts): every table and the content read now if the check did not need them.
   */
  dataset(): Promise<Dataset>;
  /** The same for writing the snapshot: the ledger by column as its chunks were packed when typed (`wholeDataset`). */
  snapshotDataset(): Promise<SnapshotDataset>;
}

/** Thrown by the context when a step reads content that was not loaded (it was unchanged): load it and run the step again. */
const NEEDS_CONTENT = Symbol('needs content');
/** Thrown while the worker still checks the ledger's chunks: the step runs again after the others (index.ts `runSteps`). */
const NEEDS_LEDGER = Symbol('needs the ledger');

export interface CheckOptions {
  /**
   * Keep each table's typed rows and the content's entries too (the build, which needs them all:
   * `dataset()` then types only the files that changed); `npm run check` does not pay to write them.
   */
  keepRows?: boolean;
  /**
   * A worker thread checks the fund ledger's chunks (chunk-pool.ts) when at least this many are
   * not in the cache: below that, starting it costs more than it saves. Not with `keepRows`,
   * whose typed chunks the main thread keeps.
   */
  workerChunks?: number;
  /**
   * The caller takes `dataset()` (a validated snapshot, `npm run check -- --snapshot`, or a full
   * build's gate): the ledger's chunks keep the rows they were typed into, in memory, the worker's
   * sent back with its answers, so the city's ledger is not typed a second time. The revenue table
   * is then typed on this thread: sent back by column too, it cost both threads more than typing it
   * here (bench/README.md, "the build's gate on two threads").
   */
  wholeDataset?: boolean;
  /**
   * The caller keeps the rows until it exits (a build): each table and ledger chunk typed on this
   * thread has its long cells copied off the file's text (dataset/compact.ts) as it is typed; what
   * the worker typed comes back as copies already.
   */
  ownStrings?: boolean;
}

const WORKER_CHUNKS = 16;
/**
 * The table the worker reads, types and checks before the ledger's chunks, with the ledger's
 * chunks on it (table-on-worker.ts): the largest after the ledger, and read by no rule but its own.
 */
const WORKER_TABLE: TableName = 'public_revenue';

/**
 * The check of `opts`' folders, its results kept in `cacheDir`; without a folder nothing is read
 * from a cache or kept: the full check on two threads (a full build's gate, once.ts).
 */
export async function checkWithCache(
  opts: DatasetOptions,
  cacheDir: string | undefined,
  { keepRows = false, workerChunks = WORKER_CHUNKS, wholeDataset = false, ownStrings = false }: CheckOptions = {},
): Promise<CachedCheck> {
  const { root, dataDir, contentDir } = resolveDirs(opts);
  const cache = new CheckCache(cacheDir, JSON.stringify([FORMAT, checkerCode(), root, dataDir, contentDir]));
  const current = new Map<string, string>();
  const { meta, issues: metaIssues, bytes: metaBytes } = await readMeta(root, dataDir);
  current.set('meta', bytesHash(metaBytes));
  // The ledger's bytes (and the worker's table's) are kept as hashed: a city's 150 MB are then read and hashed once, not again for its chunks.
  let ledgerBytes: Buffer | undefined;
  let workerTableBytes: Buffer | undefined;
  const shared = (name: TableName) => !keepRows && (name === 'fund_ledger' || (name === WORKER_TABLE && !wholeDataset));
  for (const name of TABLE_NAMES) {
    const { abs } = tableFile(name, root, dataDir);
    const bytes = shared(name) ? sharedBytesOf(abs) : bytesOf(abs);
    current.set(`table:${name}`, bytesHash(bytes));
    if (name === 'fund_ledger') ledgerBytes = bytes;
    else if (shared(name)) workerTableBytes = bytes;
  }
  current.set('content', contentHash(contentDir));
  const files = { all: 0, reused: 0 };
  const steps = { all: 0, reused: 0 };
  const hashOf = (input: string): string | undefined => {
    if (!input.startsWith('ids:') || current.has(input)) return current.get(input);
    const name = input.slice(4) as TableName;
    if (!TABLE_NAMES.includes(name) || name === 'fund_ledger') return undefined;
    current.set(input, idsDigest(name));
    return current.get(input);
  };
  const inputsOf = (names: Iterable<string>): Inputs => [...names].map((n) => [n, hashOf(n) ?? MISSING]);

  // ── tables, read only when something needs their rows ─────────────────────
  let touched: Set<string> | undefined;
  const bytesAsHashed = (name: TableName) => {
    const { file, abs } = tableFile(name, root, dataDir);
    const bytes = bytesOf(abs);
    // The hash stands for these bytes in every entry written below.
    if (bytesHash(bytes) !== hashOf(`table:${name}`))
      throw new Error(`${file} 在检查过程中被改动了,请重新运行 npm run check`);
    return bytes;
  };
  const loaded = new Map<TableName, { table: ParsedTable<unknown>; issues: DataIssue[] }>();
  const typed: TableName[] = [];
  const typedNow = (name: TableName) => {
    if (!typed.includes(name)) typed.push(name);
  };
  const load = (name: TableName) => {
    let r = loaded.get(name);
    if (r) return r;
    if (name === WORKER_TABLE && tablePending()) throw NEEDS_LEDGER;
    const kept = keepRows
      ? (cache.get(`rows-${name}`, hashOf) as { table: KeptTable; issues: DataIssue[] } | undefined)
      : undefined;
    r = kept
      ? { table: keptTable(kept.table), issues: kept.issues }
      : tableFromBytes(name, tableFile(name, root, dataDir).file, bytesAsHashed(name));
    if (!kept) typedNow(name);
    if (!kept && ownStrings) compactRowList(r.table.rows);
    if (keepRows && !kept)
      cache.put(`rows-${name}`, inputsOf([`table:${name}`]), { table: keepTable(r.table), issues: r.issues });
    loaded.set(name, r);
    return r;
  };
  // A step that only asks which ids a table holds depends on those ids, not on the table's other
  // cells: a ledger chunk's references stay kept when a compound's name or note is edited.
  const idIndexes = new Map<TableName, IdIndex>();
  const idsIndex = (name: TableName) => {
    let ids = idIndexes.get(name);
    if (!ids) idIndexes.set(name, (ids = idIndex(idsInFileOrder(load(name).table as never))));
    return ids;
  };
  function idsDigest(name: TableName): string {
    const kept = cache.get(`ids-${name}`, hashOf) as string | undefined;
    if (kept !== undefined) return kept;
    const digest = fromWorker?.name === name ? fromWorker.ids : tableIdsDigest(load(name).table);
    cache.put(`ids-${name}`, inputsOf([`table:${name}`]), digest);
    return digest;
  }
  const tableView = (name: TableName): ParsedTable<unknown> => {
    const get = () => {
      if (name === 'fund_ledger' && ledgerPending()) throw NEEDS_LEDGER;
      touched?.add(`table:${name}`);
      return load(name).table;
    };
    return lazyTable(name, tableFile(name, root, dataDir).file, get, () => {
      // Ledger chunks that stand for the file were read from it: a readable file.
      if (name === 'fund_ledger' && ledgerFromChunks()) {
        touched?.add(`table:${name}`);
        return undefined;
      }
      if (name === 'fund_ledger') return get().unreadable;
      // Part of what the table's ids say (idsDigest): whether there are any to know.
      touched?.add(`ids:${name}`);
      return load(name).table.unreadable;
    });
  };
  const tables = Object.fromEntries(TABLE_NAMES.map((n) => [n, tableView(n)])) as unknown as ParsedTables;

  let content: ContentEntry[] | undefined;
  let names: string[] | undefined;
  const readContent = () => {
    const kept = keepRows ? (cache.get('content-entries', hashOf) as ContentEntry[] | undefined) : undefined;
    content = kept ?? loadContent(root, contentDir).entries;
    if (keepRows && !kept) cache.put('content-entries', inputsOf(['content']), content);
    return content;
  };
  const ctx: RuleContext = {
    root,
    get meta() {
      touched?.add('meta');
      return meta;
    },
    tables,
    get content() {
      touched?.add('content');
      if (content === undefined) throw NEEDS_CONTENT;
      return content;
    },
    at: locator(tables),
    personNames: () => {
      const from: Inputs = inputsOf(['table:committee_members', 'table:honours']);
      for (const [input] of from) touched?.add(input);
      names ??= cache.get('person-names', hashOf) as string[] | undefined;
      if (names) return names;
      names = personNames(ctx);
      cache.put('person-names', from, names);
      return names;
    },
  };

  // ── the fund ledger from its chunks (ledger-chunks.ts), when it has to be checked ──
  const chunks: CachedCheck['chunks'] = { all: 0, reused: 0, used: false };
  const tablesOnWorker: TableName[] = [];
  let fromChunks: LedgerFromChunks | null | undefined; // null: the chunks cannot stand for the file
  let chunkReads: string[] = [];
  // The split and its chunks' results, for the append-only rule (ledger-append-chunks.ts).
  let ledgerParts: { split: LedgerSplit; results: ChunkResult[]; hashes: string[]; ids: IdIndex } | undefined;
  const chunkContext = (chunk: ParsedTable<unknown>): RuleContext => {
    const withChunk = { ...tables, fund_ledger: chunk } as ParsedTables;
    return {
      root,
      get meta() {
        return ctx.meta;
      },
      tables: withChunk,
      get content() {
        return ctx.content;
      },
      at: locator(withChunk),
      personNames: () => ctx.personNames?.() ?? [],
    };
  };
  // This run's typed chunks by their chunkHash, by column (wholeDataset), for the snapshot's ledger.
  const typedChunks = new Map<string, PackedChunk>();
  const keepsChunks = keepRows || wholeDataset;
  const keepChunk = (hash: string) => (rows: ChunkRows) => {
    typedNow('fund_ledger');
    if (ownStrings) compactRowList(rows.rows);
    if (wholeDataset) typedChunks.set(hash, packChunk(rows));
    if (keepRows) cache.put(`rows-chunk-${hash}`, [], keepChunkRows(rows));
  };
  /** The ledger's split as the check hashed it (the file as it read it), unless it was read whole. */
  const ledgerSplit = (): LedgerSplit | undefined => {
    if (loaded.has('fund_ledger')) return undefined;
    if (early) return early.split;
    const bytes = bytesAsHashed('fund_ledger');
    return bytes && splitLedger(bytes);
  };
  const hashAt = (split: LedgerSplit, index: number) => early?.hashes[index] ?? chunkHash(split, index);
  /** A chunk neither typed in this run nor kept, typed now (and kept as the check keeps its chunks). */
  const typeChunk = (split: LedgerSplit, index: number, hash: string): ChunkRows => {
    const { read, quoteBroken } = readChunk(chunkBytes(split, index), tableFile('fund_ledger', root, dataDir).file);
    const own = { rows: read.table.rows, rejected: read.table.rejected ?? [], quoteBroken };
    keepChunk(hash)(own);
    return own;
  };
  /**
   * The ledger for the build or a snapshot from its chunks' rows typed in this run or kept in the
   * cache (keyed by each chunk's hash), typing only the chunks that have neither; the whole read (and its kept rows) when the chunks cannot stand for it.
   */
  const ledgerTable = (): ParsedTable<unknown> => {
    const whole = loaded.get('fund_ledger');
    if (whole) return whole.table;
    const split = ledgerSplit();
    if (split) {
      const rows = split.chunks.map((_, index) => {
        const hash = hashAt(split, index);
        const packed = typedChunks.get(hash);
        if (packed) return unpackChunk(packed);
        const kept = keepRows ? (cache.get(`rows-chunk-${hash}`, hashOf) as KeptChunkRows | undefined) : undefined;
        return kept ? keptChunkRows(kept) : typeChunk(split, index, hash);
      });
      const table = tableFromChunks(split, tableFile('fund_ledger', root, dataDir).file, rows);
      if (table) return table;
    }
    return load('fund_ledger').table;
  };
  /** The ledger by column from this run's packed chunks (`wholeDataset`), typing those it lacks; else as ledgerTable. */
  const packedLedger = (): ParsedTable<unknown> | PackedTable => {
    const split = wholeDataset ? ledgerSplit() : undefined;
    const packed =
      split &&
      packedFromChunks(
        split,
        tableFile('fund_ledger', root, dataDir).file,
        split.chunks.map((_, index) => {
          const hash = hashAt(split, index);
          if (!typedChunks.has(hash)) typeChunk(split, index, hash);
          return typedChunks.get(hash) as PackedChunk;
        }),
      );
    return packed ?? ledgerTable();
  };
  /** One chunk checked on this thread, with what its rules read. */
  const checkHere = (split: LedgerSplit, index: number, hash: string): KeptChunk => {
    const outer = touched;
    touched = new Set();
    try {
      const { file } = tableFile('fund_ledger', root, dataDir);
      const result = checkChunk(
        chunkBytes(split, index),
        file,
        chunkContext,
        keepsChunks ? keepChunk(hash) : undefined,
      );
      // Copied as the worker's answers are (chunk-pool.ts): the entry's bytes then do not depend on the thread.
      return structuredClone({ ...result, reads: [...touched] });
    } finally {
      touched = outer;
    }
  };
  const ledgerFromChunks = (): LedgerFromChunks | undefined => {
    if (ledgerPending()) throw NEEDS_LEDGER;
    if (fromChunks !== undefined) return fromChunks ?? undefined;
    fromChunks = null;
    const bytes = ledgerBytes;
    ledgerBytes = undefined; // read by the chunks or not at all: the whole read takes the file again
    const split = early ? early.split : bytes && splitLedger(bytes);
    if (!split) return undefined;
    const { file } = tableFile('fund_ledger', root, dataDir);
    const outer = touched; // a step asking for the ledger's ids records the ledger, not what its chunks read
    const reads = new Set<string>();
    const results: ChunkResult[] = [];
    const hashes: string[] = [];
    try {
      for (const index of split.chunks.keys()) {
        chunks.all++;
        const hash = early?.hashes[index] ?? chunkHash(split, index);
        hashes.push(hash);
        const name = `chunk-fund_ledger-${hash}`;
        let kept = cache.get(name, hashOf) as KeptChunk | undefined;
        if (kept) chunks.reused++;
        else {
          kept = answers?.get(index) ?? checkHere(split, index, hash);
          cache.put(name, inputsOf(kept.reads), kept);
        }
        for (const r of kept.reads) reads.add(r);
        results.push(kept);
      }
    } finally {
      touched = outer;
    }
    fromChunks = assemble(split, file, results) ?? null;
    chunks.used = fromChunks !== null;
    if (fromChunks) ledgerParts = { split, results, hashes, ids: fromChunks.ids };
    chunkReads = [...reads];
    return fromChunks ?? undefined;
  };
  // A step that asks for a table's ids read them (the ledger's: the file), though another step counted them first.
  for (const name of TABLE_NAMES)
    provideIds(tables[name], () => {
      if (name !== 'fund_ledger') {
        touched?.add(`ids:${name}`);
        return idsIndex(name);
      }
      touched?.add(`table:${name}`);
      return ledgerFromChunks()?.ids;
    });

  // ── the ledger's chunks on a second core (chunk-pool.ts), when many must be checked ──
  let answers: Map<number, KeptChunk> | undefined;
  let fromWorker: TableAnswer | undefined;
  const ledgerPending = () => early?.worker !== undefined && answers === undefined;
  const tablePending = () => early?.table !== undefined && answers === undefined;
  const early = keepRows ? undefined : startLedger();
  workerTableBytes = undefined; // sent, or read again from the file if a rule needs its rows here
  function startLedger():
    { split: LedgerSplit; hashes: string[]; worker?: ChunkWorker; table?: TableName } | undefined {
    if (!ledgerBytes || cache.get('table-fund_ledger', hashOf) !== undefined) return undefined;
    const split = splitLedger(ledgerBytes);
    if (!split) return undefined;
    const hashes = split.chunks.map((_, index) => chunkHash(split, index));
    const jobs = hashes.flatMap((hash, index) => (cache.has(`chunk-fund_ledger-${hash}`) ? [] : [{ index }]));
    if (jobs.length < workerChunks) return { split, hashes };
    // Its rows are not needed here unless a rule the worker cannot serve reads them: then this thread types them after all.
    const table =
      workerTableBytes &&
      !CONTEXT_TABLES.includes(WORKER_TABLE) &&
      cache.get(`table-${WORKER_TABLE}`, hashOf) === undefined
        ? { name: WORKER_TABLE, file: tableFile(WORKER_TABLE, root, dataDir).file, bytes: workerTableBytes }
        : undefined;
    const worker = startChunkWorker(split, jobs, tableFile('fund_ledger', root, dataDir).file, wholeDataset, table);
    // What every chunk's rules read anyway: read here first, while the worker reads its chunks.
    worker.context({
      root,
      meta,
      personNames: ctx.personNames?.() ?? [],
      files: Object.fromEntries(TABLE_NAMES.map((n) => [n, tableFile(n, root, dataDir).file])) as Record<
        TableName,
        string
      >,
      tables: Object.fromEntries(CONTEXT_TABLES.map((n) => [n, load(n).table])),
    });
    return { split, hashes, worker, ...(table && { table: table.name }) };
  }

  const tableOwn = (name: TableName) => {
    files.all++;
    const kept = cache.get(`table-${name}`, hashOf) as { issues: DataIssue[]; rows: number } | undefined;
    const chunked = !kept && name === 'fund_ledger' ? ledgerFromChunks() : undefined;
    const typedThere = fromWorker?.name === name ? fromWorker : undefined;
    const own =
      kept ??
      (chunked
        ? { issues: chunked.issues, rows: chunked.rows }
        : typedThere
          ? { issues: typedThere.issues, rows: typedThere.rows }
          : { issues: load(name).issues, rows: load(name).table.rows.length });
    if (kept) files.reused++;
    else cache.put(`table-${name}`, inputsOf([`table:${name}`]), own);
    return own;
  };
  // With the ledger on the worker, the other tables and the content are read meanwhile and the ledger comes last.
  const own = new Map<TableName, { issues: DataIssue[]; rows: number }>();
  const onWorker = (name: TableName) => early?.worker && (name === 'fund_ledger' || name === early.table);
  for (const name of TABLE_NAMES) if (!onWorker(name)) own.set(name, tableOwn(name));

  // ── content ───────────────────────────────────────────────────────────────
  files.all++;
  let articles: number;
  let contentIssues: DataIssue[];
  const keptContent = cache.get('content', hashOf) as { issues: DataIssue[]; articles: number } | undefined;
  if (keptContent) {
    files.reused++;
    contentIssues = keptContent.issues;
    articles = keptContent.articles;
  } else {
    const read = loadContent(root, contentDir);
    content = read.entries;
    articles = content.length;
    cache.put('content', inputsOf(['content']), { issues: read.issues, articles });
    if (keepRows) cache.put('content-entries', inputsOf(['content']), content);
    contentIssues = read.issues;
  }

  /** When this thread's own work is done (or every step that can run without the ledger has): the chunks left, then the worker's. */
  async function ledgerReady(): Promise<void> {
    if (!early?.worker || answers) return;
    const mine = new Map<number, KeptChunk>();
    for (let job = early.worker.claim(); job; job = early.worker.claim())
      mine.set(job.index, checkHere(early.split, job.index, early.hashes[job.index] as string));
    const all = await early.worker.results();
    fromWorker = early.worker.table();
    answers = all;
    for (const [index, rows] of early.worker.rows) typedChunks.set(early.hashes[index] as string, rows);
    chunks.onWorker = answers.size;
    chunks.thread = early.worker.thread;
    for (const [index, kept] of mine) answers.set(index, kept);
    if (fromWorker) tablesOnWorker.push(fromWorker.name);
    if (early.table) own.set(early.table, tableOwn(early.table));
    own.set('fund_ledger', tableOwn('fund_ledger'));
  }

  // ── rule steps ────────────────────────────────────────────────────────────
  let texts: string | undefined;
  const keys: OutsideKeys = {
    texts: () =>
      (texts ??= sha256(
        `${sourcesDigest([path.join(root, 'src/content'), path.join(root, 'src/pages'), path.join(root, 'public')])}\0${hashOf('content')}\0${hashOf('meta')}`,
      )),
  };
  const run = async (step: Step, facts: (prefix: string) => unknown[], context = ctx) => {
    for (;;) {
      touched = new Set();
      try {
        const result = step.run(context, facts);
        return { result, read: touched };
      } catch (e) {
        if (e !== NEEDS_CONTENT) throw e;
        readContent();
      } finally {
        touched = undefined;
      }
    }
  };
  /** A ledger step from the chunks when they stand for the file; any other step run. */
  const runOrServe = async (step: Step, facts: (prefix: string) => unknown[]) => {
    if (step.name === 'ledger-append-only' && ledgerFromChunks() && ledgerParts) {
      touched = new Set();
      try {
        const compared = appendOnlyFromChunks(ctx, ledgerParts, {
          get: (key) => cache.get(key, () => undefined),
          put: (key, value) => cache.put(key, [], value),
        });
        if (compared) {
          chunks.compared = compared.compared;
          return {
            result: { issues: compared.issues },
            read: new Set(['table:fund_ledger', ...chunkReads, ...touched]),
          };
        }
      } finally {
        touched = undefined;
      }
    }
    const there = fromWorker?.steps[step.name];
    if (there) return { result: there.result, read: new Set(there.reads) };
    const served = CHUNKED_STEPS.has(step.name) || step.name === 'fund-allocations' ? ledgerFromChunks() : undefined;
    if (!served) return run(step, facts);
    const fromLedger = ['table:fund_ledger', ...chunkReads];
    const kept = served.steps.get(step.name);
    if (kept) return { result: kept, read: new Set(fromLedger) };
    // Allocations read only the ledger rows they name: those rows, as the chunks kept them.
    const named = {
      name: 'fund_ledger',
      file: tables.fund_ledger.file,
      header: [],
      rows: served.allocated,
      rejected: [],
    };
    const { result, read } = await run(step, facts, chunkContext(named as ParsedTable<unknown>));
    for (const r of fromLedger) read.add(r);
    return { result, read };
  };
  const stepResult = async (step: Step, facts: (prefix: string) => unknown[]): Promise<StepResult> => {
    const outside = step.outside?.(ctx, keys) ?? '';
    if (outside === false) return (await run(step, facts)).result;
    const withOutside = (input: string) => (input === 'outside' ? outside : hashOf(input));
    const kept = cache.get(`step-${step.name}`, withOutside) as StepResult | undefined;
    if (kept) {
      steps.reused++;
      return kept;
    }
    const { result, read } = await runOrServe(step, facts);
    cache.put(`step-${step.name}`, [['outside', outside], ...inputsOf(read)], result);
    return result;
  };
  // With the ledger on the worker, the steps that do not read it run meanwhile; those that do, after.
  const stepIssues = await runSteps(
    async (step, facts) => {
      const result = await stepResult(step, facts);
      steps.all++;
      return result;
    },
    early?.worker && { defer: NEEDS_LEDGER, ready: ledgerReady },
  );
  await ledgerReady();
  releaseIds(tables);

  const issues: DataIssue[] = [...metaIssues];
  let rows = 0;
  for (const name of TABLE_NAMES) {
    const { issues: its, rows: count } = own.get(name) as { issues: DataIssue[]; rows: number };
    for (const i of its) issues.push(i); // a table can have more issues than a call takes arguments
    rows += count;
  }
  for (const i of contentIssues) issues.push(i);
  const sorted = sortIssues([...issues, ...stepIssues]);
  const whole = async (ledger: () => ParsedTable<unknown> | PackedTable): Promise<SnapshotDataset> => ({
    meta,
    tables: Object.fromEntries(
      TABLE_NAMES.map((n) => [n, keepsChunks && n === 'fund_ledger' ? ledger() : load(n).table]),
    ),
    content: content ?? readContent(),
    issues: sorted,
  });
  return {
    issues: sorted,
    tables: TABLE_NAMES.length,
    rows,
    articles,
    files,
    steps,
    chunks,
    tablesOnWorker,
    typed,
    tableHashes: new Map(TABLE_NAMES.map((n) => [n, current.get(`table:${n}`)!])),
    inputs: current,
    dataset: () => whole(ledgerTable) as Promise<Dataset>,
    snapshotDataset: () => whole(packedLedger),
  };
}
