import { z } from 'astro/zod';
import { dateColumn, enumColumn, idColumn, moneyColumn, refColumn, textColumn } from './columns.ts';
import { LEDGER_CATEGORIES, LEDGER_DIRECTIONS } from './enums.ts';

/**
 * fund_ledger.csv: the maintenance fund (专项维修资金), one row per movement.
 * Append-only: a mistake is fixed by a 冲正 row that names the row it reverses.
 */
export const fundEntrySchema = z.object({
  id: idColumn.required({
    title: '流水编号',
    description: 'Stable id of the ledger entry; never edited or reused.',
    example: 'demo-lanting-0001',
  }),
  compound_id: refColumn('compounds').required({ title: '小区', description: 'Compound id.', example: 'demo-lanting' }),
  date: dateColumn.required({ title: '日期', description: 'Date of the movement.', example: '2020-03-15' }),
  direction: enumColumn(LEDGER_DIRECTIONS).required({
    title: '收支',
    description: 'Money in (收入) or out (支出).',
    example: '支出',
  }),
  category: enumColumn(LEDGER_CATEGORIES).required({
    title: '类别',
    description: 'Inflow kind or repair kind.',
    example: '电梯',
  }),
  amount: moneyColumn.required({
    title: '金额',
    description: 'Amount moved, always positive.',
    example: '386000.00',
    unit: '元',
  }),
  balance: moneyColumn.optional({
    title: '余额',
    description: 'Balance after this entry as stated by the bank statement; checked against the running total.',
    example: '1204500.00',
    unit: '元',
  }),
  description: textColumn.required({ title: '摘要', description: 'What the money was for.', example: '1号楼电梯更新' }),
  approval: textColumn.optional({
    title: '表决依据',
    description: 'Owners\u2019 vote or resolution that authorised an outflow (民法典第278条); required for 支出.',
    example: '2020年第一次业主大会表决通过',
  }),
  reverses: refColumn('fund_ledger').optional({
    title: '冲正对象',
    description: 'For 冲正 rows: the entry being reversed.',
    example: 'demo-lanting-0007',
  }),
  reason: textColumn.optional({
    title: '冲正原因',
    description: 'For 冲正 rows: why the entry is reversed.',
    example: '重复入账',
  }),
  source_id: refColumn('sources').required({ title: '来源', description: 'Source of the entry.', example: 'demo' }),
  late_reason: textColumn.optional({
    title: '补记原因',
    description:
      'Only for an entry added after later entries were published (a missed old movement): why it is recorded late. Such an entry is shown as 补记; without this reason a new entry may not be dated before the compound\u2019s last published entry.',
    example: '2019年利息漏记,银行对账时发现',
  }),
});
export type FundEntry = z.output<typeof fundEntrySchema>;
