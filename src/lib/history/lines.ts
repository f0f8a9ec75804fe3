/**
 * Read a file line by line in fixed-size chunks, synchronously: the history is
 * needed by synchronous page helpers, and a log or cache entry can be larger
 * than V8's longest string, so no step may hold a whole file.
 */
import { closeSync, openSync, readSync } from 'node:fs';

const CHUNK = 1 << 20;
const NL = 0x0a;

/** Calls `line` for every line of the file (without its `\n`), in order. */
export function forEachLine(file: string, line: (text: string) => void): void {
  const fd = openSync(file, 'r');
  let buf = Buffer.allocUnsafe(CHUNK);
  // Bytes after the last newline of the previous read: the start of a line not yet complete.
  let kept = 0;
  try {
    for (;;) {
      if (kept === buf.length) {
        // One line longer than the buffer (a long quoted cell): grow instead of splitting it.
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, kept);
        buf = bigger;
      }
      const n = readSync(fd, buf, kept, buf.length - kept, null);
      const end = kept + n;
      if (n === 0) {
        // End of file: what is left is the last line, without a newline after it.
        if (end > 0) line(buf.toString('utf8', 0, end));
        break;
      }
      // A newline byte is never inside a UTF-8 sequence: decoding up to it never splits a character.
      const last = buf.lastIndexOf(NL, end - 1) + 1;
      if (last > 0) {
        const text = buf.toString('utf8', 0, last - 1);
        let start = 0;
        for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
          line(text.slice(start, nl));
          start = nl + 1;
        }
        line(text.slice(start));
        buf.copy(buf, 0, last, end);
        kept = end - last;
      } else kept = end;
    }
  } finally {
    closeSync(fd);
  }
}
