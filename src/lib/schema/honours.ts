import { z } from 'astro/zod';
import { dateColumn, enumColumn, idColumn, noteColumn, refColumn, textColumn, yearColumn } from './columns.ts';
import { RECIPIENT_KINDS } from './enums.ts';

/**
 * honours.csv: one row per honour given to one recipient. A person is published
 * with name, post and organisation only.
 */
export const honourSchema = z.object({
  id: idColumn.required({ title: '荣誉编号', description: 'Stable id.', example: 'dapuqiao-2023-zuimei-yezhu-1' }),
  year: yearColumn.required({ title: '年度', description: 'Year of the honour.', example: '2023' }),
  date: dateColumn.optional({ title: '授予日期', description: 'Date it was awarded.', example: '2023-08-29' }),
  title: textColumn.required({
    title: '荣誉称号',
    description: 'Title of the honour exactly as awarded.',
    example: '最美业主',
  }),
  awarding_body: textColumn.required({
    title: '授予单位',
    description: 'Who awarded it.',
    example: '黄浦区房管局、打浦桥街道办事处',
  }),
  recipient_kind: enumColumn(RECIPIENT_KINDS).required({
    title: '获得者类型',
    description: 'Firm, committee, compound or person.',
    example: '个人',
  }),
  firm_id: refColumn('firms').optional({
    title: '物业企业',
    description: 'The firm honoured, or the firm a person works for.',
    example: 'zhonghai-wuye',
  }),
  committee_id: refColumn('committees').optional({
    title: '业委会',
    description: 'The committee honoured, or the one a person serves on.',
    example: 'dapuqiao-haili-huayuan-ywh',
  }),
  compound_id: refColumn('compounds').optional({
    title: '小区',
    description: 'The compound honoured, or the one a person belongs to.',
    example: 'dapuqiao-diting-dasha',
  }),
  street_id: refColumn('streets').optional({
    title: '街道',
    description: 'Street the honour belongs to, when no compound is named.',
    example: 'dapuqiao',
  }),
  person_name: textColumn.optional({
    title: '姓名',
    description: 'For a person: the name as published.',
    example: '沈莞愫',
  }),
  person_post: textColumn.optional({
    title: '职务',
    description: 'For a person: the post as published.',
    example: '帝庭大厦业委会主任',
  }),
  citation: noteColumn.optional({
    title: '事迹',
    description: 'Why it was given, from the source.',
    example: '首批“最美业主”',
  }),
  source_id: refColumn('sources').required({
    title: '来源',
    description: 'Source that reports the honour.',
    example: 'huangpu-dapuqiao-2023-08-29',
  }),
});
export type Honour = z.output<typeof honourSchema>;
