/** Dates are ISO calendar strings (YYYY-MM-DD): no time zone can shift them. */

export function isRealDate(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

// Pages print the same few thousand days over and over (every table row has one): each is written once.
const zhDates = new Map<string, string>();

/** "2023-08-29" → "2023年8月29日"; partial dates keep their precision: "2019-11" → "2019年11月", "2026" → "2026年". */
export function formatDateZh(iso: string): string {
  let zh = zhDates.get(iso);
  if (zh === undefined) {
    const [y, m, d] = iso.split('-');
    zhDates.set(iso, (zh = `${Number(y)}年${m ? `${Number(m)}月` : ''}${d ? `${Number(d)}日` : ''}`));
  }
  return zh;
}

/** Add whole calendar months, clamping to the month's last day: 2024-01-31 + 1 → 2024-02-29. */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const nd = Math.min(d, daysInMonth(ny, nm));
  return `${ny}-${String(nm).padStart(2, '0')}-${String(nd).padStart(2, '0')}`;
}

/** Whole days from a to b (b − a), computed in UTC so the build's TZ cannot matter. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}
