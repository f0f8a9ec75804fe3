/**
 * Decode a staff CSV's bytes, line by line when it has to be.
 *
 * A file that is valid UTF-8 as a whole is UTF-8 (a GBK file of real Chinese text
 * is practically never valid UTF-8). Otherwise each stretch of bytes between two
 * ASCII bytes below 0x30 (comma, quote, space, line end… bytes that never occur
 * inside a GBK or GB18030 character, nor inside a UTF-8 one) is decoded on its own:
 *
 * - not valid UTF-8 → it must be valid GB18030 (the bytes re-encode to themselves)
 *   and decode to printable text, else the line is refused;
 * - valid UTF-8 containing a 3- or 4-byte character (all Chinese characters are) →
 *   UTF-8: a GBK stretch that happens to form valid 3-byte UTF-8 needs a run of
 *   improbable byte coincidences, far rarer than one in ten thousand;
 * - valid UTF-8 made only of 2-byte characters ("¥", "·", "é") is also valid GBK
 *   ("¥" is the bytes of 陇): decoded as GBK when nothing else in the file is
 *   UTF-8, refused as undecidable when the file mixes both.
 *
 * Nothing here guesses: every stretch read as GBK in a mixed file is listed, and
 * every line that cannot be proven is refused with its number.
 */
import iconv from 'iconv-lite';

export interface DecodeProblem {
  line: number;
  /** Cell position in the line (commas outside quotes before it, plus one). */
  column: number;
  message: string;
  fix: string;
}

export interface DecodedText {
  /** The text with the BOM removed and line ends as they were. */
  text: string;
  /** For the report: "UTF-8", "UTF-8(带 BOM)", "GB18030/GBK", "UTF-8 与 GBK 混合", "UTF-16LE(Unicode 文本)". */
  encoding: string;
  bom: boolean;
  /** In a file mixing both: each stretch of text decoded as GBK, with its line (1-based). */
  gbkParts: { line: number; text: string }[];
  problems: DecodeProblem[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function tryUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Control characters (except tab), U+FFFD, private-use and unassigned-looking code points: not text staff typed. */
const NOT_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFD\uE000-\uF8FF]/u;

function tryGb18030(bytes: Uint8Array): string | undefined {
  const buf = Buffer.from(bytes);
  const text = iconv.decode(buf, 'gb18030');
  if (NOT_TEXT.test(text)) return undefined;
  return iconv.encode(text, 'gb18030').equals(buf) ? text : undefined;
}

type Verdict = 'ascii' | 'utf8' | 'gbk' | 'either' | 'neither';

interface Stretch {
  verdict: Verdict;
  utf8?: string;
  gbk?: string;
  bytes: Uint8Array;
}

function classify(bytes: Uint8Array): Stretch {
  if (bytes.every((b) => b < 0x80)) return { verdict: 'ascii', utf8: String.fromCharCode(...bytes), bytes };
  const u = tryUtf8(bytes);
  const g = tryGb18030(bytes);
  const uText = u !== undefined && !NOT_TEXT.test(u) ? u : undefined;
  // A lead byte of 0xE0 or above starts a 3- or 4-byte UTF-8 character.
  const strongUtf8 = uText !== undefined && bytes.some((b) => b >= 0xe0);
  if (strongUtf8) return { verdict: 'utf8', utf8: uText, bytes };
  if (uText !== undefined && g !== undefined) return { verdict: 'either', utf8: uText, gbk: g, bytes };
  if (uText !== undefined) return { verdict: 'utf8', utf8: uText, bytes };
  if (g !== undefined) return { verdict: 'gbk', gbk: g, bytes };
  return { verdict: 'neither', bytes };
}

/** Split one line's bytes at bytes < 0x30, which never occur inside a multibyte character of either encoding. */
function stretches(line: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i <= line.length; i++) {
    if (i === line.length || line[i]! < 0x30) {
      if (i > start) out.push(line.subarray(start, i));
      if (i < line.length) out.push(line.subarray(i, i + 1));
      start = i + 1;
    }
  }
  return out;
}

