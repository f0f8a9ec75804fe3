/**
 * The registry of the data standard: every CSV table, its file, its schema.
 * Order matters: it is the order of the documentation and of validation, with
 * tables that others refer to first.
 */
import type { z } from 'astro/zod';
import type { ColumnMeta } from './columns.ts';
import { sourceSchema } from './sources.ts';
import { districtSchema, streetSchema } from './places.ts';
import { compoundSchema } from './compounds.ts';
import { firmSchema } from './firms.ts';
import { committeeMemberSchema, committeeSchema } from './committees.ts';
import { contractSchema } from './contracts.ts';
import { feeCollectionSchema, feeStandardSchema } from './fees.ts';
import { fundEntrySchema } from './fund.ts';
import { fundAllocationSchema } from './allocations.ts';
import { publicRevenueSchema } from './revenue.ts';
import { honourSchema } from './honours.ts';
import { evaluationSchema } from './evaluations.ts';
import { commitmentSchema } from './commitments.ts';
import { figureSchema } from './figures.ts';
import { correctionSchema } from './corrections.ts';
import { privacyAllowSchema } from './privacy-allow.ts';

export interface TableDef<S extends z.ZodObject = z.ZodObject> {
  /** Collection and table name; the file is data/<name>.csv. */
  name: string;
  /** Chinese title. */
  title: string;
  /** What one row is. */
  description: string;
  schema: S;
}

function table<S extends z.ZodObject>(name: string, title: string, description: string, schema: S): TableDef<S> {
  return { name, title, description, schema };
}

export const TABLES = {
  sources: table('sources', '来源', 'One row per article, 文号 document or resolution that a row cites.', sourceSchema),
  districts: table('districts', '区', 'One row per district (区), with its city.', districtSchema),
  streets: table('streets', '街道/镇', 'One row per street (街道) or town (镇).', streetSchema),
  compounds: table('compounds', '小区', 'One row per residential compound (小区).', compoundSchema),
  firms: table('firms', '物业企业', 'One row per property-management firm.', firmSchema),
  committees: table(
    'committees',
    '业委会/物管会届次',
    'One row per term of an owners\u2019 committee or interim management committee.',
    committeeSchema,
  ),
  committee_members: table(
    'committee_members',
    '业委会成员',
    'One row per seat on a committee term.',
    committeeMemberSchema,
  ),
  contracts: table(
    'contracts',
    '物业服务合同',
    'One row per service contract between a firm and a compound.',
    contractSchema,
  ),
  fee_standards: table(
    'fee_standards',
    '物业收费标准',
    'One row per fee standard and category; a change adds a row.',
    feeStandardSchema,
  ),
  fee_collection: table(
    'fee_collection',
    '物业费收缴',
    'One row per compound and year: billed and collected.',
    feeCollectionSchema,
  ),
  fund_ledger: table(
    'fund_ledger',
    '专项维修资金收支',
    'One row per movement of the maintenance fund; append-only.',
    fundEntrySchema,
  ),
  fund_allocations: table(
    'fund_allocations',
    '维修资金分摊',
    'One row per building sharing a repair paid from the maintenance fund.',
    fundAllocationSchema,
  ),
  public_revenue: table(
    'public_revenue',
    '公共收益',
    'One row per compound, quarter and revenue source.',
    publicRevenueSchema,
  ),
  honours: table('honours', '荣誉表彰', 'One row per honour and recipient.', honourSchema),
  evaluations: table(
    'evaluations',
    '测评与排名',
    'One row per yearly assessment of a firm or compound.',
    evaluationSchema,
  ),
  commitments: table('commitments', '攻坚课题与承诺', 'One row per public pledge.', commitmentSchema),
  figures: table('figures', '统计数字', 'One row per figure a district or street reported.', figureSchema),
  corrections: table(
    'corrections',
    '更正记录',
    'One row per corrected cell: what it replaced, when and why.',
    correctionSchema,
  ),
  privacy_allow: table(
    'privacy_allow',
    '隐私放行登记',
    'One row per public phone, mailbox or number the privacy guard may let through, with the reason.',
    privacyAllowSchema,
  ),
} as const;

export type TableName = keyof typeof TABLES;
export type Row<T extends TableName> = z.output<(typeof TABLES)[T]['schema']>;
export const TABLE_NAMES = Object.keys(TABLES) as TableName[];

/** The documentation metadata of every column of a table, in header order. */
export function columnsOf(name: TableName): { name: string; meta: ColumnMeta }[] {
  const shape = TABLES[name].schema.shape as Record<string, z.ZodType>;
  return Object.entries(shape).map(([col, s]) => ({ name: col, meta: s.meta() as unknown as ColumnMeta }));
}
