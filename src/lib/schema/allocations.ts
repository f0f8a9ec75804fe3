import { z } from 'astro/zod';
import { decimalColumn, idColumn, intColumn, moneyColumn, refColumn, textColumn } from './columns.ts';

/**
 * fund_allocations.csv: how one repair paid from the maintenance fund was shared
 * across buildings (维修资金分摊), as the fund rules expect each repair job to be
 * published and as the 上海物业 mini-program shows per building. The shares of one
 * ledger row add up to its amount in exact fen.
 */
export const fundAllocationSchema = z.object({
  id: idColumn.required({
    title: '分摊编号',
    description: 'Stable id of this share.',
    example: 'demo-lanting-0027-1',
  }),
  compound_id: refColumn('compounds').required({
    title: '小区',
    description: 'Compound id; the same as the ledger row\u2019s.',
    example: 'demo-lanting',
  }),
  ledger_id: refColumn('fund_ledger').required({
    title: '维修资金支出流水',
    description: 'The 支出 row of fund_ledger whose amount is shared.',
    example: 'demo-lanting-0027',
  }),
  building: textColumn.required({
    title: '分摊楼栋',
    description: 'Building (门牌幢) or part that bears this share.',
    example: '1号楼',
  }),
  households: intColumn(1, 100000).optional({
    title: '分摊户数',
    description: 'Households sharing it; give this or the area.',
    example: '48',
  }),
  area_m2: decimalColumn(0.01, 10_000_000, 2).optional({
    title: '分摊面积',
    description: 'Floor area sharing it; give this or the households.',
    example: '4120.50',
    unit: '平方米',
  }),
  amount: moneyColumn.required({
    title: '分摊金额',
    description: 'This building\u2019s share; the shares of a ledger row add up to its amount exactly.',
    example: '280000.00',
    unit: '元',
  }),
  note: textColumn.optional({
    title: '说明',
    description: 'How the share was worked out, when not simply by area.',
    example: '按专有部分面积分摊',
  }),
  source_id: refColumn('sources').required({ title: '来源', description: 'Source of the share.', example: 'demo' }),
});
