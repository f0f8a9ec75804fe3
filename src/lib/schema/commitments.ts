import { z } from 'astro/zod';
import {
  dateColumn,
  partialDateColumn,
  enumColumn,
  futureDateColumn,
  idColumn,
  refColumn,
  textColumn,
} from './columns.ts';
import { CLAIMANT_KINDS, COMMITMENT_STATUSES } from './enums.ts';

/** commitments.csv: public pledges (攻坚课题 and the like): who claimed what, by when, and whether it was met. */
export const commitmentSchema = z.object({
  id: idColumn.required({ title: '承诺编号', description: 'Stable id.', example: 'yinhang-2025-podisuo' }),
  district_id: refColumn('districts').required({
    title: '区',
    description: 'District the pledge belongs to.',
    example: 'yangpu',
  }),
  street_id: refColumn('streets').optional({
    title: '街道',
    description: 'Street that set the task; blank for district-wide pledges.',
    example: 'yinhang',
  }),
  task: textColumn.required({ title: '课题', description: 'The task as announced.', example: '破地锁梗阻' }),
  claimant_kind: enumColumn(CLAIMANT_KINDS).required({
    title: '认领方类型',
    description: 'A firm or another body.',
    example: '物业企业',
  }),
  firm_id: refColumn('firms').optional({
    title: '物业企业',
    description: 'Firm id, when a firm claimed it.',
    example: 'liping-wuye',
  }),
  claimant: textColumn.required({
    title: '认领方',
    description: 'Name of who claimed it, as announced.',
    example: '黎平物业',
  }),
  goal: textColumn.required({ title: '目标', description: 'What was promised.', example: '年内高质量完成' }),
  announced_on: partialDateColumn.required({
    title: '认领日期',
    description: 'When it was claimed, only as precise as the source.',
    example: '2025-06-05',
  }),
  deadline: futureDateColumn.required({ title: '期限', description: 'Deadline of the pledge.', example: '2025-12-31' }),
  status: enumColumn(COMMITMENT_STATUSES).required({
    title: '进展',
    description: 'Ongoing, met, not met, or no outcome published yet.',
    example: '进行中',
  }),
  met_on: dateColumn.optional({
    title: '完成日期',
    description: 'When it was met (for 已完成).',
    example: '2025-11-20',
  }),
  source_id: refColumn('sources').required({
    title: '来源',
    description: 'Source of the pledge.',
    example: 'yangpu-yinhang-2025-06-05',
  }),
});
export type Commitment = z.output<typeof commitmentSchema>;
