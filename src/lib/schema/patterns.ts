/**
 * The text a cell of each kind must be, as regular-expression source: the one statement of
 * the format rules that the validator, the published JSON Schema and data package, the staff
 * editor's fields and the scaffolding tools all test against.
 */
import type { ColumnKind } from './columns.ts';

export const CELL_PATTERNS: Partial<Record<ColumnKind, string>> = {
  id: '^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$',
  money: '^-?\\d{1,13}(?:\\.\\d{1,2})?$',
  date: '^\\d{4}-\\d{2}-\\d{2}$',
  'partial-date': '^\\d{4}(?:-\\d{2}(?:-\\d{2})?)?$',
  year: '^\\d{4}$',
  int: '^-?\\d+$',
  decimal: '^-?\\d+(?:\\.\\d+)?$',
  percent: '^\\d+(?:\\.\\d{1,2})?$',
  'credit-code': '^[0-9A-HJ-NPQRTUWXY]{18}$',
  url: '^https?://\\S+$',
  // No stray whitespace at either end, as the validator requires.
  text: '^\\S(?:[\\s\\S]*\\S)?$',
};

/** An id: lower-case pinyin letters, digits and inner hyphens, at most 64 characters. */
export const ID_RE = new RegExp(CELL_PATTERNS.id!);
export const DATE_RE = new RegExp(CELL_PATTERNS.date!);
export const PARTIAL_DATE_RE = new RegExp(CELL_PATTERNS['partial-date']!);
