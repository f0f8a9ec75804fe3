/**
 * `npm run new`: scaffold a record staff then fill in. Required cells the command
 * cannot know are left blank, so `npm run check` names each one ("必填项为空")
 * until it is filled: a placeholder can never be published by mistake.
 */
import Papa from 'papaparse';
import { TABLES, type TableName } from '../../src/lib/schema/tables.ts';
import { tableColumns } from '../../src/lib/schema/column-info.ts';
import { ID_RE } from '../../src/lib/schema/patterns.ts';

/** Record kinds staff add often, by the word they type. */
export const KINDS = {
  compound: 'compounds',
  firm: 'firms',
  source: 'sources',
  committee: 'committees',
  member: 'committee_members',
  contract: 'contracts',
  fee: 'fee_standards',
  collection: 'fee_collection',
  ledger: 'fund_ledger',
  revenue: 'public_revenue',
  honour: 'honours',
  evaluation: 'evaluations',
  correction: 'corrections',
} as const satisfies Record<string, TableName>;
export type RowKind = keyof typeof KINDS;

export class ScaffoldError extends Error {}

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** Existing file text → header and ids. */
function readTable(text: string): { header: string[]; ids: string[] } {
  const rows = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
  const header = rows[0] ?? [];
  const at = header.indexOf('id');
  return { header, ids: at === -1 ? [] : rows.slice(1).map((r) => r[at] ?? '') };
}

/** The next ledger id of a compound: `<compound>-0001`, `-0002`, … */
export function nextSequenceId(prefix: string, ids: readonly string[]): string {
  let max = 0;
  for (const id of ids) {
    const m = new RegExp(`^${prefix.replace(/[-]/g, '\\-')}-(\\d+)$`).exec(id);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `${prefix}-${String(max + 1).padStart(4, '0')}`;
}

export interface ScaffoldResult {
  text: string;
  id: string;
  /** Required columns left blank for staff to fill: name, title, example. */
  toFill: { name: string; title: string; example: string }[];
}

/**
 * Append a row to a table's CSV text. `preset` fills known cells (compound_id…);
 * `id` undefined means "next sequence number under preset.compound_id" (ledger).
 */
export function appendRow(
  table: TableName,
  fileText: string,
  id: string | undefined,
  preset: Record<string, string>,
): ScaffoldResult {
  const cols = tableColumns(table);
  const existing = fileText.trim() === '' ? { header: cols.map((c) => c.name), ids: [] } : readTable(fileText);
  const rowId = id ?? nextSequenceId(preset.compound_id ?? '', existing.ids);
  if (!ID_RE.test(rowId)) {
    const example = cols.find((c) => c.name === 'id')?.meta.examples[0] ?? '';
    throw new ScaffoldError(`编号“${rowId}”格式不对:只用小写拼音字母、数字和连字符,如 ${example}`);
  }
  if (existing.ids.includes(rowId)) throw new ScaffoldError(`${TABLES[table].title}里已经有编号 ${rowId},请换一个编号`);
  const values: Record<string, string> = { ...preset, id: rowId };
  const line = existing.header.map((h) => quote(values[h] ?? '')).join(',');
  const base =
    fileText.trim() === '' ? existing.header.join(',') + '\n' : fileText.endsWith('\n') ? fileText : fileText + '\n';
  const toFill = cols
    .filter((c) => c.required && !values[c.name])
    .map((c) => ({ name: c.name, title: c.title, example: c.meta.examples[0] }));
  return { text: `${base}${line}\n`, id: rowId, toFill };
}

/** The MDX notice skeleton: every required front-matter key present and empty, which check rejects until filled. */
export function noticeSkeleton(compoundId: string): string {
  return [
    '---',
    'title: "" # 公告标题,照公告栏原文',
    `compound: ${compoundId}`,
    'kind: "" # 业委会决定、业主大会决定、调价方案、维修资金使用、换届选举、重大事项、其他 之一',
    'date: "" # 张贴日期 YYYY-MM-DD',
    'summary: "" # 一句话摘要',
    'source: "" # 来源编号,见 data/sources.csv',
    '---',
    '',
    '在这里写公告正文。不要写任何人的电话、身份证号、银行账号或房号。',
    '',
  ].join('\n');
}
