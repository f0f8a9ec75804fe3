import { z } from 'astro/zod';
import { dateColumn, enumListColumn, futureDateColumn, idColumn, refColumn, textColumn } from './columns.ts';
import { SERVICES } from './enums.ts';

/** contracts.csv: which firm serves which compound, and when. Contracts of one compound must not overlap. */
export const contractSchema = z.object({
  id: idColumn.required({
    title: '合同编号',
    description: 'Stable id of the service contract.',
    example: 'demo-lanting-2019',
  }),
  compound_id: refColumn('compounds').required({ title: '小区', description: 'Compound id.', example: 'demo-lanting' }),
  firm_id: refColumn('firms').required({ title: '物业企业', description: 'Firm id.', example: 'demo-anju-wuye' }),
  start: dateColumn.optional({
    title: '开始日期',
    description: 'First day of service; blank only when the source does not say.',
    example: '2019-01-01',
  }),
  end: futureDateColumn.optional({
    title: '结束日期',
    description: 'Last day of service; blank while open-ended.',
    example: '2023-12-31',
  }),
  services: enumListColumn(SERVICES).optional({
    title: '服务内容',
    description:
      'Which of the four basic services (四保) the contract covers; blank only when the source does not say.',
    example: '保安;保洁;保绿;保修',
  }),
  approval: textColumn.optional({
    title: '决定依据',
    description: 'The owners\u2019 assembly resolution or document that chose the firm.',
    example: '2018年第二次业主大会决议',
  }),
  source_id: refColumn('sources').required({
    title: '来源',
    description: 'Source of the contract facts.',
    example: 'demo',
  }),
});
export type Contract = z.output<typeof contractSchema>;
