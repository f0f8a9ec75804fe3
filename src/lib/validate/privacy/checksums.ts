/** Check digits that separate a real identifier from a long run of digits. */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643-1999 resident identity number: 17 digits and a mod-11 check character (0–9 or X). */
export function isValidResidentId(id: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK[sum % 11] === (id[17] as string).toUpperCase();
}

/** 15-digit first-generation ID: 6-digit area code, YYMMDD birth date, 3-digit sequence; no check digit. */
export function looksLikeOldResidentId(id: string): boolean {
  const m = /^[1-8]\d{5}(\d{2})(\d{2})(\d{2})\d{3}$/.exec(id);
  if (!m) return false;
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/** Luhn (mod 10) check used by UnionPay and other bank cards. */
export function isLuhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}
