/**
 * CSV text → rows of cells, each row with the physical line it starts on.
 *
 * Written out rather than delegated to papaparse because the importer must say
 * exactly where a broken quote opened, and must never guess the delimiter (papaparse
 * guesses ";" for a file whose cells hold "保安;保洁;保绿"). The delimiter is the
 * comma, as every Excel "CSV" on Chinese Windows writes it (or the tab, for Excel's
 * "Unicode 文本", which the caller knows from its UTF-16 BOM). Line ends may be LF,
 * CRLF or a lone CR (old Mac Excel); each counts as one line, as in an editor.
 */

export interface CsvRow {
  /** 1-based physical line of the row's first character. */
  line: number;
  cells: string[];
}

export interface QuoteProblem {
  line: number;
  column: number;
  message: string;
  fix: string;
}

export interface CsvText {
  rows: CsvRow[];
  /** Line-end styles seen outside quoted cells. */
  lineEnds: Set<'LF' | 'CRLF' | 'CR'>;
  /** A quote that opens a cell and is never properly closed: reading stops there, nothing after it is trusted. */
  quote?: QuoteProblem;
}

const preview = (s: string) => {
  const first = s.split(/\r\n|\r|\n/)[0] ?? '';
  return first.length > 20 ? `${first.slice(0, 20)}…` : first;
};

/** `delimiter` is the comma, or the tab of Excel's "Unicode 文本" (never guessed from the content). */
export function parseCsvText(text: string, delimiter: ',' | '\t' = ','): CsvText {
  const rows: CsvRow[] = [];
  const lineEnds = new Set<'LF' | 'CRLF' | 'CR'>();
  let line = 1;
  let i = 0;
  const n = text.length;

  /** A broken quote ends the reading: the rows before it, and where it opened. */
  const stop = (at: number, column: number, message: string, fix: string): CsvText => ({
    rows,
    lineEnds,
    quote: { line: at, column, message, fix },
  });

  /** Consume a line end at i if there is one; returns its length. */
  const lineEndAt = (at: number): number => {
    if (text[at] === '\r') return text[at + 1] === '\n' ? 2 : 1;
    return text[at] === '\n' ? 1 : 0;
  };

  while (i < n) {
    const row: CsvRow = { line, cells: [] };
    for (;;) {
      const column = row.cells.length + 1;
      let cell = '';
      if (text[i] === '"') {
        const openLine = line;
        i++;
        for (;;) {
          if (i >= n) {
            const swallowed = line - openLine;
            return stop(
              openLine,
              column,
              `这个单元格以英文双引号开头(“${preview(cell)}”),但直到文件末尾都没有配对的结束引号${swallowed > 0 ? `,后面 ${swallowed} 行都会被当成这一个单元格` : ''}`,
              '在单元格内容末尾补上结束的双引号 ",或去掉开头的双引号;单元格里要写双引号时写成两个 ""',
            );
          }
          const ch = text[i]!;
          if (ch === '"') {
            if (text[i + 1] === '"') {
              cell += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          const le = lineEndAt(i);
          if (le > 0) {
            // A line break inside a quoted cell (Alt+Enter in Excel) is kept as LF, the standard's line end.
            cell += '\n';
            i += le;
            line++;
            continue;
          }
          cell += ch;
          i++;
        }
        if (i < n && text[i] !== delimiter && lineEndAt(i) === 0) {
          return stop(
            openLine,
            column,
            line > openLine
              ? `第 ${openLine} 行这个单元格的双引号一直没有配对,到第 ${line} 行才遇到下一个引号,中间 ${line - openLine} 行都被当成了这一个单元格`
              : `单元格“${preview(cell)}”的结束引号后面还跟着文字“${preview(text.slice(i))}”`,
            '检查这个单元格的双引号:开头有引号,结尾也要有;单元格里要写双引号时写成两个 ""',
          );
        }
      } else {
        while (i < n && text[i] !== delimiter && lineEndAt(i) === 0) cell += text[i++];
      }
      row.cells.push(cell);
      if (i >= n) break;
      if (text[i] === delimiter) {
        // At the end of the text the loop runs once more and yields the empty last cell.
        i++;
        continue;
      }
      const le = lineEndAt(i);
      lineEnds.add(le === 2 ? 'CRLF' : text[i] === '\r' ? 'CR' : 'LF');
      i += le;
      line++;
      break;
    }
    rows.push(row);
  }
  return { rows, lineEnds };
}
