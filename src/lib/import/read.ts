/**
 * Read what staff have into a grid of cell strings: an .xlsx workbook (exceljs) or
 * a CSV in UTF-8 (with or without BOM) or GBK/GB18030 (iconv-lite).
 */
import Papa from 'papaparse';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { restoreFormulaCell } from '../opendata/formula.ts';

/** A problem with the input file as a whole, reported to staff without a stack trace. */
export class ImportInputError extends Error {}

export interface Grid {
  /** Rows of cells as text, first row of the sheet/file first. */
  rows: string[][];
  /** What was read, for the report: "UTF-8 (BOM)", "GB18030", "xlsx: 工作表名". */
  source: string;
}

/** Decode CSV bytes: UTF-8 when the bytes are valid UTF-8, else GB18030 (a superset of GBK and GB2312). */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'UTF-8(带 BOM)' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8' };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes), 'gb18030'), encoding: 'GB18030/GBK' };
  }
}

export function readCsvText(text: string): string[][] {
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false });
  const rows = parsed.data.map((r) => r.map(restoreFormulaCell));
  // papaparse yields one empty row for the final line end.
  while (rows.length > 0 && rows[rows.length - 1]!.every((c) => c === '')) rows.pop();
  return rows;
}

export function readCsvBytes(bytes: Uint8Array): Grid {
  const { text, encoding } = decodeCsvBytes(bytes);
  return { rows: readCsvText(text), source: `CSV,编码 ${encoding}` };
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
  if (typeof v === 'string') return restoreFormulaCell(v);
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
export async function readXlsx(bytes: Uint8Array, sheetName?: string): Promise<Grid> {
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
  throw new ImportInputError(`不认识的文件类型“${fileName}”:只接受 .xlsx 和 .csv`);
}
