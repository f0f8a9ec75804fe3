/**
 * Rankings from evaluations.csv: firms by score per year and ranking, compounds
 * by satisfaction, and the lists with consequences (末位淘汰, 后进小区督办).
 */
import type { Evaluation } from '../../schema/evaluations.ts';
import { compareIds, cmp } from '../../util/compare.ts';
import { groupBy } from '../../util/group.ts';

export interface RankingGroup {
  year: number;
  /** Whose ranking this is: street or district id, and the assessor. */
  streetId: string | undefined;
  districtId: string | undefined;
  evaluator: string;
  rows: Evaluation[];
}

/** Rank ascending (1 = best), unranked rows after by score descending, then id. */
function byRankThenScore(a: Evaluation, b: Evaluation): number {
  // cmp puts blanks last: unranked after ranked; unscored after scored (b, a: descending).
  return (
    cmp(a.rank, b.rank) ||
    cmp(b.score ?? Number.NEGATIVE_INFINITY, a.score ?? Number.NEGATIVE_INFINITY) ||
    compareIds(a.id, b.id)
  );
}

function groupKey(e: Evaluation): string {
  return [e.year, e.district_id ?? '', e.street_id ?? '', e.evaluator].join('\u0000');
}

/**
 * Evaluations of one subject kind, grouped into the rankings they belong to
 * (same year, same street/district, same assessor), newest year first.
 */
export function rankingGroups(evaluations: readonly Evaluation[], subject: Evaluation['subject_kind']): RankingGroup[] {
  const groups = new Map<string, RankingGroup>();
  for (const e of evaluations) {
    if (e.subject_kind !== subject) continue;
    const key = groupKey(e);
    const g = groups.get(key) ?? {
      year: e.year,
      streetId: e.street_id,
      districtId: e.district_id,
      evaluator: e.evaluator,
      rows: [],
    };
    g.rows.push(e);
    groups.set(key, g);
  }
  return [...groups.entries()]
    .sort(([ka, a], [kb, b]) => b.year - a.year || cmp(ka, kb))
    .map(([, g]) => ({ ...g, rows: g.rows.sort(byRankThenScore) }));
}

/** Compound evaluations with a satisfaction figure, per year newest first, most satisfied first. */
export function satisfactionByYear(evaluations: readonly Evaluation[]): { year: number; rows: Evaluation[] }[] {
  const byYear = groupBy(evaluations, (e) =>
    e.subject_kind === '小区' && e.satisfaction !== undefined ? e.year : undefined,
  );
  return [...byYear.entries()]
    .sort(([a], [b]) => b - a)
    .map(([year, rows]) => ({
      year,
      rows: rows.sort((a, b) => (b.satisfaction ?? 0) - (a.satisfaction ?? 0) || compareIds(a.id, b.id)),
    }));
}

/** Evaluations with a given outcome (e.g. 末位淘汰, 后进小区督办), newest first. */
export function withOutcome(
  evaluations: readonly Evaluation[],
  outcome: NonNullable<Evaluation['outcome']>,
): Evaluation[] {
  return evaluations.filter((e) => e.outcome === outcome).sort((a, b) => b.year - a.year || byRankThenScore(a, b));
}

/** A firm's (or compound's) own assessments, newest year first. */
export function evaluationsOf(
  evaluations: readonly Evaluation[],
  key: { firmId?: string; compoundId?: string },
): Evaluation[] {
  return evaluations
    .filter(
      (e) =>
        (key.firmId !== undefined && e.firm_id === key.firmId) ||
        (key.compoundId !== undefined && e.compound_id === key.compoundId),
    )
    .sort((a, b) => b.year - a.year || compareIds(a.id, b.id));
}

/**
 * Figures an office reported about rankings, assessments and their consequences
 * (bottom 9 firms reviewed, last 3 removed; 46 lagging compounds; satisfaction),
 * picked by what the metric itself names: a note merely mentioning 测评 does not count.
 */
const RANKING_METRIC = /排名|排行|末位|淘汰|后进|测评|考核|满意|整改|督办|找茬/;

export function isRankingFigure(f: { metric: string }): boolean {
  return RANKING_METRIC.test(f.metric);
}
