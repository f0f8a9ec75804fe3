/**
 * Read a file line by line in fixed-size chunks, synchronously: the history is
 * needed by synchronous page helpers, and a log or cache entry can be larger
 * than V8's longest string, so no step may hold a whole file.
 */
import { closeSync, openSync, readSync } from 'node:fs';

const CHUNK = 1 << 20;

/** Calls `line` for every line of the file (without its `\n`), in order. */
export function forEachLine(file: string, line: (text: string) => void): void {
  const fd = openSync(file, 'r');
  const buf = Buffer.allocUnsafe(CHUNK);
  // A stream decoder keeps a multi-byte character split across two chunks whole.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let rest = '';
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, CHUNK, null);
      const text = rest + decoder.decode(buf.subarray(0, n), { stream: n > 0 });
      let start = 0;
      for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
        line(text.slice(start, nl));
        start = nl + 1;
      }
      rest = text.slice(start);
      if (n === 0) break;
    }
    if (rest !== '') line(rest);
  } finally {
    closeSync(fd);
  }
}
