/**
 * Everything the compound page shows, derived once from the indexed site data.
 * Kept out of the .astro file so the figures are testable without rendering.
 */
import type { Row } from '../../schema/tables.ts';
import type { AuditData, MdxDoc, NoticeData, SiteData } from '../../model/types.ts';
import { list } from '../../util/group.ts';
import { committeeView, type CommitteeView } from './committee.ts';
import { firmView, type FirmView } from './firm.ts';
import {
  collectionRates,
  feeSteps,
  feesByCategory,
  type CategoryFees,
  type CollectionRate,
  type StepSeries,
} from './fees.ts';
import { categoriesUsed, fundSummary, type FundSummary } from './fund.ts';
import { revenueByQuarter, revenueTotals, type QuarterRevenue } from './revenue.ts';
import { newest, type SectionDates } from './updated.ts';
import { cmp } from '../../util/compare.ts';
import { numberSources } from '../links.ts';

export interface CompoundPageData {
  compound: Row<'compounds'>;
  district: Row<'districts'> | undefined;
  street: Row<'streets'> | undefined;
  asOf: string;
  committee: CommitteeView;
  firm: FirmView;
  fees: CategoryFees[];
  feeSteps: StepSeries;
  /** Units of the step series: one chart per unit, so 元/平方米 and 元/车位 never share an axis. */
  feeStepUnits: string[];
  /** Every fee standard, newest first. */
  feeHistory: Row<'fee_standards'>[];
  collection: CollectionRate[];
  fund: FundSummary;
  fundCategories: { inflow: string[]; outflow: string[] };
  revenue: QuarterRevenue[];
  revenueTotals: QuarterRevenue;
  revenueSources: string[];
  /** Honours of the compound, its committees and their people. */
  honours: Row<'honours'>[];
  /** Honours of the firm serving now and its people, not already listed. */
  firmHonours: Row<'honours'>[];
  honourTitles: string[];
  honourYears: number[];
  evaluations: Row<'evaluations'>[];
  notices: MdxDoc<NoticeData>[];
  audits: MdxDoc<AuditData>[];
  /** Every source the page cites, in order of first citation. */
  sources: Row<'sources'>[];
  sourceNumbers: Map<string, number>;
  /** Date each section last changed, from the data itself. */
  updated: SectionDates;
  /** True when the page shows any demo row. */
  showsDemo: boolean;
  toc: { id: string; title: string }[];
}

export const COMPOUND_TOC = [
  { id: 'identity', title: '小区概况' },
  { id: 'committee', title: '业主委员会' },
  { id: 'firm', title: '物业服务企业' },
  { id: 'fees', title: '物业收费标准' },
  { id: 'collection', title: '物业费收缴率' },
  { id: 'fund', title: '专项维修资金' },
  { id: 'revenue', title: '公共收益' },
  { id: 'honours', title: '荣誉表彰' },
  { id: 'evaluations', title: '测评结果' },
  { id: 'notices', title: '公告与审计' },
  { id: 'sources', title: '信息来源' },
];

