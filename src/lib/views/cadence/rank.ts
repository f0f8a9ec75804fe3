/** Completeness rankings: compounds and streets by the share of judged disclosure items on time. */
import type { CompoundCadence } from './compute.ts';
import { shareBasisPoints } from '../format.ts';
import { cmp } from '../../util/compare.ts';

export interface CompletenessRow {
  id: string;
  /** Compounds counted (streets) or 1. */
  compounds: number;
  judged: number;
  met: number;
  overdue: number;
  scoreBp: number;
}

function byScore(a: CompletenessRow, b: CompletenessRow): number {
  return b.scoreBp - a.scoreBp || b.judged - a.judged || cmp(a.id, b.id);
}

/** Compounds with at least one judged item, best first; ties by more items judged, then id. */
export function rankCompounds(cadences: readonly CompoundCadence[]): CompletenessRow[] {
  return cadences
    .filter((c) => c.judged > 0)
    .map((c) => ({
      id: c.compound,
      compounds: 1,
      judged: c.judged,
      met: c.met,
      overdue: c.items.filter((i) => i.status === 'overdue' || i.status === 'violation').length,
      scoreBp: c.scoreBp ?? 0,
    }))
    .sort(byScore);
}

/** Streets pooled over their compounds' judged items (a street of one diligent compound does not beat a street of ten). */
export function rankStreets(cadences: readonly CompoundCadence[]): CompletenessRow[] {
  const by = new Map<string, CompletenessRow>();
  for (const c of cadences) {
    if (!c.street || c.judged === 0) continue;
    const row = by.get(c.street) ?? { id: c.street, compounds: 0, judged: 0, met: 0, overdue: 0, scoreBp: 0 };
    row.compounds++;
    row.judged += c.judged;
    row.met += c.met;
    row.overdue += c.items.filter((i) => i.status === 'overdue' || i.status === 'violation').length;
    by.set(c.street, row);
  }
  const rows = [...by.values()];
  for (const r of rows) r.scoreBp = shareBasisPoints(r.met, r.judged) ?? 0;
  return rows.sort(byScore);
}
