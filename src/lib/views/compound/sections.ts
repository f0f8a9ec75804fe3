/**
 * The sections of a compound page, once: their order (the order of this list), element id,
 * title, what they say when the compound has nothing for them, and which tables and content
 * collections they show. The table of contents, the rendered sections and "本栏更新于" all
 * read this list; so does the history (history/compound.ts), which dates a section by the
 * last commit that changed one of its tables or collections.
 */
import type { TableName } from '../../schema/tables.ts';
import type { ContentCollectionName } from '../../schema/content.ts';

export interface CompoundSectionDef {
  /** Element id, the fragment of links to the section (compoundSectionHref). */
  readonly id: string;
  readonly title: string;
  /** Tables whose rows the section shows; a commit changing one of its rows dates the section. */
  readonly tables?: readonly TableName[];
  /** Content collections whose entries the section lists; a commit changing one dates it too. */
  readonly collections?: readonly ContentCollectionName[];
  /**
   * What the section says when the compound has nothing to show in it: what is missing and,
   * for statutory disclosures, when it should have been published. The page model decides
   * when it applies (compound-page.ts).
   */
  readonly empty?: string;
  /**
   * A disclosure the rules require of the compound: when empty it is listed under 尚未公开;
   * other empty sections (no honour, no correction) are listed under 暂无记录, which is no fault.
   */
  readonly disclosure?: true;
  /** False: left off the printed 公示栏 sheet (links that mean nothing on paper). */
  readonly print?: false;
}

export const COMPOUND_SECTIONS = [
  { id: 'identity', title: '小区概况', tables: ['compounds'] },
  {
    id: 'committee',
    disclosure: true,
    title: '业主委员会',
    tables: ['committees', 'committee_members'],
    empty: '暂无公开数据:公开来源没有本小区业委会(或物管会)的名单和任期。业委会选举或成员变动后应在 3 日内公示。',
  },
  {
    id: 'firm',
    disclosure: true,
    title: '物业服务企业',
    tables: ['contracts'],
    empty: '暂无公开数据:公开来源没有本小区的物业服务合同。',
  },
  {
    id: 'fees',
    disclosure: true,
    title: '物业收费标准',
    tables: ['fee_standards'],
    empty: '暂无公开数据:公开来源没有本小区的物业收费标准。收费标准应明码标价、持续公示,调价应至少提前一个月公示。',
  },
  {
    id: 'collection',
    disclosure: true,
    title: '物业费收缴率',
    tables: ['fee_collection'],
    empty: '暂无公开数据:公开来源没有本小区的物业费收缴情况。物业费收支和收缴率应每年公布。',
  },
  {
    id: 'fund',
    disclosure: true,
    title: '专项维修资金',
    tables: ['fund_ledger', 'fund_allocations'],
    empty: '暂无公开数据:公开来源没有本小区的维修资金账目。维修资金收支和余额应至少每年公布一次(上海为每半年)。',
  },
  {
    id: 'revenue',
    disclosure: true,
    title: '公共收益',
    tables: ['public_revenue'],
    empty:
      '暂无公开数据:公开来源没有本小区的公共收益(广告、停车、场地租赁)收支。上海要求按季度公布,净收益的一半以上转入维修资金。',
  },
  {
    id: 'honours',
    title: '荣誉表彰',
    tables: ['honours'],
    empty: '暂无本小区、业委会、物业企业或相关人员获得表彰的公开记录。',
  },
  {
    id: 'evaluations',
    title: '测评结果',
    tables: ['evaluations'],
    empty: '暂无本小区参加测评或排名的公开记录。',
  },
  {
    id: 'notices',
    disclosure: true,
    title: '公告与审计',
    // Not cases: a case story about the compound is not shown on its page, so editing one
    // must not date this section.
    collections: ['notices', 'audits'],
    empty:
      '暂无公开数据:本站没有收到本小区的公告或审计报告。业委会决定应在作出后 3 日内公告,年度和换届审计报告应公示 30 日。',
  },
  // Judged from the sections above against as_of, not shown rows of its own: no date.
  { id: 'cadence', title: '公示时效', empty: '暂无可判断的公示事项。' },
  // A correction dates the section of the row it corrects (history/compound.ts), not this one.
  {
    id: 'corrections',
    title: '更正记录',
    empty: '本小区的数据没有更正记录。已发布的数据如有更正,会在这里写明原值、更正值和原因。',
  },
  { id: 'data', title: '数据下载与变更记录', print: false },
  { id: 'sources', title: '信息来源' },
] as const satisfies readonly CompoundSectionDef[];

type Def = (typeof COMPOUND_SECTIONS)[number];
export type CompoundSectionId = Def['id'];
/** Sections that show rows or entries of their own, and so carry a "本栏更新于" date. */
export type DatedSectionId = Extract<Def, { tables: unknown } | { collections: unknown }>['id'];

/** Per dated section, the ISO date it last changed. */
export type SectionDates = Partial<Record<DatedSectionId, string>>;

const BY_TABLE = new Map<string, DatedSectionId>();
const BY_COLLECTION = new Map<string, DatedSectionId>();
for (const s of COMPOUND_SECTIONS) {
  if ('tables' in s) for (const t of s.tables) BY_TABLE.set(t, s.id);
  if ('collections' in s) for (const c of s.collections) BY_COLLECTION.set(c, s.id);
}

/** The section showing a table's rows, if the compound page shows that table. */
export function sectionOfTable(table: string): DatedSectionId | undefined {
  return BY_TABLE.get(table);
}

/** The section listing a content collection's entries, if the compound page lists them. */
export function sectionOfCollection(collection: string): DatedSectionId | undefined {
  return BY_COLLECTION.get(collection);
}
