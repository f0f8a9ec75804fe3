import { z } from 'astro/zod';
import { boolColumn, creditCodeColumn, enumColumn, idColumn, refColumn, textColumn } from './columns.ts';
import { PARTY_ORGS } from './enums.ts';

/** firms.csv: 物业服务企业, property-management firms. */
export const firmSchema = z.object({
  id: idColumn.required({
    title: '企业编号',
    description: 'Stable id; the firm page lives at /firm/<id>/.',
    example: 'zhonghai-wuye',
  }),
  name: textColumn.required({
    title: '企业名称',
    description: 'Registered name.',
    example: '上海中海物业管理有限公司',
  }),
  short_name: textColumn.optional({ title: '简称', description: 'Short name people search for.', example: '中海物业' }),
  credit_code: creditCodeColumn.optional({
    title: '统一社会信用代码',
    description: 'Unified social credit code, checked against GB 32100.',
    example: '91310101MA1FPX1234',
  }),
  party_org: enumColumn(PARTY_ORGS).optional({
    title: '党组织',
    description: 'Party organisation inside the firm; blank when not disclosed.',
    example: '党支部',
  }),
  parent_group: textColumn.optional({ title: '所属集团', description: 'Parent group, if any.', example: '浦发集团' }),
  demo: boolColumn.required({ title: '演示数据', description: '是 for fictional demonstration firms.', example: '否' }),
  source_id: refColumn('sources').required({
    title: '来源',
    description: 'Source that names the firm.',
    example: 'huangpu-dapuqiao-2023-08-29',
  }),
});
export type Firm = z.output<typeof firmSchema>;
