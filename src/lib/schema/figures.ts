import { z } from 'astro/zod';
import {
  decimalColumn,
  enumColumn,
  idColumn,
  noteColumn,
  partialDateColumn,
  refColumn,
  textColumn,
} from './columns.ts';
import { FIGURE_SCOPES } from './enums.ts';

/** figures.csv: figures a district or street office reported (66 compounds, satisfaction 95%…), each with its source. */
export const figureSchema = z.object({
  id: idColumn.required({ title: '编号', description: 'Stable id.', example: 'dapuqiao-2023-compounds' }),
  scope: enumColumn(FIGURE_SCOPES).required({
    title: '范围',
    description: 'District-wide or street-wide.',
    example: '街道',
  }),
  district_id: refColumn('districts').required({ title: '区', description: 'District id.', example: 'huangpu' }),
  street_id: refColumn('streets').optional({
    title: '街道',
    description: 'Street id, for street figures.',
    example: 'dapuqiao',
  }),
  as_of: partialDateColumn.required({
    title: '时点',
    description: 'Date the figure refers to (or was reported), only as precise as the source.',
    example: '2023-08-29',
  }),
  metric: textColumn.required({ title: '指标', description: 'What is counted, in words.', example: '住宅小区数' }),
  value: decimalColumn(-1_000_000_000, 1_000_000_000, 2).required({
    title: '数值',
    description: 'The figure.',
    example: '66',
  }),
  unit: textColumn.required({ title: '单位', description: 'Unit of the figure.', example: '个' }),
  note: noteColumn.optional({
    title: '说明',
    description: 'Context from the source.',
    example: '自2020年成立“双红联盟”以来',
  }),
  source_id: refColumn('sources').required({
    title: '来源',
    description: 'Source of the figure.',
    example: 'huangpu-dapuqiao-2023-08-29',
  }),
});
export type Figure = z.output<typeof figureSchema>;
