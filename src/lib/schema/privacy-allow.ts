import { z } from 'astro/zod';
import { idColumn, refColumn, textColumn } from './columns.ts';

/**
 * privacy_allow.csv: the privacy guard's allow-list. The guard (src/lib/validate/privacy/)
 * refuses phone numbers, ID numbers, card numbers, e-mail addresses and room
 * numbers of private people; a value that is genuinely public (a street office's
 * phone, a firm's 24-hour hotline, a committee's office mailbox) is allowed here,
 * one row per value and place, with the reason, never by switching the guard off.
 */
export const privacyAllowSchema = z.object({
  id: idColumn.required({
    title: '登记编号',
    description: 'Stable id of the allowance.',
    example: 'demo-lanting-wuye-hotline',
  }),
  file: textColumn.required({
    title: '文件',
    description: 'Project-relative path of the CSV or MDX file that contains the value.',
    example: 'data/firms.csv',
  }),
  row_id: textColumn.optional({
    title: '行编号',
    description: 'For a CSV file: the id of the row holding the value. Blank for an MDX file.',
    example: 'demo-lanting-wuye',
  }),
  value: textColumn.required({
    title: '原值',
    description: 'The allowed value exactly as written in the file.',
    example: '021-5555-0100',
  }),
  reason: textColumn.required({
    title: '理由',
    description: 'Why the value is public and may be published (whose number it is, where it is posted).',
    example: '物业公司24小时报修热线,张贴于小区公告栏',
  }),
  source_id: refColumn('sources').required({
    title: '来源',
    description: 'Source where the value is published by its owner.',
    example: 'demo',
  }),
});
