/**
 * What changed between two versions of a file, worked out here instead of by
 * git: asking git for patches made it write out every version of a city's
 * ledger twice per commit (two thirds of a cold read's CPU).
 *
 * A CSV version is made of records the way a CSV reader sees them (a quoted
 * cell may span lines). A ledger's usual commit inserts a few rows per compound
 * and changes nothing else, so the versions are first walked side by side in
 * native byte comparisons: equal bytes are skipped in runs, and where they
 * differ the old record is looked for a little further on in the new version
 * (rows inserted), the new one in the old (rows removed), or else both records
 * changed. When that finds too many changed records (a whole-table re-save) the
 * versions are split into records, the common start and end set aside, and the
 * rest matched as a multiset, line ends ignored (a CRLF re-save changes
 * nothing). Either way a record that kept its text is no change wherever it
 * moved; parse.ts matches the rest by id and compares them by typed value.
 * Memory: the two versions, and for a re-save three numbers and one key per
 * record.
 */

/** Where changed records go; `first` marks the file's first record (its header). */
export interface RecordSink {
  removedRecord(first: boolean, text: string): void;
  addedRecord(first: boolean, text: string): void;
}

const NL = 0x0a;
const QUOTE = 0x22;

/** How far on a record is looked for (rows inserted or removed in one place), in bytes. */
const WINDOW = 1 << 16;
/** Records changed in place before the walk gives way to the multiset (a re-save changes every record). */
const MAX_REPLACED = 256;

/** The end of the record starting at `at` (before its newline): a line with an odd count of quotes opens or closes a quoted cell that spans lines. */
export function recordEnd(buf: Buffer, at: number): number {
  let open = false;
  let pos = at;
  for (;;) {
    const nl = buf.indexOf(NL, pos);
    const end = nl === -1 ? buf.length : nl;
    if (!evenQuotes(buf, pos, end)) open = !open;
    if (!open || end >= buf.length) return end;
    pos = end + 1;
  }
}

/** Whether `buf[from, to)` holds an even count of quotes: a record starting at `from` ends at a line end before `to` only then. */
export function evenQuotes(buf: Buffer, from: number, to: number): boolean {
  // Searched within the range only: most tables have no quotes, and an open search would scan to the end each time.
  const part = buf.subarray(from, to);
  let n = 0;
  for (let q = part.indexOf(QUOTE); q !== -1; q = part.indexOf(QUOTE, q + 1)) n++;
  return n % 2 === 0;
}

/** The text of a record, line ends ignored. */
function text(buf: Buffer, start: number, end: number): string {
  const t = buf.toString('utf8', start, end);
  return t.includes('\r') ? t.replace(/\r(?=\n)|\r$/g, '') : t;
}

/** Every record of `buf[from, to)` (`from` a record start), in order. */
function eachRecord(buf: Buffer, from: number, to: number, f: (start: number, end: number) => void) {
  for (let at = from; at < to;) {
    const end = Math.min(recordEnd(buf, at), to);
    f(at, end);
    at = end + 1;
  }
}

/** How many bytes from `a[ai]` and `b[bi]` on are equal: doubling runs of memcmp, then halving into the first difference. */
function equalRun(a: Buffer, ai: number, b: Buffer, bi: number): number {
  const max = Math.min(a.length - ai, b.length - bi);
  const equal = (from: number, to: number) => a.compare(b, bi + from, bi + to, ai + from, ai + to) === 0;
  let n = 0;
  let step = 4096;
  while (n + step <= max && equal(n, n + step)) {
    n += step;
    step = Math.min(step * 2, 1 << 22);
  }
  // The first difference, if any, is within the last block compared: found byte by byte, cheaper
  // here than more native calls (a ledger's inserted rows are a few KB apart).
  const up = Math.min(n + step, max);
  while (n < up && a[ai + n] === b[bi + n]) n++;
  return n;
}

/**
 * Where the record `src[start, end)` (with its newline, if it has one) starts again in
 * `dst` at a record start within `WINDOW` bytes of `from`, or -1.
 */
function findRecord(src: Buffer, start: number, end: number, dst: Buffer, from: number): number {
  const whole = src.subarray(start, end < src.length ? end + 1 : end);
  const area = dst.subarray(from, Math.min(dst.length, from + WINDOW + whole.length));
  for (let at = area.indexOf(whole); at !== -1; at = area.indexOf(whole, at + 1)) {
    const p = from + at;
    const atLineStart = p === from || dst[p - 1] === NL;
    // A record without a newline is the file's last: it must be the last in `dst` too.
    const wholeRecord = end < src.length || p + whole.length === dst.length;
    if (atLineStart && wholeRecord && evenQuotes(dst, from, p)) return p;
  }
  return -1;
}

/** Runs of records: [from, to) byte ranges of one version, removed or added. */
type Runs = number[];

