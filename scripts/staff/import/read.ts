/**
 * Read what staff have into a grid of cell strings: an .xlsx workbook (exceljs) or
 * a CSV in UTF-8 (with or without BOM), GBK/GB18030, or a mix of the two line by
 * line, or Excel's tab-separated "Unicode 文本" in UTF-16 (decode.ts), with the line each row starts on (csv-text.ts).
 */
import ExcelJS from 'exceljs';
import { decodeCsvFile } from './decode.ts';
import { parseCsvText } from './csv-text.ts';
import { groupBy } from '../../../src/lib/util/group.ts';

/** A problem with the input file as a whole, reported to staff without a stack trace. */
export class ImportInputError extends Error {}

/** Something in the file a person must fix: located by line (or sheet row) and column. */
export interface GridProblem {
  line: number;
  /** 1-based cell position; 0 when the whole line is at fault. */
  column: number;
  message: string;
  fix: string;
}

export interface Grid {
  /** Rows of cells as text, first row of the sheet/file first. */
  rows: string[][];
  /** What was read, for the report: "UTF-8 (BOM)", "GB18030", "xlsx: 工作表名". */
  source: string;
  /** Line (CSV) or sheet row (xlsx) of each row; rows[i] is on line i+1 when absent. */
  lines?: number[];
  /** Whole-file changes made while reading (BOM, line ends, encoding), for the report. */
  notes?: string[];
  /** What could not be read with certainty: the import is refused. */
  problems?: GridProblem[];
  /** CSV rows keep their own length (a missing or extra comma shows); a sheet is rectangular. */
  ragged?: boolean;
}

const LINE_END_NAMES = { LF: 'LF', CRLF: 'CRLF(Windows)', CR: '单独的 CR(旧版 Mac)' } as const;

export function readCsvBytes(bytes: Uint8Array): Grid {
  const decoded = decodeCsvFile(bytes);
  const wide = decoded.encoding.startsWith('UTF-16');
  const parsed = parseCsvText(decoded.text, wide ? '\t' : ',');
  const rows = parsed.rows.map((r) => r.cells);
  const lines = parsed.rows.map((r) => r.line);
  // Trailing blank lines carry nothing.
  while (rows.length > 0 && rows[rows.length - 1]!.every((c) => c === '')) {
    rows.pop();
    lines.pop();
  }
  const notes: string[] = [];
  if (decoded.encoding.startsWith('GB18030'))
    notes.push('文件是 GBK/GB18030 编码(中文 Excel 的默认),已转为数据标准的 UTF-8');
  if (wide) notes.push('文件是 Excel 的“Unicode 文本”(UTF-16,制表符分隔),已转为数据标准的 UTF-8、逗号分隔');
  else if (decoded.bom) notes.push('去掉了文件开头的 BOM 标记(数据标准的文件不带 BOM)');
  if (decoded.gbkParts.length > 0) {
    const parts = [...groupBy(decoded.gbkParts, (p) => p.line)]
      .map(([line, ps]) => `第 ${line} 行的${ps.map((p) => `“${p.text}”`).join('')}`)
      .join(',');
    notes.push(`文件混用了两种编码:${parts}是 GBK 编码,其余是 UTF-8;已分别按各自的编码读出,请核对这些文字`);
  }
  const ends = [...parsed.lineEnds].filter((e) => e !== 'LF');
  if (ends.length > 0) notes.push(`行尾 ${ends.map((e) => LINE_END_NAMES[e]).join('、')} 已统一为 LF`);
  const problems: GridProblem[] = [...decoded.problems];
  if (parsed.quote) problems.push(parsed.quote);
  return { rows, lines, source: `CSV,编码 ${decoded.encoding}`, notes, problems, ragged: true };
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** A number as Excel shows it: 15 significant digits, so float noise (0.1+0.2) disappears. */
function excelNumber(n: number, numFmt: string | undefined): string {
  if (Number.isInteger(n) && Math.abs(n) >= 1e15) {
    // Past 15 digits Excel has already dropped the tail: keep the tell-tale scientific form.
    return n.toExponential().toUpperCase();
  }
  let v = Number(n.toPrecision(15));
  if (numFmt && /%/.test(numFmt)) v = Number((v * 100).toPrecision(15));
  const text = String(v);
  // A zero-padded format ("000000") shows leading zeros the stored number lacks.
  const zeros = numFmt && /^0+$/.test(numFmt) ? numFmt.length : 0;
  return zeros > text.length && Number.isInteger(v) && v >= 0 ? text.padStart(zeros, '0') : text;
}

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return excelNumber(v, cell.numFmt);
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (v instanceof Date) {
    // exceljs reads date cells as UTC midnight of the calendar day shown in Excel.
    return `${v.getUTCFullYear()}-${pad2(v.getUTCMonth() + 1)}-${pad2(v.getUTCDate())}`;
  }
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) {
      const r = v.result;
      if (r instanceof Date) return `${r.getUTCFullYear()}-${pad2(r.getUTCMonth() + 1)}-${pad2(r.getUTCDate())}`;
      if (typeof r === 'number') return excelNumber(r, cell.numFmt);
      if (typeof r === 'string') return r;
      if (typeof r === 'boolean') return r ? '是' : '否';
      return '';
    }
  }
  return String(cell.text ?? '');
}

/** Read one worksheet (by name, else the first) of an .xlsx file. */
async function readXlsx(bytes: Uint8Array, sheetName?: string): Promise<Grid> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const ws = sheetName ? wb.getWorksheet(sheetName) : wb.worksheets[0];
  if (!ws) {
    const names = wb.worksheets.map((w) => w.name).join('、');
    throw new ImportInputError(
      sheetName ? `工作簿里没有名为“${sheetName}”的工作表(有:${names})` : '工作簿里没有工作表',
    );
  }
  const width = ws.columnCount;
  const rows: string[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c)));
    rows.push(cells);
  }
  while (rows.length > 0 && rows[rows.length - 1]!.every((c) => c === '')) rows.pop();
  return { rows, source: `Excel 工作簿,工作表“${ws.name}”` };
}

export async function readInput(fileName: string, bytes: Uint8Array, sheetName?: string): Promise<Grid> {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.xlsx')) return readXlsx(bytes, sheetName);
  if (lower.endsWith('.xls')) throw new ImportInputError('不支持旧版 .xls 文件:请在 Excel 里“另存为” .xlsx 后再导入');
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return readCsvBytes(bytes);
  throw new ImportInputError(`不认识的文件类型“${fileName}”:只接受 .xlsx、.csv 和 Excel 另存的“Unicode 文本”(.txt)`);
}
