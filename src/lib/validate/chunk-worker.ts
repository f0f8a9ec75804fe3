/**
 * The check's second thread (chunk-pool.ts, which keeps it for the process's next check): reads
 * the fund ledger's chunks of a check as soon as the check sends them, and checks each with the
 * rules once the main thread has sent their context (chunk-context.ts). Every answer goes back by
 * the chunk's index; the main thread takes them in chunk order, so the check's messages and cache
 * do not depend on which thread did the work. A chunk whose rules read what was not sent, or fail,
 * is left unanswered: the main thread checks it itself (and reports a real failure as it always does).
 */
import { parentPort } from 'node:worker_threads';
import { checkRead, chunkBytes, readChunk } from './ledger-chunks.ts';
import { chunkContextFrom, type ChunkContextData } from './chunk-context.ts';
import { claimFrom, type ChunkReply, type ChunkTask, type ToChunkWorker } from './chunk-pool.ts';
import { packChunk } from './ledger-pack.ts';
import { checkTable, readTable } from './table-on-worker.ts';

const port = parentPort;
if (!port) throw new Error('chunk-worker.ts runs as a worker thread');

const reply = (r: ChunkReply) => port.postMessage(r);

// One check at a time (the pool gives this thread another only once it has said done): its context, when sent.
let context: ChunkContextData | undefined;
let gotContext: (data: ChunkContextData) => void = () => {};

port.on('message', (m: ToChunkWorker) => {
  if ('task' in m) void run(m.task);
  else {
    context = m.context;
    gotContext(m.context);
  }
});

async function run({ split, chunks, file, next, withRows, table }: ChunkTask): Promise<void> {
  context = undefined;
  const contextCame = new Promise<ChunkContextData>((resolve) => (gotContext = resolve));
  // The table first: the main thread takes the ledger's chunks this thread has not started once its own work is done.
  if (table) {
    let answer;
    try {
      answer = checkTable(table, readTable(table), await contextCame);
    } catch {
      // Unanswered: the main thread reads and checks it.
    }
    reply({ table: answer });
  }
  const read: { index: number; chunk: ReturnType<typeof readChunk> }[] = [];

  function check({ index, chunk }: (typeof read)[number], data: ChunkContextData): void {
    const touched = new Set<string>();
    try {
      const result = checkRead(chunk.read, chunk.quoteBroken, chunkContextFrom(data, touched));
      const { rows, rejected = [] } = chunk.read.table;
      // By column (ledger-pack.ts): cheaper to send than the row objects, and the main thread packs nothing again.
      const typed = withRows ? packChunk({ rows, rejected, quoteBroken: chunk.quoteBroken }) : undefined;
      reply({ index, result: { ...result, reads: [...touched] }, rows: typed });
    } catch {
      // Unanswered: the main thread checks it.
    }
  }

  // Read ahead while the main thread gathers the context; once it is here, check what was read, then read and check in turn.
  for (let job = chunks[0]; job; job = claimFrom(next, chunks)) {
    const { index } = job;
    try {
      read.push({ index, chunk: readChunk(chunkBytes(split, index), file) });
    } catch {
      // Unanswered: the main thread reads and checks it.
    }
    if (!context) await new Promise((resolve) => setImmediate(resolve)); // lets the context's message in
    if (context) for (const r of read.splice(0)) check(r, context);
  }
  const data = await contextCame;
  for (const r of read.splice(0)) check(r, data);
  // Nothing of this check stays here while the thread waits for the next.
  context = undefined;
  gotContext = () => {};
  reply({ done: true });
}