/** The walk of the two versions; undefined when it gives way to the multiset. */
function walk(old: Buffer, now: Buffer): { removed: Runs; added: Runs } | undefined {
  const removed: Runs = [];
  const added: Runs = [];
  let a = 0;
  let b = 0;
  let replaced = 0;
  for (;;) {
    const run = equalRun(old, a, now, b);
    if (a + run === old.length && b + run === now.length) break;
    // Back to the start of the line the difference is in: a record start if the quotes before it pair up.
    let cut = run;
    while (cut > 0 && old[a + cut - 1] !== NL) cut--;
    if (!evenQuotes(old, a, a + cut)) return undefined;
    a += cut;
    b += cut;
    // The header differs: parse.ts must see it as the first record, which the multiset keeps.
    if (a === 0) return undefined;
    if (a >= old.length) {
      added.push(b, now.length);
      break;
    }
    if (b >= now.length) {
      removed.push(a, old.length);
      break;
    }
    const oldEnd = recordEnd(old, a);
    const inNew = findRecord(old, a, oldEnd, now, b);
    if (inNew !== -1) {
      added.push(b, inNew);
      b = inNew;
      continue;
    }
    const newEnd = recordEnd(now, b);
    const inOld = findRecord(now, b, newEnd, old, a);
    if (inOld !== -1) {
      removed.push(a, inOld);
      a = inOld;
      continue;
    }
    if (++replaced > MAX_REPLACED) return undefined;
    // Records that differ only in line ends (a CRLF re-save of one line, a newline added at the end) did not change.
    if (key(old, a, oldEnd) !== key(now, b, newEnd)) {
      removed.push(a, Math.min(oldEnd + 1, old.length));
      added.push(b, Math.min(newEnd + 1, now.length));
    }
    a = Math.min(oldEnd + 1, old.length);
    b = Math.min(newEnd + 1, now.length);
  }
  return { removed, added };
}

/** Records of a whole version: starts and ends (before the newline). */
function split(buf: Buffer): { start: number[]; end: number[] } {
  const out = { start: [] as number[], end: [] as number[] };
  eachRecord(buf, 0, buf.length, (s, e) => {
    out.start.push(s);
    out.end.push(e);
  });
  return out;
}

/** A record's text as a key, line ends ignored: bytes as Latin-1 (one byte a character) are cheap to hash and compare. */
function key(buf: Buffer, start: number, end: number): string {
  const k = buf.toString('latin1', start, end);
  return k.includes('\r') ? k.replace(/\r(?=\n)|\r$/g, '') : k;
}

function multiset(old: Buffer, now: Buffer, sink: RecordSink) {
  const ro = split(old);
  const rn = split(now);
  const same = (i: number, j: number) => old.compare(now, rn.start[j], rn.end[j], ro.start[i], ro.end[i]) === 0;
  let head = 0;
  while (head < ro.start.length && head < rn.start.length && same(head, head)) head++;
  let o = ro.start.length;
  let n = rn.start.length;
  // A last line that only gained or lost its newline is the same record: no value changed.
  while (o > head && n > head && same(o - 1, n - 1)) {
    o--;
    n--;
  }
  const left = new Map<string, number>();
  for (let i = head; i < o; i++) {
    const k = key(old, ro.start[i]!, ro.end[i]!);
    left.set(k, (left.get(k) ?? 0) + 1);
  }
  const added: number[] = [];
  for (let j = head; j < n; j++) {
    const k = key(now, rn.start[j]!, rn.end[j]!);
    const c = left.get(k);
    if (c) left.set(k, c - 1);
    else added.push(j);
  }
  // What is left unmatched of each text was removed: its first copies, in the old order.
  for (let i = head; i < o; i++) {
    const k = key(old, ro.start[i]!, ro.end[i]!);
    const c = left.get(k);
    if (!c) continue;
    left.set(k, c - 1);
    sink.removedRecord(i === 0, text(old, ro.start[i]!, ro.end[i]!));
  }
  for (const j of added) sink.addedRecord(j === 0, text(now, rn.start[j]!, rn.end[j]!));
}

/** Feeds `sink` the records removed from `before` (in its order), then those added in `after` (in its order). */
export function diffVersions(before: Buffer | undefined, after: Buffer | undefined, sink: RecordSink): void {
  const old = before ?? Buffer.alloc(0);
  const now = after ?? Buffer.alloc(0);
  if (old.length === 0) {
    // A new file: every record is added (the first one its header).
    eachRecord(now, 0, now.length, (s, e) => sink.addedRecord(s === 0, text(now, s, e)));
    return;
  }
  const found = now.length > 0 ? walk(old, now) : undefined;
  if (!found) return multiset(old, now, sink);
  for (let i = 0; i < found.removed.length; i += 2)
    eachRecord(old, found.removed[i]!, found.removed[i + 1]!, (s, e) => sink.removedRecord(false, text(old, s, e)));
  for (let i = 0; i < found.added.length; i += 2)
    eachRecord(now, found.added[i]!, found.added[i + 1]!, (s, e) => sink.addedRecord(false, text(now, s, e)));
}

/** Whether two versions of a text file differ other than in line ends (git's `--ignore-cr-at-eol`). */
export function textDiffers(before: Buffer, after: Buffer): boolean {
  if (before.equals(after)) return false;
  const plain = (b: Buffer) => b.toString('latin1').replace(/\r(?=\n)|\r$/g, '');
  return plain(before) !== plain(after);
}
