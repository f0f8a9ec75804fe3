/**
 * A data folder of its own for each import test (a copy of the valid fixture), and
 * the staff's files written to disk as they would be: .xlsx by exceljs, CSV as
 * Excel saves it, Excel's "Unicode 文本" as UTF-16 LE with a BOM.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { importFile, type ImportRequest } from '../../../scripts/staff/import/run.ts';

const VALID = new URL('../../fixtures/valid/', import.meta.url).pathname;

/** A temp project with the valid fixture's data/; returns its root. */
export function project(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'gongshi-merge-'));
  cpSync(path.join(VALID, 'data'), path.join(root, 'data'), { recursive: true });
  return root;
}

export const read = (root: string, table: string) => readFileSync(path.join(root, 'data', `${table}.csv`), 'utf8');

export async function writeXlsx(root: string, name: string, rows: (string | number | null)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  for (const r of rows) ws.addRow(r);
  const file = path.join(root, name);
  await wb.xlsx.writeFile(file);
  return file;
}

/** CSV as Excel's "CSV UTF-8" writes it: BOM and CRLF. */
export function writeCsv(root: string, name: string, rows: string[][]): string {
  const file = path.join(root, name);
  const text = rows
    .map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(','))
    .join('\r\n');
  writeFileSync(file, `\uFEFF${text}\r\n`);
  return file;
}

/** Excel's "Unicode 文本": UTF-16 LE with BOM, tab-separated, CRLF. */
export function writeUnicodeText(root: string, name: string, rows: string[][]): string {
  const file = path.join(root, name);
  const text = rows.map((r) => r.join('\t')).join('\r\n');
  writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${text}\r\n`, 'utf16le')]));
  return file;
}

/** Import a file into the project; the outcome, never an error string. */
export async function runImport(root: string, file: string, req: Partial<ImportRequest> = {}) {
  const outcome = await importFile({ input: file, cwd: root, ...req }, readFileSync(path.resolve(root, file)));
  if ('error' in outcome) throw new Error(outcome.error);
  return outcome;
}

export const kinds = (o: Awaited<ReturnType<typeof runImport>>) => o.problems.map((p) => p.kind ?? p.message);
