import { z } from 'astro/zod';
import { dateColumn, enumColumn, idColumn, refColumn, textColumn } from './columns.ts';

/**
 * Tables a correction can point at. Listed here rather than taken from the registry
 * (tables.ts imports this module); a unit test keeps the two in step.
 */
export const CORRECTABLE_TABLES = [
  'sources',
  'districts',
  'streets',
  'compounds',
  'firms',
  'committees',
  'committee_members',
  'contracts',
  'fee_standards',
  'fee_collection',
  'fund_ledger',
  'fund_allocations',
  'public_revenue',
  'honours',
  'evaluations',
  'commitments',
  'figures',
] as const;

/**
 * corrections.csv: 更正记录. A corrected fact is never a silent edit: the row is fixed
 * in its table and a correction row keeps what it replaced, when, why and on whose word.
 */
export const correctionSchema = z.object({
  id: idColumn.required({
    title: '更正编号',
    description: 'Stable id of the correction.',
    example: 'demo-lanting-2024-0001',
  }),
  table: enumColumn(CORRECTABLE_TABLES).required({
    title: '更正的表',
    description: 'Table of the corrected row.',
    example: 'fee_standards',
  }),
  row_id: idColumn.required({
    title: '更正的行',
    description: 'id of the corrected row in that table.',
    example: 'demo-lanting-zhuzhai-2024',
  }),
  column: textColumn.required({
    title: '更正的列',
    description: 'Column name of the corrected cell.',
    example: 'rate',
  }),
  old_value: textColumn.optional({
    title: '原值',
    description: 'The cell as first published; blank if it was blank.',
    example: '1.02',
  }),
  new_value: textColumn.optional({
    title: '更正值',
    description: 'The cell as it now reads; blank if the value was withdrawn.',
    example: '1.20',
  }),
  corrected_on: dateColumn.required({
    title: '更正日期',
    description: 'Date the correction was published.',
    example: '2024-04-08',
  }),
  reason: textColumn.required({
    title: '更正原因',
    description: 'Why it was corrected, in plain words.',
    example: '录入时小数点错位,以业主大会决议为准',
  }),
  source_id: refColumn('sources').required({
    title: '来源',
    description: 'Source that supports the corrected value.',
    example: 'demo',
  }),
});
