import { z } from 'astro/zod';
import { enumColumn, idColumn, refColumn, textColumn } from './columns.ts';
import { STREET_KINDS } from './enums.ts';

const sourceRef = refColumn('sources');

/** districts.csv: 区, with its city. */
export const districtSchema = z.object({
  id: idColumn.required({
    title: '区编号',
    description: 'Stable id; the district page lives at /district/<id>/.',
    example: 'huangpu',
  }),
  name: textColumn.required({ title: '区名称', description: 'Official name.', example: '黄浦区' }),
  city: textColumn.required({ title: '城市', description: 'City the district belongs to.', example: '上海市' }),
  province: textColumn.optional({
    title: '省份',
    description: 'Province, blank for municipalities.',
    example: '陕西省',
  }),
  source_id: sourceRef.required({
    title: '来源',
    description: 'Source that names the district.',
    example: 'huangpu-dapuqiao-2023-08-29',
  }),
});
export type District = z.output<typeof districtSchema>;

/** streets.csv: 街道 or 镇, the level that publishes. */
export const streetSchema = z.object({
  id: idColumn.required({
    title: '街道编号',
    description: 'Stable id; the street page lives at /street/<id>/.',
    example: 'dapuqiao',
  }),
  district_id: refColumn('districts').required({ title: '所属区', description: 'District id.', example: 'huangpu' }),
  name: textColumn.required({ title: '街道名称', description: 'Official name.', example: '打浦桥街道' }),
  kind: enumColumn(STREET_KINDS).required({
    title: '类型',
    description: 'Sub-district (街道) or town (镇).',
    example: '街道',
  }),
  source_id: sourceRef.required({
    title: '来源',
    description: 'Source that names the street.',
    example: 'huangpu-dapuqiao-2023-08-29',
  }),
});
