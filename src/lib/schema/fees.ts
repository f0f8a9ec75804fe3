import { z } from 'astro/zod';
import {
  dateColumn,
  enumColumn,
  enumListColumn,
  idColumn,
  moneyColumn,
  refColumn,
  textColumn,
  yearColumn,
} from './columns.ts';
import { FEE_CATEGORIES, FEE_UNITS, PRICING_REGIMES, SERVICES } from './enums.ts';

/** fee_standards.csv: the fee standard of a compound per category; a new row per change keeps the history (质价双升). */
export const feeStandardSchema = z.object({
  id: idColumn.required({
    title: '收费标准编号',
    description: 'Stable id of this fee standard.',
    example: 'demo-lanting-zhuzhai-2024',
  }),
  compound_id: refColumn('compounds').required({ title: '小区', description: 'Compound id.', example: 'demo-lanting' }),
  category: enumColumn(FEE_CATEGORIES).required({
    title: '类别',
    description: 'What is charged for.',
    example: '住宅',
  }),
  rate: moneyColumn.required({
    title: '收费标准',
    description: 'Price per unit per month, in yuan.',
    example: '1.20',
    unit: '元',
  }),
  unit: enumColumn(FEE_UNITS).required({
    title: '计费单位',
    description: 'Unit of the rate.',
    example: '元/平方米/月',
  }),
  pricing: enumColumn(PRICING_REGIMES).required({
    title: '定价方式',
    description: 'Government-guided or market-set price.',
    example: '市场调节价',
  }),
  services: enumListColumn(SERVICES).optional({
    title: '服务内容',
    description: 'Which basic services the fee covers.',
    example: '保安;保洁;保绿;保修',
  }),
  announced_on: dateColumn.optional({
    title: '公示日期',
    description: 'When the change was posted; it must be at least one month before it applies.',
    example: '2024-03-01',
  }),
  effective_from: dateColumn.required({
    title: '执行日期',
    description: 'First day the rate applies.',
    example: '2024-04-01',
  }),
  approval: textColumn.optional({
    title: '决定依据',
    description: 'Vote result or document that set the rate.',
    example: '业主大会表决通过(同意占专有面积72%、人数70%)',
  }),
  source_id: refColumn('sources').required({
    title: '来源',
    description: 'Source of the fee standard.',
    example: 'demo',
  }),
});
export type FeeStandard = z.output<typeof feeStandardSchema>;

/** fee_collection.csv: property-fee billing and collection per compound and year (收缴率). */
export const feeCollectionSchema = z.object({
  id: idColumn.required({ title: '编号', description: 'Stable id.', example: 'demo-lanting-2024' }),
  compound_id: refColumn('compounds').required({ title: '小区', description: 'Compound id.', example: 'demo-lanting' }),
  year: yearColumn.required({ title: '年度', description: 'Calendar year.', example: '2024' }),
  billed: moneyColumn.required({
    title: '应收',
    description: 'Fees billed for the year.',
    example: '612000.00',
    unit: '元',
  }),
  collected: moneyColumn.required({
    title: '实收',
    description: 'Fees collected for the year.',
    example: '563040.00',
    unit: '元',
  }),
  source_id: refColumn('sources').required({ title: '来源', description: 'Source of the figures.', example: 'demo' }),
});
export type FeeCollection = z.output<typeof feeCollectionSchema>;
