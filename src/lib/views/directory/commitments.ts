/**
 * Whether a public pledge (攻坚课题, 承诺) was kept. "Met" means met by the deadline:
 * a pledge finished after its deadline is reported as late, not as met.
 * Judged against the data's as-of date, never the clock.
 */
import type { Commitment } from '../../schema/commitments.ts';
import { formatDateZh as zh } from '../../util/dates.ts';
import { cmp } from '../../util/compare.ts';

export type CommitmentVerdictKind = 'met' | 'late' | 'unmet' | 'ongoing' | 'overdue' | 'unknown';

export interface CommitmentVerdict {
  kind: CommitmentVerdictKind;
  /** Short Chinese label for a badge. */
  label: string;
  /** One sentence a resident can read. */
  detail: string;
}

/**
 * - 已完成 with met_on ≤ deadline → met; met_on after the deadline → late;
 *   已完成 without met_on → unknown whether on time (the source did not say when).
 * - 未完成 → unmet.
 * - 进行中 before the deadline → ongoing; after it → overdue (the deadline passed and
 *   the data still says ongoing).
 * - 未公布结果 → unknown.
 */
export function commitmentVerdict(c: Commitment, asOf: string): CommitmentVerdict {
  switch (c.status) {
    case '已完成':
      if (c.met_on === undefined) {
        return {
          kind: 'unknown',
          label: '已完成(日期未公布)',
          detail: '来源称已完成,但未说明完成日期,无法判断是否按期',
        };
      }
      if (c.met_on <= c.deadline) {
        return { kind: 'met', label: '按期完成', detail: `${zh(c.met_on)} 完成,未超过期限 ${zh(c.deadline)}` };
      }
      return { kind: 'late', label: '逾期完成', detail: `${zh(c.met_on)} 完成,晚于期限 ${zh(c.deadline)}` };
    case '未完成':
      return { kind: 'unmet', label: '未完成', detail: `期限 ${zh(c.deadline)} 已到,未完成` };
    case '进行中':
      if (asOf > c.deadline) {
        return { kind: 'overdue', label: '已过期限', detail: `期限 ${zh(c.deadline)} 已过,数据仍显示进行中` };
      }
      return { kind: 'ongoing', label: '进行中', detail: `期限 ${zh(c.deadline)},尚未到期` };
    case '未公布结果':
      return { kind: 'unknown', label: '未公布结果', detail: '期限已过,来源未公布结果' };
  }
}

/** Newest pledge first, then by deadline. */
export function sortCommitments(list: readonly Commitment[]): Commitment[] {
  return [...list].sort(
    (a, b) => cmp(b.announced_on, a.announced_on) || cmp(a.deadline, b.deadline) || cmp(a.id, b.id),
  );
}
