/**
 * File versions (git blobs) read one after another, synchronously, from one
 * `git cat-file --batch` that stays alive for the whole read: a packed clone
 * stores a table's versions as chains of deltas, and one process keeps the
 * chain's bases in its cache where a process per version would inflate the
 * chain again for every version (4× the CPU at 1,000 compounds, and growing
 * with the chain). Git writes into a named pipe that is read with blocking
 * reads, so at most one version is in flight and the history stays
 * synchronous. Where there are no named pipes (Windows) each version is one
 * `git cat-file blob`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, constants, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { GIT_ENV } from './git-log.ts';

export interface Blobs {
  /** The next version asked for at `open` (the same order), with the path it is a version of for messages. */
  next(id: string, file: string): Buffer;
  /**
   * The next version like `next`, but only `head` (its first bytes, known already) and what follows
   * byte `from`: the rest passes through a small buffer and is never held.
   */
  tail(id: string, file: string, from: number, head: Buffer): Buffer;
  /** A version no longer used: its memory may hold a later one. */
  release(text: Buffer): void;
  close(): void;
}

/** A failure of git reading a version: its message goes to staff as the reason. */
export class BlobFailed extends Error {}

// The largest table's versions are the chain worth caching; git's default (96 MiB) is below a city's ledger.
const DELTA_CACHE = ['-c', 'core.deltaBaseCacheLimit=512m'];

/** Reads `ids` in order; `dir` is a private scratch folder for the pipe and git's messages. */
export function openBlobs(
  root: string,
  ids: readonly string[],
  dir: string,
  pipe = process.platform !== 'win32',
): Blobs {
  if (pipe && spawnSync('mkfifo', [path.join(dir, 'blobs')]).status === 0) return streamed(root, ids, dir);
  return oneByOne(root);
}

function oneByOne(root: string): Blobs {
  return {
    next(id, file) {
      const r = spawnSync('git', ['cat-file', 'blob', id], {
        cwd: root,
        env: { ...process.env, ...GIT_ENV },
        maxBuffer: 2 ** 32,
      });
      if (r.status !== 0 || r.error)
        throw new BlobFailed(said(file, id, r.error?.message ?? r.stderr.toString('utf8')));
      return r.stdout;
    },
    tail(id, file, from, head) {
      return Buffer.concat([head, this.next(id, file).subarray(from)]);
    },
    release() {},
    close() {},
  };
}

function said(file: string, id: string, git: string): string {
  const text = git.trim().split('\n').filter(Boolean).slice(-2).join(' ');
  return `git cat-file 出错:读不到 ${file} 的版本 ${id}${text ? `(${text})` : ''}`;
}

function streamed(root: string, ids: readonly string[], dir: string): Blobs {
  const fifo = path.join(dir, 'blobs');
  const errFile = path.join(dir, 'git-stderr');
  writeFileSync(path.join(dir, 'ids'), ids.map((id) => `${id}\n`).join(''));
  const input = openSync(path.join(dir, 'ids'), 'r');
  const err = openSync(errFile, 'w');
  // The reading end first (without waiting for a writer), then the writing end git gets; the
  // blocking reading end is opened while that writer is still held, so it never waits either,
  // and once the writer is closed here, the end of git's output is the end of the pipe.
  const probe = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
  const out = openSync(fifo, constants.O_WRONLY);
  const child = spawn('git', [...DELTA_CACHE, 'cat-file', '--batch'], {
    cwd: root,
    env: { ...process.env, ...GIT_ENV },
    stdio: [input, out, err],
  });
  // A git that cannot start is reported by the missing output; the event would come too late.
  child.on('error', () => {});
  const fd = openSync(fifo, 'r');
  for (const f of [probe, out, input, err]) closeSync(f);
  const reader = new PipeReader(fd, new Pool());
  const failed = (id: string, file: string, what: string) => {
    let stderr = '';
    try {
      stderr = readFileSync(errFile, 'utf8');
    } catch {
      // No message kept: say what was seen instead.
    }
    return new BlobFailed(said(file, id, stderr || what));
  };
  const size = (id: string, file: string) => {
    const head = reader.line();
    if (head === undefined) throw failed(id, file, 'git 提前结束');
    const m = /^([0-9a-f]+) blob (\d+)$/.exec(head);
    if (!m || m[1] !== id) throw failed(id, file, head);
    return Number(m[2]);
  };
  // Each version is followed by a newline of git's own.
  const ended = (body: Buffer | undefined, id: string, file: string) => {
    if (!body || reader.exactly(1)?.[0] !== 0x0a) throw failed(id, file, 'git 的输出在一个版本中间结束');
    return body;
  };
  return {
    next(id, file) {
      return ended(reader.exactly(size(id, file)), id, file);
    },
    tail(id, file, from, head) {
      const n = size(id, file);
      if (from > n || !reader.skip(from)) throw failed(id, file, 'git 的输出在一个版本中间结束');
      return ended(reader.exactly(n - from, head), id, file);
    },
    release(text) {
      reader.pool.put(text);
    },
    close() {
      closeSync(fd);
      // Asked for less than listed (an error): git would wait on the closed pipe otherwise.
      if (child.exitCode === null) child.kill();
    },
  };
}

