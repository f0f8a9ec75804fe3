import { z } from 'astro/zod';
import {
  boolColumn,
  dateColumn,
  enumColumn,
  futureDateColumn,
  idColumn,
  intColumn,
  refColumn,
  textColumn,
} from './columns.ts';
import { COMMITTEE_KINDS, MEMBER_ROLES } from './enums.ts';

/** committees.csv: one row per committee term (业委会 or 物管会) of a compound. Terms of one compound must not overlap. */
export const committeeSchema = z.object({
  id: idColumn.required({
    title: '届次编号',
    description: 'Stable id of this term of the committee.',
    example: 'haili-huayuan-ywh-5',
  }),
  compound_id: refColumn('compounds').required({
    title: '小区',
    description: 'Compound id.',
    example: 'dapuqiao-haili-huayuan',
  }),
  kind: enumColumn(COMMITTEE_KINDS).required({
    title: '类型',
    description: '业委会 (owners\u2019 committee) or 物管会 (interim management committee).',
    example: '业委会',
  }),
  term_number: intColumn(1, 99).optional({ title: '届别', description: 'Which term (第几届).', example: '5' }),
  term_start: dateColumn.optional({
    title: '任期开始',
    description: 'First day of the term; blank only when the source does not say.',
    example: '2021-06-01',
  }),
  term_end: futureDateColumn.optional({
    title: '任期结束',
    description: 'Last day of the term (3–5 years after the start).',
    example: '2026-05-31',
  }),
  elected_on: dateColumn.optional({
    title: '选举日期',
    description: 'Date of the owners\u2019 assembly that elected it.',
    example: '2021-05-16',
  }),
  source_id: refColumn('sources').required({
    title: '来源',
    description: 'Source of the roster or the election result.',
    example: 'demo',
  }),
});
export type Committee = z.output<typeof committeeSchema>;

/** committee_members.csv: who sits on a committee term. Name and role only: never contact details. */
export const committeeMemberSchema = z.object({
  id: idColumn.required({
    title: '成员编号',
    description: 'Stable id of this seat.',
    example: 'haili-huayuan-ywh-5-01',
  }),
  committee_id: refColumn('committees').required({
    title: '届次',
    description: 'Committee term id.',
    example: 'haili-huayuan-ywh-5',
  }),
  name: textColumn.required({ title: '姓名', description: 'Name as published by the committee.', example: '沈莞愫' }),
  role: enumColumn(MEMBER_ROLES).required({ title: '职务', description: 'Seat on the committee.', example: '主任' }),
  party_member: boolColumn.optional({
    title: '党员',
    description: 'Whether the member is a party member, when disclosed.',
    example: '是',
  }),
  cross_appointed: boolColumn.optional({
    title: '交叉任职',
    description: 'Whether the member also sits on the residents\u2019 committee (“两委”交叉任职).',
    example: '否',
  }),
  source_id: refColumn('sources').required({ title: '来源', description: 'Source of the roster.', example: 'demo' }),
});
