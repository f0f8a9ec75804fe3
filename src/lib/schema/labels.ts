/**
 * Tables, columns and content collections by the names staff know them by: the
 * Chinese labels of the schemas, with the file and column id in brackets for whoever
 * opens the file in an editor. Every message staff see is located through here, so
 * `npm run check`, the build, the importer and the staff editor all say
 * "专项维修资金收支(data/fund_ledger.csv:12:3)第 12 行「发生日期」(date)列".
 */
import path from 'node:path';
import { TABLES, TABLE_NAMES, type TableName } from './tables.ts';
import { tableColumns } from './column-info.ts';
import { CONTENT_COLLECTIONS } from './content.ts';
import type { DataIssue } from '../messages/issue.ts';

/** What each content collection is called on the site and in messages. */
export const COLLECTION_TITLES: Readonly<Record<keyof typeof CONTENT_COLLECTIONS, string>> = {
  notices: '公告',
  audits: '审计报告',
  policies: '政策文件',
  cases: '案例',
};

const isTable = (t: string): t is TableName => (TABLE_NAMES as string[]).includes(t);

export function tableTitle(table: string): string {
  return isTable(table) ? TABLES[table].title : table;
}

export function columnTitle(table: string, column: string): string {
  if (!isTable(table)) return column;
  return tableColumns(table).find((c) => c.name === column)?.title ?? column;
}

/** 「发生日期」(date); a name the table does not have is quoted as written. */
export function columnLabel(table: string, column: string): string {
  const title = columnTitle(table, column);
  return title === column ? `“${column}”` : `「${title}」(${column})`;
}

/** 专项维修资金收支(fund_ledger.csv); the file name alone for what is not a table. */
export function tableLabel(table: string): string {
  return isTable(table) ? `${TABLES[table].title}(${table}.csv)` : `${table}.csv`;
}

/** The table a data file holds, by its name (`data/fund_ledger.csv`, or the same name in a fixture's folder). */
function tableOfFile(file: string): TableName | undefined {
  const m = /^([a-z_]+)\.csv$/.exec(path.posix.basename(file.split(path.sep).join('/')));
  return m && isTable(m[1]!) ? m[1] : undefined;
}

function collectionOfFile(file: string): string | undefined {
  const parts = file.split(path.sep).join('/').split('/');
  for (let i = parts.length - 2; i >= 0; i--) {
    const c = parts[i] as keyof typeof COLLECTION_TITLES;
    if (c in COLLECTION_TITLES) return COLLECTION_TITLES[c];
  }
  return undefined;
}

/** Where an issue is, in words: what the file is, its locator, then the row and column. */
function issuePlace(i: Pick<DataIssue, 'file' | 'line' | 'column' | 'columnName'>): string {
  const locator = `${i.file}:${i.line}:${i.column}`;
  const table = tableOfFile(i.file);
  const named = i.columnName !== '-' && i.columnName !== '';
  if (table) {
    const head = `${TABLES[table].title}(${locator})`;
    if (i.line === 1) return named ? `${head}表头${columnLabel(table, i.columnName)}` : head;
    return `${head}第 ${i.line} 行${named ? `${columnLabel(table, i.columnName)}列` : ''}`;
  }
  if (/dataset\.json$/.test(i.file)) return `数据说明(${locator})${named ? `字段“${i.columnName}”` : ''}`;
  const collection = collectionOfFile(i.file);
  const what = collection ? `${collection}(${locator})` : locator;
  return named ? `${what}第 ${i.line} 行字段“${i.columnName}”` : `${what}第 ${i.line} 行`;
}

/** The one printed form of an issue: where it is, what is wrong, how to fix it. */
export function formatIssue(i: DataIssue): string {
  return `${issuePlace(i)}:${i.message.replace(/。$/, '')}。改法:${i.fix}`;
}
