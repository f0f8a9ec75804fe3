import { z } from 'astro/zod';
import { enumColumn, idColumn, intColumn, moneyColumn, refColumn, yearColumn } from './columns.ts';
import { REVENUE_SOURCES } from './enums.ts';

/** public_revenue.csv: 公共收益 per compound, quarter and source, and how much moved into the fund. */
export const publicRevenueSchema = z.object({
  id: idColumn.required({ title: '编号', description: 'Stable id.', example: 'demo-lanting-2024q1-tingche' }),
  compound_id: refColumn('compounds').required({ title: '小区', description: 'Compound id.', example: 'demo-lanting' }),
  year: yearColumn.required({ title: '年度', description: 'Calendar year.', example: '2024' }),
  quarter: intColumn(1, 4).required({ title: '季度', description: 'Quarter 1–4.', example: '1' }),
  revenue_source: enumColumn(REVENUE_SOURCES).required({
    title: '收益来源',
    description: 'Advertising, parking, rented space or other.',
    example: '停车',
  }),
  income: moneyColumn.required({
    title: '收入',
    description: 'Income in the quarter.',
    example: '18600.00',
    unit: '元',
  }),
  spending: moneyColumn.required({
    title: '支出',
    description: 'Spending charged against it.',
    example: '2400.00',
    unit: '元',
  }),
  to_fund: moneyColumn.required({
    title: '转入维修资金',
    description: 'Amount moved into the maintenance fund.',
    example: '9000.00',
    unit: '元',
  }),
  source_id: refColumn('sources').required({ title: '来源', description: 'Source of the figures.', example: 'demo' }),
});