/**
 * Memory of versions no longer used, for the next ones: writing a city's ledger into freshly
 * allocated memory costs the kernel a page fault per 4 KB (9 s of system CPU for 1.1 GB of
 * versions at 5,000 compounds, against 0.5 s into memory used before). Only the largest free
 * block is kept: three kept 1,110 MiB at 15,000 against 958 MiB for one, for no measurable CPU.
 */
class Pool {
  private readonly free: ArrayBuffer[] = [];

  take(n: number): Buffer {
    let best = -1;
    this.free.forEach((b, i) => {
      if (b.byteLength >= n && (best === -1 || b.byteLength < this.free[best]!.byteLength)) best = i;
    });
    // Room to grow (the next version of a table is usually longer); pages never written take no memory.
    const memory = best === -1 ? new ArrayBuffer(n + (n >> 1)) : this.free.splice(best, 1)[0]!;
    return Buffer.from(memory, 0, n);
  }

  put(text: Buffer): void {
    if (text.byteLength < 1 << 20 || this.free.includes(text.buffer as ArrayBuffer)) return;
    this.free.push(text.buffer as ArrayBuffer);
    this.free.sort((a, b) => b.byteLength - a.byteLength);
    this.free.length = Math.min(this.free.length, 1);
  }
}

/** Blocking reads from a pipe: lines of git's headers and exact runs of bytes for the versions. */
class PipeReader {
  private readonly fd: number;
  readonly pool: Pool;
  private buf = Buffer.allocUnsafe(1 << 16);
  private from = 0;
  private to = 0;
  constructor(fd: number, pool: Pool) {
    this.fd = fd;
    this.pool = pool;
  }

  private fill(): boolean {
    if (this.from === this.to) this.from = this.to = 0;
    if (this.to === this.buf.length) {
      const bigger = Buffer.allocUnsafe(this.buf.length * 2);
      this.buf.copy(bigger, 0, this.from, this.to);
      this.to -= this.from;
      this.from = 0;
      this.buf = bigger;
    }
    const n = readSync(this.fd, this.buf, this.to, this.buf.length - this.to, null);
    this.to += n;
    return n > 0;
  }

  line(): string | undefined {
    for (;;) {
      const nl = this.buf.indexOf(0x0a, this.from);
      if (nl !== -1 && nl < this.to) {
        const text = this.buf.toString('utf8', this.from, nl);
        this.from = nl + 1;
        return text;
      }
      if (!this.fill()) return undefined;
    }
  }

  /** Passes over the next `n` bytes through the small buffer; false when the pipe ends before them. */
  skip(n: number): boolean {
    for (let left = n; left > 0;) {
      if (this.from === this.to && !this.fill()) return false;
      const k = Math.min(left, this.to - this.from);
      this.from += k;
      left -= k;
    }
    return true;
  }

  /** `head`, then the next `n` bytes, or undefined when the pipe ends before them. */
  exactly(n: number, head: Buffer = Buffer.alloc(0)): Buffer | undefined {
    const size = head.length + n;
    const out = size >= 1 << 20 ? this.pool.take(size) : Buffer.allocUnsafe(size);
    head.copy(out);
    const have = Math.min(n, this.to - this.from);
    this.buf.copy(out, head.length, this.from, this.from + have);
    this.from += have;
    // The rest straight into the result: a city's ledger is not copied twice.
    for (let at = head.length + have; at < size;) {
      const got = readSync(this.fd, out, at, size - at, null);
      if (got === 0) return undefined;
      at += got;
    }
    return out;
  }
}