export function compoundPageData(site: SiteData, id: string, gitDates?: SectionDates): CompoundPageData {
  const compound = site.compoundById.get(id);
  if (!compound) throw new Error(`小区 ${id} 不在 data/compounds.csv 中`);
  const asOf = site.meta.as_of;
  const district = site.districtById.get(compound.district_id);
  const street = compound.street_id ? site.streetById.get(compound.street_id) : undefined;

  const terms = list(site.committeesByCompound, id);
  const committee = committeeView(terms, asOf);
  const members = terms.flatMap((t) => list(site.membersByCommittee, t.id));
  const contracts = list(site.contractsByCompound, id);
  const firm = firmView(contracts, asOf);
  const standards = list(site.feeStandardsByCompound, id);
  const fees = feesByCategory(standards, asOf);
  const steps = feeSteps(fees, asOf);
  const feeHistory = [...standards].sort(
    (a, b) => -cmp(a.effective_from, b.effective_from) || cmp(a.category, b.category) || cmp(a.id, b.id),
  );
  const collectionRows = list(site.feeCollectionByCompound, id);
  const collection = collectionRates(collectionRows);
  const fund = fundSummary(list(site.fundLedgerByCompound, id));
  const revenueRows = list(site.revenueByCompound, id);
  const revenue = revenueByQuarter(revenueRows);

  const honours = [...list(site.honoursByCompound, id)];
  const shown = new Set(honours.map((h) => h.id));
  const currentFirmId = firm.current?.firm_id;
  const firmHonours = list(site.honoursByFirm, currentFirmId).filter((h) => !shown.has(h.id));
  const allHonours = [...honours, ...firmHonours];

  const evaluations = [...list(site.evaluationsByCompound, id)];
  const notices = [...list(site.noticesByCompound, id)];
  const audits = [...list(site.auditsByCompound, id)];

  // Number sources in the order the page cites them, section by section.
  const cited = [
    compound.source_id,
    ...terms.map((t) => t.source_id),
    ...members.map((m) => m.source_id),
    ...contracts.map((k) => k.source_id),
    ...standards.map((s) => s.source_id),
    ...collectionRows.map((r) => r.source_id),
    ...fund.lines.map((l) => l.entry.source_id),
    ...revenueRows.map((r) => r.source_id),
    ...allHonours.map((h) => h.source_id),
    ...evaluations.map((e) => e.source_id),
    ...notices.map((n) => n.data.source),
    ...audits.map((a) => a.data.source),
  ];
  const { sources, numbers: sourceNumbers } = numberSources(site, cited);

  const fromData: SectionDates = {
    identity: undefined,
    committee: newest(terms.flatMap((t) => [t.elected_on, t.term_start])),
    firm: newest(contracts.map((k) => k.start)),
    fees: newest(standards.flatMap((s) => [s.announced_on, s.effective_from])),
    // A year's collection figures carry no publication date; only the git hook can date them.
    collection: undefined,
    fund: fund.lastDate,
    revenue: undefined,
    honours: newest(allHonours.map((h) => h.date)),
    evaluations: undefined,
    notices: newest([...notices.map((n) => n.data.date), ...audits.map((a) => a.data.published_on)]),
  };
  // Data dates after as_of (a term end, a year end) are not changes yet, so they are capped.
  // Git dates are when the portal's record changed and are shown as they are, even after as_of.
  const updated: SectionDates = {};
  for (const [k, v] of Object.entries(fromData) as [keyof SectionDates, string | undefined][]) {
    if (v !== undefined) updated[k] = v > asOf ? asOf : v;
  }
  for (const [k, v] of Object.entries(gitDates ?? {}) as [keyof SectionDates, string | undefined][]) {
    if (v !== undefined) updated[k] = v;
  }

  const firmsShown = [
    ...contracts.map((k) => k.firm_id),
    ...firmHonours.flatMap((h) => (h.firm_id ? [h.firm_id] : [])),
  ];
  const showsDemo =
    compound.demo ||
    firmsShown.some((f) => site.firmById.get(f)?.demo === true) ||
    sources.some((s) => s.kind === '演示数据');

  return {
    compound,
    district,
    street,
    asOf,
    committee,
    firm,
    fees,
    feeSteps: steps,
    feeStepUnits: [...new Set(steps.series.map((x) => x.unit))],
    feeHistory,
    collection,
    fund,
    fundCategories: categoriesUsed(fund.years),
    revenue,
    revenueTotals: revenueTotals(revenue),
    revenueSources: [...new Set(revenueRows.map((r) => r.source_id))],
    honours,
    firmHonours,
    honourTitles: [...new Set(allHonours.map((h) => h.title))].sort(cmp),
    honourYears: [...new Set(allHonours.map((h) => h.year))].sort((a, b) => a - b),
    evaluations,
    notices,
    audits,
    sources,
    sourceNumbers,
    updated,
    showsDemo,
    toc: COMPOUND_TOC,
  };
}
