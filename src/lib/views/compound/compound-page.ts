/**
 * Everything the compound page shows, derived once from the indexed site data: the page
 * head, the table of contents, and per section (in the order of sections.ts) its title,
 * date, empty statement and the slice of data its component renders. The page and its
 * components compute nothing but formatting, so the figures are testable without rendering.
 * History stays out of views: the page passes the git dates of its sections in.
 */
import type { Row } from '../../schema/tables.ts';
import type { DatasetMeta } from '../../dataset/types.ts';
import type { AuditData, MdxDoc, NoticeData, SiteData } from '../../model/types.ts';
import { siteCompoundIndex, siteTables } from '../../model/tables.ts';
import { compoundRowsOf } from '../../model/relations.ts';
import { orderedLedgerHead } from '../../validate/ledger/hash-chain.ts';
import { list } from '../../util/group.ts';
import { cmp } from '../../util/compare.ts';
import { numberSources } from '../links.ts';
import { compoundCadence } from '../cadence/site.ts';
import type { CadenceItem } from '../cadence/compute.ts';
import { committeeView } from './committee.ts';
import { firmView } from './firm.ts';
import {
  collectionRates,
  feeSteps,
  feesByCategory,
  type CategoryFees,
  type CollectionRate,
  type StepSeries,
} from './fees.ts';
import { categoriesUsed, fundSummary, type FundSummary } from './fund.ts';
import { revenueByQuarter, revenueTotals, TO_FUND_MIN_BP, type QuarterRevenue } from './revenue.ts';
import { COMPOUND_SECTIONS, type CompoundSectionId, type DatedSectionId, type SectionDates } from './sections.ts';
import { newest, sectionUpdated } from './updated.ts';
import { keyFacts, type KeyFact } from './key-facts.ts';

type Committee = Row<'committees'>;
type Member = Row<'committee_members'>;

/** What each section's component is given. */
export interface SectionBodies {
  identity: {
    compound: Row<'compounds'>;
    district: Row<'districts'> | undefined;
    street: Row<'streets'> | undefined;
  };
  committee: {
    /** The newest term that has started, with its members; `expired` when its term has ended. */
    latest: { term: Committee; members: readonly Member[]; status: 'current' | 'expired' } | undefined;
    /** Every other term, newest first. */
    past: { term: Committee; members: readonly Member[] }[];
    asOf: string;
  };
  firm: {
    /** The contract in force on as_of and its firm (undefined when the firm row is missing). */
    current: { contract: Row<'contracts'>; firm: Row<'firms'> | undefined } | undefined;
    /** Upcoming contracts, then past ones newest first. */
    others: { contract: Row<'contracts'>; firmName: string; upcoming: boolean }[];
    othersCaption: string;
    asOf: string;
  };
  fees: {
    /** Per category the standard in force on as_of. */
    current: CategoryFees[];
    steps: StepSeries;
    /** Units of the step series: one chart per unit, so 元/平方米 and 元/车位 never share an axis. */
    stepUnits: string[];
    /** Every fee standard, newest first. */
    history: Row<'fee_standards'>[];
    asOf: string;
  };
  collection: { rates: CollectionRate[] };
  fund: {
    summary: FundSummary;
    categories: { inflow: string[]; outflow: string[] };
    /** Last link of the ledger's hash chain; undefined for an empty ledger. */
    headHash: string | undefined;
    /** Per shared 支出 row, in ledger order, how it was split across buildings (维修资金分摊). */
    allocations: {
      entry: Row<'fund_ledger'>;
      shares: readonly Row<'fund_allocations'>[];
      /** Sum of the shares in fen; the check (rules/fund-allocations.ts) makes it the entry's amount. */
      total: number;
    }[];
  };
  revenue: {
    quarters: QuarterRevenue[];
    totals: QuarterRevenue;
    /** No more than half the net revenue went to the fund (Shanghai wants more than half). */
    toFundTooLow: boolean;
    sources: string[];
  };
  honours: {
    /** Honours of the compound, its committees and their people. */
    own: Row<'honours'>[];
    /** Honours of the firm serving now and its people, not already listed. */
    firm: Row<'honours'>[];
    /** Names of the firms these honours name, by id. */
    firmNames: ReadonlyMap<string, string>;
  };
  evaluations: { rows: Row<'evaluations'>[] };
  notices: { notices: MdxDoc<NoticeData>[]; audits: MdxDoc<AuditData>[] };
  cadence: { items: CadenceItem[]; asOf: string };
  corrections: { rows: Row<'corrections'>[]; caption: string };
  data: { compoundId: string; district: Row<'districts'> | undefined };
  /** Every source the page cites, in order of first citation. */
  sources: { sources: Row<'sources'>[] };
}

