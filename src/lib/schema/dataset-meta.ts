/**
 * data/dataset.json: the facts that hold for the whole dataset: the portal's title, the as-of
 * date that stands in for "today", the licence, and who publishes the site and how a reader
 * reaches them. Every page shows the publisher, contact and filing number in its footer, and
 * every section of a compound page opens the contact channel with the compound, section and
 * data version filled in (views/report-error.ts).
 */
import { z } from 'astro/zod';
import { isRealDate } from '../util/dates.ts';

/** 工业和信息化部 ICP filing as printed in a footer: 沪ICP备12345678号 or 沪ICP备12345678号-1. */
const ICP_FILING = /^[\u4e00-\u9fa5]ICP备\d{6,10}号(?:-\d{1,3})?$/;
/** A plain mailbox: no display name, no query (the site adds subject and body itself). */
const EMAIL = /^[^\s@?&<>"'/:]+@[^\s@?&<>"'/:]+\.[a-z]{2,}$/i;
/** https:// elsewhere, or a path on this site; the site appends its own query parameters. */
const FORM_URL = /^(?:https:\/\/[^\s?#<>"']+|\/[^\s?#<>"']*)$/;

export const datasetMetaSchema = z
  .object({
    /** Shown in the page head and the home page title. */
    title: z.string().min(1).meta({ description: '门户标题' }),
    /** Stands in for "today": future, due and overdue are judged against it, never the build clock. */
    as_of: z
      .string()
      .refine(isRealDate, '应为真实存在的日期 YYYY-MM-DD')
      .meta({ description: '数据日期;“未来”“逾期”都以它为准,而不是构建时的时钟' }),
    /** The licence of the published data, named on every page and in every download. */
    licence: z.string().min(1).meta({ description: '数据许可' }),
    /** Which version of docs/data-standard.md the files follow. */
    standard_version: z.literal(1).meta({ description: '所遵循的数据标准版本' }),
    /** Who runs the site and answers for its content (a street office, a district bureau, a project). */
    publisher: z.string().min(1).meta({ description: '发布单位:对本站内容负责的机构名称,显示在每页页脚' }),
    /** A mailbox residents write to with corrections; mailto links carry subject and body. */
    contact_email: z
      .string()
      .regex(EMAIL, '应为一个电子邮箱地址,如 gongshi@example.org')
      .optional()
      .meta({ description: '纠错邮箱:读者报告错误的邮箱(与纠错表单至少填一项);会公开显示' }),
    /** A form that takes corrections; the site appends compound, section and version as query parameters. */
    contact_form: z
      .string()
      .regex(FORM_URL, '应为 https:// 开头的网址,或本站内以 / 开头的路径,不带 ? 和 #')
      .optional()
      .meta({
        description: '纠错表单网址:https:// 开头或本站路径(与纠错邮箱至少填一项);网站会附上小区、栏目和数据版本参数',
      }),
    /** Required by law for a site served from mainland China; blank for a demo or a site served elsewhere. */
    icp_filing: z
      .string()
      .regex(ICP_FILING, '应为备案号原文,如 沪ICP备12345678号-1')
      .optional()
      .meta({ description: 'ICP 备案号:在中国大陆提供服务的网站必须填写,如 沪ICP备12345678号-1;显示在每页页脚' }),
  })
  .refine((m) => m.contact_email !== undefined || m.contact_form !== undefined, {
    message: '纠错邮箱(contact_email)和纠错表单(contact_form)至少填一项,读者才能报告错误',
    path: ['contact_email'],
  });

/** The dataset-wide facts in data/dataset.json. */
export type DatasetMeta = z.infer<typeof datasetMetaSchema>;
