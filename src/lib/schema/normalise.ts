/**
 * Per-column normalisers: a staff member's cell in, the standard's cell out.
 * A normaliser never guesses: anything it cannot turn into a value with certainty
 * is returned as `unmappable` with the reason, and the importer leaves the cell as
 * it was so that `npm run check` stops it.
 */
import { fenToPlain, parseMoneyToFen } from '../util/money.ts';
import { isRealDate } from '../util/dates.ts';
import type { ColumnKind } from './columns.ts';
import { alnumToHalfWidth, cleanSpaces, isScientific, toHalfWidth } from './cell-text.ts';

export type Normalised = { ok: true; value: string; note?: string } | { ok: false; reason: string; fix: string };

const MONEY_FIX = '写成以元为单位的数字,例如 1234.50;负数写 -1234.50';
const ok = (value: string, note?: string): Normalised => (note ? { ok: true, value, note } : { ok: true, value });
const no = (reason: string, fix: string): Normalised => ({ ok: false, reason, fix });

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Excel's 1900 date system: serial 1 is 1900-01-01, with the phantom 1900-02-29 (serial 60). */
export function excelSerialToIso(serial: number): string | undefined {
  if (!Number.isInteger(serial) || serial < 61 || serial > 2958465) return undefined;
  const ms = Date.UTC(1899, 11, 30) + serial * 86_400_000;
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

const DATE_FIX = '写成 YYYY-MM-DD,例如 2023-08-29;Excel 里可把单元格设为“文本”后再录入';

function isoOf(y: string, m: string, d: string): string {
  return `${y}-${pad2(Number(m))}-${pad2(Number(d))}`;
}

/** A date the calendar has, or a refusal that says so (2023-02-30 is not a typo to guess at). */
function real(iso: string, cell: string, note?: string): Normalised {
  if (isRealDate(iso)) return ok(iso, note);
  return no(`日历上没有“${cell}”这一天`, '核对原始凭证上的日期后改正');
}

function normaliseDate(cell: string): Normalised {
  const s = toHalfWidth(cell).replace(/\s+/g, ' ');
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return real(s, cell);
  // A time part Excel adds to date cells carries nothing for a calendar date.
  const withTime = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})[ T]\d{1,2}:\d{2}(?::\d{2})?$/.exec(s);
  if (withTime) return real(isoOf(withTime[1]!, withTime[2]!, withTime[3]!), cell, '去掉了时间部分');
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s);
  if (m) return real(isoOf(m[1]!, m[2]!, m[3]!), cell);
  m = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]$/.exec(s);
  if (m) return real(isoOf(m[1]!, m[2]!, m[3]!), cell);
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return real(isoOf(m[1]!, m[2]!, m[3]!), cell);
  // Only five-digit serials (1927-05-18 to 2173-10-14): a four-digit number in a date column is a year, not 1905.
  if (/^\d{5}(?:\.0+)?$/.test(s)) {
    const iso = excelSerialToIso(Number(s));
    if (iso) return ok(iso, `Excel 日期序号 ${s} 换算为 ${iso}`);
  }
  return no(`无法识别的日期“${cell}”`, DATE_FIX);
}

/** Year or month alone, where a source gives no day; else a full date. */
function normalisePartialDate(cell: string): Normalised {
  const s = toHalfWidth(cell).replace(/\s+/g, '');
  let m = /^(\d{4})年?$/.exec(s);
  if (m) return ok(m[1]!);
  m = /^(\d{4})(?:[-/.]|年)(\d{1,2})月?$/.exec(s);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return ok(`${m[1]}-${pad2(Number(m[2]))}`);
  return normaliseDate(cell);
}

/** Multiply a plain decimal string by 10^k without floats. */
function shiftDecimal(digits: string, k: number): string {
  const [whole = '0', frac = ''] = digits.split('.');
  const padded = frac.padEnd(k, '0');
  const newWhole = (whole + padded.slice(0, k)).replace(/^0+(?=\d)/, '');
  const newFrac = padded.slice(k).replace(/0+$/, '');
  return newFrac ? `${newWhole}.${newFrac}` : newWhole;
}

function normaliseMoney(cell: string): Normalised {
  let s = toHalfWidth(cell).replace(/\s+/g, '');
  const notes: string[] = [];
  let negative = false;
  const paren = /^\((.*)\)$/.exec(s);
  if (paren) {
    negative = true;
    s = paren[1]!;
    notes.push('括号表示负数(会计写法),已改为负号');
  }
  if (s.startsWith('-')) {
    if (negative) return no(`金额“${cell}”既有括号又有负号,不知道是正是负`, MONEY_FIX);
    negative = true;
    s = s.slice(1);
  }
  s = s.replace(/^(?:¥|￥|RMB|CNY)/i, '').replace(/(?:元|圆|人民币)$/, '');
  let scale = 0;
  if (/万元?$/.test(s)) {
    scale = 4;
    s = s.replace(/万元?$/, '');
    notes.push('“万”已换算为元');
  }
  if (/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(s)) s = s.replaceAll(',', '');
  if (!/^\d+(?:\.\d+)?$/.test(s)) return no(`无法识别的金额“${cell}”`, MONEY_FIX);
  const yuan = shiftDecimal(s, scale);
  const fen = parseMoneyToFen(yuan.replace(/(\.\d\d)0+$/, '$1'));
  if (fen === undefined) return no(`金额“${cell}”超过两位小数(不足一分),不自动四舍五入`, '按原始凭证写到分(两位小数)');
  return ok(fenToPlain(negative ? -fen : fen), notes.join(';') || undefined);
}

