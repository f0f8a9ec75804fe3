/**
 * Reporting periods as sortable keys: "2024" (year), "2024H1" (half-year),
 * "2024Q3" (quarter). Keys of one kind sort in time order as strings.
 */
import { daysInMonth } from '../../util/dates.ts';

export type PeriodKind = 'year' | 'half' | 'quarter';

const MONTHS: Record<PeriodKind, number> = { year: 12, half: 6, quarter: 3 };

export function periodOf(iso: string, kind: PeriodKind): string {
  const y = iso.slice(0, 4);
  const m = Number(iso.slice(5, 7));
  if (kind === 'year') return y;
  if (kind === 'half') return `${y}H${m <= 6 ? 1 : 2}`;
  return `${y}Q${Math.ceil(m / 3)}`;
}

export function keyOf(year: number, index: number, kind: PeriodKind): string {
  if (kind === 'year') return String(year);
  return `${year}${kind === 'half' ? 'H' : 'Q'}${index}`;
}

function parts(key: string): [number, number] {
  return [Number(key.slice(0, 4)), key.length > 4 ? Number(key.slice(5)) : 1];
}

export function previous(key: string, kind: PeriodKind): string {
  const [y, i] = parts(key);
  if (kind === 'year') return String(y - 1);
  return i > 1 ? keyOf(y, i - 1, kind) : keyOf(y - 1, kind === 'half' ? 2 : 4, kind);
}

/** Last day of a period, ISO. */
export function endOf(key: string, kind: PeriodKind): string {
  const [y, i] = parts(key);
  const month = kind === 'year' ? 12 : i * MONTHS[kind];
  return `${y}-${String(month).padStart(2, '0')}-${daysInMonth(y, month)}`;
}

export function addDays(iso: string, days: number): string {
  const d = new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000);
  return d.toISOString().slice(0, 10);
}

/** Periods strictly between a and b (exclusive), a < b. */
export function between(a: string, b: string, kind: PeriodKind): number {
  let n = 0;
  for (let k = previous(b, kind); k > a; k = previous(k, kind)) n++;
  return n;
}

/** "2024Q3" → "2024年第三季度", "2024H1" → "2024年上半年", "2024" → "2024年度". */
export function periodLabel(key: string): string {
  const [y, i] = parts(key);
  if (key.length === 4) return `${y}年度`;
  if (key[4] === 'H') return `${y}年${i === 1 ? '上' : '下'}半年`;
  return `${y}年第${['一', '二', '三', '四'][i - 1]}季度`;
}
