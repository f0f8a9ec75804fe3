import { z } from 'astro/zod';
import {
  decimalColumn,
  enumColumn,
  idColumn,
  intColumn,
  noteColumn,
  percentColumn,
  refColumn,
  textColumn,
  yearColumn,
} from './columns.ts';
import { EVALUATION_OUTCOMES, EVALUATION_SUBJECTS } from './enums.ts';

/** evaluations.csv: yearly assessments of firms and compounds: score, rank, satisfaction, outcome. */
export const evaluationSchema = z.object({
  id: idColumn.required({ title: '测评编号', description: 'Stable id.', example: 'demo-2024-anju-wuye' }),
  year: yearColumn.required({ title: '年度', description: 'Year assessed.', example: '2024' }),
  subject_kind: enumColumn(EVALUATION_SUBJECTS).required({
    title: '测评对象',
    description: 'A firm or a compound.',
    example: '物业企业',
  }),
  firm_id: refColumn('firms').optional({
    title: '物业企业',
    description: 'Firm id, when the subject is a firm.',
    example: 'demo-anju-wuye',
  }),
  compound_id: refColumn('compounds').optional({
    title: '小区',
    description: 'Compound id, when the subject is a compound.',
    example: 'demo-lanting',
  }),
  street_id: refColumn('streets').optional({
    title: '街道',
    description: 'Street whose ranking this is.',
    example: 'demo-qinghe',
  }),
  district_id: refColumn('districts').optional({
    title: '区',
    description: 'District whose ranking or list this is.',
    example: 'putuo',
  }),
  evaluator: textColumn.required({ title: '测评单位', description: 'Who assessed.', example: '第三方测评机构' }),
  score: decimalColumn(0, 100, 2).optional({ title: '得分', description: 'Score out of 100.', example: '86.5' }),
  rank: intColumn(1, 100000).optional({ title: '排名', description: 'Rank in the ranking (1 = best).', example: '3' }),
  rank_of: intColumn(1, 100000).optional({ title: '参评数', description: 'How many were ranked.', example: '28' }),
  satisfaction: percentColumn.optional({
    title: '满意度',
    description: 'Residents\u2019 satisfaction.',
    example: '92.5',
    unit: '%',
  }),
  outcome: enumColumn(EVALUATION_OUTCOMES).optional({
    title: '结果',
    description: 'Consequence: 末位淘汰 removes a firm; 后进小区督办 puts a compound under supervision.',
    example: '限期整改',
  }),
  note: noteColumn.optional({
    title: '说明',
    description: 'Context from the source.',
    example: '拟选取排名靠后的9家物业让居民“找茬”',
  }),
  source_id: refColumn('sources').required({
    title: '来源',
    description: 'Source of the assessment.',
    example: 'demo',
  }),
});
export type Evaluation = z.output<typeof evaluationSchema>;
