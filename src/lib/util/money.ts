/**
 * Exact money. Amounts are integer fen (分); a float never touches them, because
 * 0.1 + 0.2 style drift in a public ledger is a correction notice waiting to happen.
 */

const MONEY_RE = /^(-?)(\d{1,13})(?:\.(\d{1,2}))?$/;

/** Parse a plain yuan string ("1234.5", "0.80", "-12") to integer fen; undefined if malformed. */
export function parseMoneyToFen(raw: string): number | undefined {
  const m = MONEY_RE.exec(raw);
  if (!m) return undefined;
  const [, sign, whole, frac = ''] = m;
  const fen = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  return sign === '-' ? -fen : fen;
}

/** Format fen as yuan with thousands separators and two decimals: 123450 → "1,234.50". */
export function formatFen(fen: number): string {
  const abs = Math.abs(fen);
  const yuan = String(Math.trunc(abs / 100));
  // Groups cut by hand rather than by a look-ahead regex: a compound page prints hundreds of
  // amounts, and this is half the time.
  let at = yuan.length % 3 || 3;
  let grouped = yuan.slice(0, at);
  for (; at < yuan.length; at += 3) grouped += `,${yuan.slice(at, at + 3)}`;
  const cents = abs % 100;
  return `${fen < 0 ? '-' : ''}${grouped}.${cents < 10 ? '0' : ''}${cents}`;
}

/** Format fen as a plain CSV yuan string, the exact inverse of parseMoneyToFen: 123450 → "1234.50". */
export function fenToPlain(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.trunc(abs / 100)}.${(abs % 100).toString().padStart(2, '0')}`;
}
