import { z } from 'astro/zod';
import { dateColumn, enumColumn, idColumn, noteColumn, textColumn, urlColumn } from './columns.ts';
import { SOURCE_KINDS } from './enums.ts';

/** sources.csv: every article, 文号 document or resolution that any row cites. */
export const sourceSchema = z.object({
  id: idColumn.required({
    title: '来源编号',
    description: 'Stable id cited by other rows as source_id.',
    example: 'huangpu-dapuqiao-2023-08-29',
  }),
  kind: enumColumn(SOURCE_KINDS).required({
    title: '来源类型',
    description: 'What kind of source this is; 演示数据 marks fictional demonstration data.',
    example: '新闻报道',
  }),
  title: textColumn.required({
    title: '标题',
    description: 'Title of the article, document or resolution.',
    example: '打浦桥街道党建引领住宅小区综合治理三年行动计划启动仪式',
  }),
  publisher: textColumn.required({
    title: '发布者',
    description: 'Who published or issued it.',
    example: '上海黄浦官方微信',
  }),
  published_on: dateColumn.optional({
    title: '发布日期',
    description: 'Date of publication, when known.',
    example: '2023-08-29',
  }),
  doc_number: textColumn.optional({
    title: '文号',
    description: 'Official document number, for government documents.',
    example: '黄房管〔2023〕12号',
  }),
  url: urlColumn.optional({
    title: '网址',
    description: 'Where the source can be read; http(s) only.',
    example: 'https://www.example.gov.cn/notice/123',
  }),
  licence: textColumn.optional({
    title: '许可',
    description: 'Licence or terms under which it is quoted.',
    example: '新闻报道,引用事实',
  }),
  note: noteColumn.optional({
    title: '备注',
    description: 'Anything a reader should know about the source.',
    example: '原文为繁体转换稿,人名已校为简体',
  }),
});
export type Source = z.output<typeof sourceSchema>;