/** Physical lines of the bytes, each with its line end (LF, CRLF or lone CR) kept. */
function byteLines(bytes: Uint8Array): Uint8Array[] {
  const lines: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0a || bytes[i] === 0x0d) {
      if (bytes[i] === 0x0d && bytes[i + 1] === 0x0a) i++;
      lines.push(bytes.subarray(start, i + 1));
      start = i + 1;
    }
  }
  if (start < bytes.length) lines.push(bytes.subarray(start));
  return lines;
}

const GBK_FIX = '在 Excel 里用“另存为 → CSV UTF-8(逗号分隔)”重新保存整个文件,或把这一行在原表里重新录入';

/**
 * Excel's "Unicode 文本" is UTF-16 LE with a BOM (and tab-separated); a BOM is the
 * only way to tell UTF-16, so a file without one is never read as UTF-16.
 */
function utf16(input: Uint8Array): DecodedText | undefined {
  const le = input[0] === 0xff && input[1] === 0xfe;
  const be = input[0] === 0xfe && input[1] === 0xff;
  if (!le && !be) return undefined;
  const name = le ? 'UTF-16LE' : 'UTF-16BE';
  try {
    const text = new TextDecoder(le ? 'utf-16le' : 'utf-16be', { fatal: true }).decode(input);
    return { text, encoding: `${name}(Unicode 文本)`, bom: true, gbkParts: [], problems: [] };
  } catch {
    return {
      text: '',
      encoding: name,
      bom: true,
      gbkParts: [],
      problems: [
        {
          line: 1,
          column: 0,
          message: `文件开头标明是 ${name}(Unicode 文本),内容却不是完整的 ${name}:文件可能被截断或损坏`,
          fix: '在 Excel 里重新“另存为 → Unicode 文本”或“CSV UTF-8(逗号分隔)”再导入',
        },
      ],
    };
  }
}

export function decodeCsvFile(input: Uint8Array): DecodedText {
  const wide = utf16(input);
  if (wide) return wide;
  const bom = input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf;
  const bytes = bom ? input.subarray(3) : input;
  const whole = tryUtf8(bytes);
  if (whole !== undefined) {
    return { text: whole, encoding: bom ? 'UTF-8(带 BOM)' : 'UTF-8', bom, gbkParts: [], problems: [] };
  }

  const lines = byteLines(bytes).map((l) => stretches(l).map(classify));
  const anyUtf8 = lines.some((l) => l.some((s) => s.verdict === 'utf8'));
  const problems: DecodeProblem[] = [];
  const gbkParts: { line: number; text: string }[] = [];
  const texts = lines.map((line, i) => {
    const lineNo = i + 1;
    let column = 1;
    let quoted = false;
    const parts = line.map((s) => {
      if (s.bytes.length === 1 && s.bytes[0] === 0x22) quoted = !quoted;
      if (s.bytes.length === 1 && s.bytes[0] === 0x2c && !quoted) column++;
      if (s.verdict === 'ascii' || s.verdict === 'utf8') return s.utf8!;
      if (s.verdict === 'gbk' || (s.verdict === 'either' && !anyUtf8)) {
        gbkParts.push({ line: lineNo, text: s.gbk! });
        return s.gbk!;
      }
      if (s.verdict === 'either') {
        problems.push({
          line: lineNo,
          column,
          message: `“${s.utf8}”按 UTF-8 读是这样,按 GBK 读却是“${s.gbk}”;文件里两种编码都有,无法确定这里是哪一种`,
          fix: GBK_FIX,
        });
      } else {
        problems.push({
          line: lineNo,
          column,
          message: `这里有既不是 UTF-8 也不是 GBK/GB18030 的字节(${[...s.bytes.subarray(0, 8)].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ')}${s.bytes.length > 8 ? ' …' : ''}),文件可能已损坏或是别的编码`,
          fix: GBK_FIX,
        });
      }
      return '\uFFFD';
    });
    return parts.join('');
  });
  const mixed = anyUtf8 && gbkParts.length > 0;
  return {
    text: texts.join(''),
    encoding: mixed ? 'UTF-8 与 GBK 混合' : bom ? 'GB18030/GBK(却带 UTF-8 BOM)' : 'GB18030/GBK',
    bom,
    gbkParts: mixed ? gbkParts : [],
    problems,
  };
}
