/**
 * Front matter of the MDX collections, the same schema objects for Astro's
 * collections and for `npm run check`. A reference is a plain id that records
 * which table it points into; the content-refs rule resolves it (Astro's
 * reference() would only log a broken one).
 */
import { z } from 'astro/zod';

/** An id in another table; `references` names the table for the content-refs rule and the docs. */
const refTo = (table: string) => z.string().min(1).meta({ references: table });

/**
 * YAML reads an unquoted 2023-08-29 as a timestamp (Astro parses front matter that way), and
 * the browser editor writes dates unquoted: a midnight timestamp is the date it spells, so it
 * is read back as that date. A timestamp with a time of day is left for the schema to refuse.
 */
const unquotedDate = (v: unknown) =>
  v instanceof Date && !Number.isNaN(v.getTime()) && v.getTime() % 86_400_000 === 0 ? v.toISOString().slice(0, 10) : v;
const isoDate = z.preprocess(unquotedDate, z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期写成 YYYY-MM-DD'));
/** Year or month only, when the source gives no day (see partialDateColumn). */
const partialDate = z.preprocess(
  unquotedDate,
  z.string().regex(/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/, '日期写成 YYYY-MM-DD,来源只给到年或月时写 YYYY 或 YYYY-MM'),
);

/**
 * A file published with a notice, audit or policy (收支明细, 表决结果, 审计报告扫描件):
 * it lives under `public/files/<collection>/` and is linked by its site path. The
 * attachments rule checks that it exists, is really a PDF, PNG or JPEG, and is at most
 * 10 MB (src/lib/util/file-type.ts).
 */
export const attachmentSchema = z
  .object({
    /** Site path of the file, e.g. /files/notices/2024-shouzhi.pdf (the file is public/files/notices/2024-shouzhi.pdf). */
    file: z
      .string()
      .regex(/^\/files\/[^\s?#\\]+$/, '写成以 /files/ 开头、不含空格的站内路径,如 /files/notices/2024-shouzhi.pdf')
      .refine((p) => !p.split('/').includes('..'), '路径里不能有 ..'),
    /** Title shown on the page, e.g. 2024 年收支明细. */
    title: z.string().min(1),
  })
  .strict();
/** Attachments listed on the page, in this order. */
const attachments = z.array(attachmentSchema).optional();

const NOTICE_KINDS = [
  '业委会决定',
  '业主大会决定',
  '调价方案',
  '维修资金使用',
  '换届选举',
  '重大事项',
  '其他',
] as const;
const AUDIT_KINDS = ['年度审计', '换届审计'] as const;
const POLICY_KINDS = ['规范文件', '行动计划', '工作方案', '实施细则'] as const;

/** src/content/notices: 公告 posted for one compound. */
export const noticeSchema = z.object({
  /** Headline as posted on the notice board. */
  title: z.string().min(1),
  /** Compound the notice is for. */
  compound: refTo('compounds'),
  /** Kind of notice, which sets its statutory cadence. */
  kind: z.enum(NOTICE_KINDS),
  /** Date posted. */
  date: isoDate,
  /** One-sentence summary for lists and link previews. */
  summary: z.string().min(1),
  /** Source row the notice comes from. */
  source: refTo('sources'),
  attachments,
});

/** src/content/audits: 年度审计 and 换届审计 reports of a compound's committee. */
export const auditSchema = z.object({
  title: z.string().min(1),
  compound: refTo('compounds'),
  kind: z.enum(AUDIT_KINDS),
  /** Period audited. */
  period_start: isoDate,
  period_end: isoDate,
  /** Date the report was posted (it stays posted 30 days). */
  published_on: isoDate,
  /** Audit firm. */
  auditor: z.string().min(1),
  summary: z.string().min(1),
  source: refTo('sources'),
  attachments,
});

/** src/content/policies: 规范文件 and 行动计划 of a district or street. */
export const policySchema = z.object({
  title: z.string().min(1),
  kind: z.enum(POLICY_KINDS),
  district: refTo('districts'),
  /** Street, when the document is a street's own. */
  street: refTo('streets').optional(),
  /** 文号, when it has one. */
  doc_number: z.string().optional(),
  published_on: partialDate,
  /** Period a plan covers, e.g. "2023—2025". */
  period: z.string().optional(),
  summary: z.string().min(1),
  source: refTo('sources'),
  attachments,
});

/** src/content/cases: case stories from the articles. */
export const caseSchema = z.object({
  title: z.string().min(1),
  district: refTo('districts'),
  street: refTo('streets').optional(),
  /** Compounds the story is about. */
  compounds: z.array(refTo('compounds')).default([]),
  date: partialDate,
  summary: z.string().min(1),
  source: refTo('sources'),
});

export const CONTENT_COLLECTIONS = {
  notices: noticeSchema,
  audits: auditSchema,
  policies: policySchema,
  cases: caseSchema,
} as const;
export type ContentCollectionName = keyof typeof CONTENT_COLLECTIONS;
export type Attachment = z.infer<typeof attachmentSchema>;

type Def = { innerType?: z.ZodType; element?: z.ZodType };

/** The collection a front-matter field refers to, through optional/default/array wrappers. */
export function referencedCollection(schema: z.ZodType): string | undefined {
  let s: z.ZodType | undefined = schema;
  for (let depth = 0; s && depth < 5; depth++) {
    const refs = (s.meta() as { references?: unknown } | undefined)?.references;
    if (typeof refs === 'string') return refs;
    const def: Def = (s as unknown as { _zod: { def: Def } })._zod.def;
    s = def.innerType ?? def.element;
  }
  return undefined;
}
