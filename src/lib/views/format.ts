/**
 * How numbers, money and dates read on the site: Chinese conventions, one place.
 * Money arrives as integer fen and stays integer until these functions turn it
 * into text; shares arrive as integer basis points (1/10000) for the same reason.
 */
import { formatFen } from '../util/money.ts';
import { formatDateZh } from '../util/dates.ts';

/** Shown wherever a source leaves a value unknown; never a blank cell, never a guess. */
export const UNKNOWN = '未公布';

/** The version of the data a reader saw, as a report of an error quotes it: "2026-11-01(数据标准第 1 版)". */
export function formatDataVersion(meta: { as_of: string; standard_version: number }): string {
  return `${meta.as_of}(数据标准第 ${meta.standard_version} 版)`;
}

/** "2023-08-29" → "2023年8月29日"; blank → 未公布. */
export function formatDate(iso: string | undefined): string {
  return iso ? formatDateZh(iso) : UNKNOWN;
}

/** A date range; an open end reads 至今. */
export function formatPeriod(start: string | undefined, end: string | undefined, openEnd = '至今'): string {
  return `${formatDate(start)} — ${end ? formatDate(end) : openEnd}`;
}

/** 123450 → "¥1,234.50" (tables, headline figures). */
export function formatYuan(fen: number): string {
  return fen < 0 ? `-¥${formatFen(-fen)}` : `¥${formatFen(fen)}`;
}

/** 123450 → "1,234.50 元" (running text). */
export function formatYuanWord(fen: number): string {
  return `${formatFen(fen)} 元`;
}

/** A fee rate (price per unit, not a share) in fen with its unit: 120, "元/平方米/月" → "1.20 元/平方米/月". */
export function formatRate(fen: number, unit: string): string {
  return `${formatFen(fen)} ${unit}`;
}

/** Whole numbers with thousands separators: 1514 → "1,514". */
export function formatCount(n: number): string {
  const sign = n < 0 ? '-' : '';
  return (
    sign +
    Math.trunc(Math.abs(n))
      .toString()
      .replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  );
}

/** A decimal quantity (area, score) with up to `digits` decimals, thousands separated: 41250.5 → "41,250.5". */
export function formatDecimal(n: number, digits = 2): string {
  const fixed = Math.abs(n)
    .toFixed(digits)
    .replace(/\.?0+$/, '');
  const [whole = '0', frac] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${n < 0 ? '-' : ''}${grouped}${frac ? `.${frac}` : ''}`;
}

/** A percentage value as stored in the CSV (0–100): 92.5 → "92.5%". */
export function formatPercent(value: number, digits = 1): string {
  return `${formatDecimal(value, digits)}%`;
}

/**
 * A share in basis points (integer, 10000 = 100%) as a percentage with `digits`
 * decimals (0–2), rounded half up in integers: 9245 → "92.5%", 15 → "0.2%".
 * Every share on the site (collection rates, the fund's part of public income,
 * disclosure scores) is kept in basis points and printed here, so a compound's
 * rate reads the same on its own page and in the district's tables.
 */
export function formatBasisPoints(bp: number, digits = 1): string {
  const step = 10 ** (2 - digits);
  const abs = Math.abs(bp);
  const q = Math.floor(abs / step);
  const r = abs - q * step;
  const units = r * 2 >= step ? q + 1 : q;
  const scale = 10 ** digits;
  const whole = Math.trunc(units / scale);
  const frac = digits > 0 ? `.${String(units % scale).padStart(digits, '0')}` : '';
  return `${bp < 0 && units > 0 ? '-' : ''}${whole}${frac}%`;
}

/**
 * The share num/den as integer basis points, rounded half up, computed in integers so
 * the same data gives the same digits on every machine. undefined when den is not
 * positive (nothing billed, no net income): there is no share of nothing.
 */
export function shareBasisPoints(num: number, den: number): number | undefined {
  if (den <= 0) return undefined;
  // BigInt: a whole city's fen totals times 10000 can pass 2^53.
  const n = BigInt(num) * 10000n;
  const d = BigInt(den);
  let q = n / d;
  let r = n % d;
  if (r < 0n) {
    // BigInt division truncates toward zero; floor it so "half up" means toward +∞ for any sign.
    q -= 1n;
    r += d;
  }
  return Number(r * 2n >= d ? q + 1n : q);
}

/** The share num/den as a percentage ("92.5%"), or "—" when den is not positive. */
export function formatShare(num: number, den: number): string {
  const bp = shareBasisPoints(num, den);
  return bp === undefined ? '—' : formatBasisPoints(bp);
}

/** "2024年第1季度" */
export function formatQuarter(year: number, quarter: number): string {
  return `${year}年第${quarter}季度`;
}

/** "第5届"; unknown term numbers read 届别未公布. */
export function formatTerm(n: number | undefined): string {
  return n === undefined ? '届别未公布' : `第${n}届`;
}

/** Yes/no/unknown for boolean cells that may be blank. */
export function formatYesNo(v: boolean | undefined): string {
  return v === undefined ? UNKNOWN : v ? '是' : '否';
}
