import { z } from 'astro/zod';
import {
  boolColumn,
  decimalColumn,
  enumColumn,
  idColumn,
  intColumn,
  noteColumn,
  refColumn,
  textColumn,
  yearColumn,
} from './columns.ts';
import { MANAGEMENT_MODES } from './enums.ts';

/** compounds.csv: 小区, the unit a resident looks up. */
export const compoundSchema = z.object({
  id: idColumn.required({
    title: '小区编号',
    description: 'Stable id; the compound page lives at /compound/<id>/. Never reuse or rename.',
    example: 'dapuqiao-haili-huayuan',
  }),
  name: textColumn.required({ title: '小区名称', description: 'Name residents use.', example: '海丽花园' }),
  district_id: refColumn('districts').required({ title: '所属区', description: 'District id.', example: 'huangpu' }),
  street_id: refColumn('streets').optional({
    title: '所属街道',
    description: 'Street id; blank only when the source does not say.',
    example: 'dapuqiao',
  }),
  neighbourhood: textColumn.optional({
    title: '居民区',
    description: 'Neighbourhood (居民区/社区) whose residents\u2019 committee covers it.',
    example: '云台二居民区',
  }),
  address: textColumn.optional({
    title: '地址',
    description: 'Street address of the main gate.',
    example: '开鲁路286弄',
  }),
  year_built: yearColumn.optional({
    title: '建成年份',
    description: 'Year the compound was completed.',
    example: '1996',
  }),
  households: intColumn(1, 100000).optional({ title: '户数', description: 'Number of households.', example: '480' }),
  floor_area_m2: decimalColumn(1, 10_000_000, 2).optional({
    title: '建筑面积',
    description: 'Total floor area.',
    example: '41250.5',
    unit: '平方米',
  }),
  management_mode: enumColumn(MANAGEMENT_MODES).optional({
    title: '管理模式',
    description: 'How the compound is managed; 失管 means no one manages it.',
    example: '专业物业',
  }),
  demo: boolColumn.required({
    title: '演示数据',
    description: '是 for fictional demonstration compounds; the site flags them on every page.',
    example: '否',
  }),
  source_id: refColumn('sources').required({
    title: '来源',
    description: 'Source that names the compound.',
    example: 'huangpu-dapuqiao-2023-08-29',
  }),
  note: noteColumn.optional({
    title: '备注',
    description: 'Anything a resident should know.',
    example: '一、二期合并管理',
  }),
});
export type Compound = z.output<typeof compoundSchema>;