/** One section as the page renders it; `body` is only rendered when `empty` is unset. */
export type CompoundSectionView = {
  [K in CompoundSectionId]: {
    id: K;
    title: string;
    /** ISO date the section last changed ("本栏更新于"); undefined when unknown or undated. */
    updated: string | undefined;
    /** Set when the compound has nothing for this section: the statement shown instead. */
    empty: string | undefined;
    /** False: left off the printed sheet. */
    print: boolean;
    body: SectionBodies[K];
  };
}[CompoundSectionId];

/** An empty section, folded into the one line of what is not (yet) on the page. */
export interface MissingSection {
  id: CompoundSectionId;
  title: string;
  /** The section's own statement: what is missing and, for a disclosure, when it was due. */
  empty: string;
}

export interface MissingSections {
  /** Statutory disclosures nobody has published (尚未公开). */
  disclosures: MissingSection[];
  /** Other sections with nothing to list (暂无记录): no honour, no correction. */
  records: MissingSection[];
  /**
   * Since when the site has listed the compound and so has known these are missing: the date of
   * the commit that added its row (history/compound.ts). Undefined when git cannot tell (no
   * history, a shallow clone): the line then says 截至 the data's as_of instead.
   */
  since: string | undefined;
  asOf: string;
}

export interface CompoundPageData {
  compound: Row<'compounds'>;
  district: Row<'districts'> | undefined;
  street: Row<'streets'> | undefined;
  meta: DatasetMeta;
  /** Page title (the site name is appended by the layout) and description for search engines. */
  title: string;
  description: string;
  /** City · district · street · neighbourhood, under the heading. */
  lede: string;
  /** True when the page shows any demo row. */
  showsDemo: boolean;
  honourTitles: string[];
  honourYears: number[];
  /** 要点: the first-screen answers, each pointing at its section. */
  keyFacts: KeyFact[];
  /** The sections with something to show, in registry order; the table of contents lists these. */
  toc: { id: CompoundSectionId; title: string }[];
  sections: CompoundSectionView[];
  /** The sections with nothing to show, one line instead of a box each. */
  missing: MissingSections;
  /** The page's numbering of its sources, for every citation marker. */
  sourceNumbers: Map<string, number>;
}

// A 失管 compound has no firm by definition: say so rather than "no data".
const UNMANAGED = '本小区目前没有物业服务企业(失管小区)。';

/**
 * @param gitDates per section the date of the last commit that changed it (history/compound.ts).
 * @param listedSince the date of the commit that added the compound's row (history/compound.ts).
 */
