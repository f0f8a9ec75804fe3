import { describe, expect, it } from 'vitest';
import {
  evaluationsOf,
  isRankingFigure,
  rankingGroups,
  satisfactionByYear,
  withOutcome,
} from '../../../../src/lib/views/directory/evaluations.ts';
import { evaluation } from './rows.ts';

const rows = [
  evaluation('f-2024-a', 2024, { firm_id: 'a', street_id: 's', score: 91, rank: 1, rank_of: 3 }),
  evaluation('f-2024-c', 2024, { firm_id: 'c', street_id: 's', score: 60, rank: 3, rank_of: 3, outcome: '末位淘汰' }),
  evaluation('f-2024-b', 2024, { firm_id: 'b', street_id: 's', score: 80, rank: 2, rank_of: 3 }),
  evaluation('f-2024-d', 2024, { firm_id: 'd', street_id: 's', score: 85 }),
  evaluation('f-2024-other', 2024, { firm_id: 'a', street_id: 't', score: 70, rank: 1 }),
  evaluation('f-2023-a', 2023, { firm_id: 'a', street_id: 's', score: 88, rank: 1 }),
  evaluation('c-2024-x', 2024, { subject_kind: '小区', compound_id: 'x', satisfaction: 90 }),
  evaluation('c-2024-y', 2024, { subject_kind: '小区', compound_id: 'y', satisfaction: 95.5, outcome: '后进小区督办' }),
  evaluation('c-2025-z', 2025, { subject_kind: '小区', compound_id: 'z', outcome: '后进小区督办' }),
];

describe('rankings', () => {
  it('groups firm rankings by year and street, rank first then score', () => {
    const groups = rankingGroups(rows, '物业企业');
    expect(groups.map((g) => [g.year, g.streetId, g.rows.length])).toEqual([
      [2024, 's', 4],
      [2024, 't', 1],
      [2023, 's', 1],
    ]);
    expect(groups[0]!.rows.map((r) => r.firm_id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('orders compounds by satisfaction per year, skipping rows without one', () => {
    const sat = satisfactionByYear(rows);
    expect(sat).toHaveLength(1);
    expect(sat[0]!.rows.map((r) => r.compound_id)).toEqual(['y', 'x']);
  });

  it('lists consequences: 末位淘汰 firms and 后进小区 under supervision', () => {
    expect(withOutcome(rows, '末位淘汰').map((r) => r.firm_id)).toEqual(['c']);
    expect(withOutcome(rows, '后进小区督办').map((r) => r.compound_id)).toEqual(['z', 'y']);
  });

  it("gives a firm's own scores newest first", () => {
    expect(evaluationsOf(rows, { firmId: 'a' }).map((r) => r.id)).toEqual(['f-2024-a', 'f-2024-other', 'f-2023-a']);
  });
});

describe('isRankingFigure', () => {
  it('picks figures about rankings and their consequences, not plain counts', () => {
    expect(isRankingFigure({ metric: '末位淘汰物业企业数' })).toBe(true);
    expect(isRankingFigure({ metric: '后进小区数' })).toBe(true);
    expect(isRankingFigure({ metric: '拟选取让居民“找茬”的排名靠后物业数' })).toBe(true);
    expect(isRankingFigure({ metric: '居民满意度' })).toBe(true);
    expect(isRankingFigure({ metric: '住宅小区数' })).toBe(false);
    expect(isRankingFigure({ metric: '“双红联盟”理事会专委数' })).toBe(false);
  });
});