const YES = new Set(['是', 'y', 'yes', 'true', '1', '√', '✓', '有']);
const NO = new Set(['否', 'n', 'no', 'false', '0', '×', '✗', '无']);

function normaliseBool(cell: string): Normalised {
  const s = toHalfWidth(cell).toLowerCase();
  if (YES.has(s)) return ok('是');
  if (NO.has(s)) return ok('否');
  return no(`“${cell}”不是“是”或“否”`, '写“是”或“否”');
}

function stripNumber(cell: string): string {
  const s = toHalfWidth(cell).replace(/\s+/g, '');
  return /^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(s) ? s.replaceAll(',', '') : s;
}

function normaliseInt(cell: string): Normalised {
  const s = stripNumber(cell).replace(/^(-?\d+)\.0+$/, '$1');
  if (!/^-?\d+$/.test(s)) return no(`“${cell}”不是整数`, '只写阿拉伯数字,例如 480,不带单位');
  const neg = s.startsWith('-');
  const digits = (neg ? s.slice(1) : s).replace(/^0+(?=\d)/, '');
  const note = digits.length < (neg ? s.length - 1 : s.length) ? '去掉了前导 0' : undefined;
  return ok(neg ? `-${digits}` : digits, note);
}

function normaliseDecimal(cell: string, percent: boolean): Normalised {
  let s = stripNumber(cell);
  if (percent) s = s.replace(/%$/, '');
  s = s.replace(/^(-?)0+(?=\d)/, '$1');
  if (!/^-?\d+(?:\.\d+)?$/.test(s))
    return no(`“${cell}”不是数字`, `只写数字${percent ? '(百分数可带 %)' : ''},例如 95.5,不带单位`);
  return ok(s);
}

function normaliseYear(cell: string): Normalised {
  const s = toHalfWidth(cell)
    .replace(/\s+/g, '')
    .replace(/年度?$/, '')
    .replace(/\.0+$/, '');
  return /^\d{4}$/.test(s) ? ok(s) : no(`“${cell}”不是四位年份`, '写四位年份,例如 2023');
}

function normaliseId(cell: string): Normalised {
  const s = toHalfWidth(cell).replace(/\s+/g, '');
  if (isScientific(s))
    return no(
      `编号“${cell}”已被 Excel 变成科学计数法,原来的数字无法恢复`,
      '从原始记录重新抄写编号,并先把这一列的单元格格式设为“文本”',
    );
  const lower = s.toLowerCase();
  return ok(lower, lower !== s ? '编号改为小写' : undefined);
}

function normaliseCreditCode(cell: string): Normalised {
  const s = toHalfWidth(cell).replace(/[\s-]+/g, '');
  if (isScientific(s))
    return no(
      `信用代码“${cell}”已被 Excel 变成科学计数法,原来的 18 位无法恢复`,
      '照营业执照重新抄写,并先把这一列的单元格格式设为“文本”',
    );
  return ok(s.toUpperCase());
}

function normaliseEnumList(cell: string): Normalised {
  const parts = cell
    .split(/[;;,,、/|\s]+/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return ok(parts.join(';'));
}

/**
 * Normalise one non-blank cell for a column kind. Cell text has already had its
 * invisible characters removed and its ends trimmed.
 */
export function normaliseCell(raw: string, kind: ColumnKind): Normalised {
  const cell = cleanSpaces(raw);
  switch (kind) {
    case 'money':
      return normaliseMoney(cell);
    case 'date':
      return normaliseDate(cell);
    case 'partial-date':
      return normalisePartialDate(cell);
    case 'bool':
      return normaliseBool(cell);
    case 'int':
      return normaliseInt(cell);
    case 'decimal':
      return normaliseDecimal(cell, false);
    case 'percent':
      return normaliseDecimal(cell, true);
    case 'year':
      return normaliseYear(cell);
    case 'id':
      return normaliseId(cell);
    case 'credit-code':
      return normaliseCreditCode(cell);
    case 'enum-list':
      return normaliseEnumList(cell);
    case 'url':
      return ok(toHalfWidth(cell).replace(/\s+/g, ''));
    case 'enum':
    case 'text':
      if (isScientific(cell)) {
        return no(
          `“${cell}”是被 Excel 改成科学计数法的数字,原值无法恢复`,
          '从原始记录重新抄写,并把单元格格式设为“文本”',
        );
      }
      return ok(alnumToHalfWidth(cell));
  }
}