export function compoundPageData(
  site: SiteData,
  id: string,
  gitDates?: SectionDates,
  listedSince?: string,
): CompoundPageData {
  const compound = site.compoundById.get(id);
  if (!compound) throw new Error(`小区 ${id} 不在 data/compounds.csv 中`);
  const asOf = site.meta.as_of;
  const district = site.districtById.get(compound.district_id);
  const street = compound.street_id ? site.streetById.get(compound.street_id) : undefined;

  const terms = list(site.committeesByCompound, id);
  const committee = committeeView(terms, asOf);
  const membersOf = (t: Committee) => list(site.membersByCommittee, t.id);
  const members = terms.flatMap(membersOf);
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
  // The check puts an allocation under its ledger row's compound (rules/fund-allocations.ts): a
  // compound with none, nearly all of them, skips a lookup per ledger row.
  const allocated = compoundRowsOf(siteTables(site), siteCompoundIndex(site), id, 'fund_allocations').length > 0;
  const allocations = (allocated ? fund.lines : [])
    .map((l) => {
      const shares = list(site.allocationsByLedger, l.entry.id);
      return { entry: l.entry, shares, total: shares.reduce((sum, x) => sum + x.amount, 0) };
    })
    .filter((a) => a.shares.length > 0);
  const revenueRows = list(site.revenueByCompound, id);
  const revenue = revenueByQuarter(revenueRows);
  const revenueSum = revenueTotals(revenue);

  const honours = [...list(site.honoursByCompound, id)];
  const shown = new Set(honours.map((h) => h.id));
  const firmHonours = list(site.honoursByFirm, firm.current?.firm_id).filter((h) => !shown.has(h.id));
  const allHonours = [...honours, ...firmHonours];

  const evaluations = [...list(site.evaluationsByCompound, id)];
  const notices = [...list(site.noticesByCompound, id)];
  const audits = [...list(site.auditsByCompound, id)];
  const cadence = compoundCadence(site, id);
  const corrections = compoundRowsOf(siteTables(site), siteCompoundIndex(site), id, 'corrections');

  // Number sources in the order the page cites them, section by section.
  const cited = [
    compound.source_id,
    ...terms.map((t) => t.source_id),
    ...members.map((m) => m.source_id),
    ...contracts.map((k) => k.source_id),
    ...standards.map((s) => s.source_id),
    ...collectionRows.map((r) => r.source_id),
    ...fund.lines.map((l) => l.entry.source_id),
    ...allocations.flatMap((a) => a.shares.map((x) => x.source_id)),
    ...revenueRows.map((r) => r.source_id),
    ...allHonours.map((h) => h.source_id),
    ...evaluations.map((e) => e.source_id),
    ...notices.map((n) => n.data.source),
    ...audits.map((a) => a.data.source),
  ];
  const { sources, numbers: sourceNumbers } = numberSources(site, cited);

  const updated = sectionUpdated(
    {
      identity: undefined,
      committee: newest(terms.flatMap((t) => [t.elected_on, t.term_start])),
      firm: newest(contracts.map((k) => k.start)),
      fees: newest(standards.flatMap((s) => [s.announced_on, s.effective_from])),
      // A year's collection figures carry no publication date; only the git history can date them.
      collection: undefined,
      fund: fund.lastDate,
      revenue: undefined,
      honours: newest(allHonours.map((h) => h.date)),
      evaluations: undefined,
      notices: newest([...notices.map((n) => n.data.date), ...audits.map((a) => a.data.published_on)]),
    },
    gitDates,
    asOf,
  );

  const firmName = (firmId: string) => site.firmById.get(firmId)?.name;
  const firmNames = new Map<string, string>();
  for (const h of allHonours) {
    const name = h.firm_id ? firmName(h.firm_id) : undefined;
    if (name !== undefined) firmNames.set(h.firm_id!, name);
  }
  const firmsShown = [
    ...contracts.map((k) => k.firm_id),
    ...firmHonours.flatMap((h) => (h.firm_id ? [h.firm_id] : [])),
  ];
  const showsDemo =
    compound.demo ||
    firmsShown.some((f) => site.firmById.get(f)?.demo === true) ||
    sources.some((s) => s.kind === '演示数据');

  const bodies: SectionBodies = {
    identity: { compound, district, street },
    committee: {
      latest: committee.latest && {
        term: committee.latest,
        members: membersOf(committee.latest),
        status: committee.status === 'expired' ? 'expired' : 'current',
      },
      past: committee.past.map((term) => ({ term, members: membersOf(term) })),
      asOf,
    },
    firm: {
      current: firm.current && { contract: firm.current, firm: site.firmById.get(firm.current.firm_id) },
      others: [...firm.upcoming, ...firm.past].map((contract) => ({
        contract,
        firmName: firmName(contract.firm_id) ?? contract.firm_id,
        upcoming: firm.upcoming.includes(contract),
      })),
      othersCaption: firm.upcoming.length > 0 ? '以往和即将开始的物业企业' : '以往的物业企业',
      asOf,
    },
    fees: {
      current: fees,
      steps,
      stepUnits: [...new Set(steps.series.map((x) => x.unit))],
      history: feeHistory,
      asOf,
    },
    collection: { rates: collection },
    fund: {
      summary: fund,
      categories: categoriesUsed(fund.years),
      headHash: orderedLedgerHead(fund.lines.map((l) => l.entry)),
      allocations,
    },
    revenue: {
      quarters: revenue,
      totals: revenueSum,
      toFundTooLow: revenueSum.toFundBp !== undefined && revenueSum.toFundBp <= TO_FUND_MIN_BP,
      sources: [...new Set(revenueRows.map((r) => r.source_id))],
    },
    honours: { own: honours, firm: firmHonours, firmNames },
    evaluations: { rows: evaluations },
    notices: { notices, audits },
    cadence: { items: cadence?.items ?? [], asOf },
    corrections: { rows: corrections, caption: `${compound.name}的更正记录` },
    data: { compoundId: compound.id, district },
    sources: { sources },
  };

  const hasNothing: Record<CompoundSectionId, boolean> = {
    identity: false,
    committee: !committee.latest,
    firm: bodies.firm.current === undefined && bodies.firm.others.length === 0,
    fees: fees.length === 0,
    collection: collection.length === 0,
    fund: fund.lines.length === 0,
    revenue: revenue.length === 0,
    honours: allHonours.length === 0,
    evaluations: evaluations.length === 0,
    notices: notices.length === 0 && audits.length === 0,
    cadence: !cadence,
    corrections: corrections.length === 0,
    data: false,
    sources: false,
  };

  const all = COMPOUND_SECTIONS.map((def) => {
    const emptyText = def.id === 'firm' && compound.management_mode === '失管' ? UNMANAGED : emptyOf(def);
    return {
      id: def.id,
      title: def.title,
      updated: updated[def.id as DatedSectionId],
      empty: hasNothing[def.id] ? emptyText : undefined,
      print: !('print' in def),
      body: bodies[def.id],
    } as CompoundSectionView; // id and body are correlated; TypeScript cannot follow that through map().
  });
  const sections = all.filter((s) => s.empty === undefined);
  const folded = (disclosure: boolean): MissingSection[] =>
    all.flatMap((s, i) => {
      const def = COMPOUND_SECTIONS[i]!;
      return s.empty !== undefined && 'disclosure' in def === disclosure
        ? [{ id: s.id, title: s.title, empty: s.empty }]
        : [];
    });

  const placeName = [district?.name, street?.name].filter(Boolean).join('');
  return {
    compound,
    district,
    street,
    meta: site.meta,
    title: `${compound.name}${placeName ? `(${placeName})` : ''}`,
    description: `${placeName}${compound.name}的公示信息:业委会、物业企业、收费标准、维修资金、公共收益、荣誉与公告,每条注明来源。`,
    lede: [district?.city, district?.name, street?.name, compound.neighbourhood].filter(Boolean).join(' · '),
    showsDemo,
    honourTitles: [...new Set(allHonours.map((h) => h.title))].sort(cmp),
    honourYears: [...new Set(allHonours.map((h) => h.year))].sort((a, b) => a - b),
    keyFacts: keyFacts(compound, bodies),
    toc: sections.map(({ id, title }) => ({ id, title })),
    sections,
    missing: { disclosures: folded(true), records: folded(false), since: listedSince, asOf },
    sourceNumbers,
  };
}

function emptyOf(def: (typeof COMPOUND_SECTIONS)[number]): string | undefined {
  return 'empty' in def ? def.empty : undefined;
}
