/**
 * Which disclosure items of each compound are current, due or overdue, judged
 * against the data's as-of date (never the clock).
 *
 * An item is judged only once the compound has published it at least once in this
 * portal ("none" before that): the portal holds only what reached it, and saying a
 * real compound failed to disclose what we merely never received would be false.
 */
import { addMonths, daysBetween, formatDateZh } from '../../util/dates.ts';
import { addDays, between, endOf, keyOf, periodLabel, periodOf, previous, type PeriodKind } from './periods.ts';
import {
  AUDIT_RULE,
  COLLECTION_RULE,
  COMMITTEE_NOTICE_DAYS,
  FEE_NOTICE_MONTHS,
  rulesFor,
  TERM_DUE_DAYS,
  type PeriodicRule,
} from './rules.ts';
import { shareBasisPoints } from '../format.ts';
import { cmp } from '../../util/compare.ts';
import { byId, groupBy, type Index } from '../../util/group.ts';

export type CadenceStatus = 'current' | 'due' | 'overdue' | 'violation' | 'none';

export const STATUS_LABEL: Record<CadenceStatus, string> = {
  current: '按时',
  due: '待公示',
  overdue: '逾期',
  violation: '违规',
  none: '暂无记录',
};

export type CadenceItemId = 'committee' | 'fees' | 'collection' | 'fund' | 'revenue' | 'audit';

export const ITEM_LABEL: Record<CadenceItemId, string> = {
  committee: '业委会名单与换届',
  fees: '收费标准调整提前公示',
  collection: '物业费收缴情况',
  fund: '专项维修资金收支',
  revenue: '公共收益收支',
  audit: '业委会年度审计',
};

export interface CadenceItem {
  item: CadenceItemId;
  label: string;
  status: CadenceStatus;
  /** The rule, in words. */
  rule: string;
  /** What the data shows, in words. */
  detail: string;
  /** The date by which the next or missing disclosure is (was) due, when there is one. */
  deadline?: string;
}

export interface CadenceInput {
  asOf: string;
  compounds: readonly { id: string; district_id: string; street_id?: string | undefined }[];
  districts: readonly { id: string; city: string }[];
  sources: readonly { id: string; published_on?: string | undefined }[];
  committees: readonly {
    id: string;
    compound_id: string;
    kind: string;
    term_start?: string | undefined;
    term_end?: string | undefined;
    elected_on?: string | undefined;
    source_id: string;
  }[];
  fee_standards: readonly {
    id: string;
    compound_id: string;
    category: string;
    announced_on?: string | undefined;
    effective_from: string;
  }[];
  fee_collection: readonly { compound_id: string; year: number }[];
  fund_ledger: readonly { compound_id: string; date: string }[];
  public_revenue: readonly { compound_id: string; year: number; quarter: number }[];
  audits: readonly { compound: string; kind: string; period_end: string; published_on: string }[];
}

/** Judge a periodic item from the set of periods the compound has published. */
export function judgePeriodic(
  asOf: string,
  rule: PeriodicRule,
  published: ReadonlySet<string>,
  noun: string,
): Omit<CadenceItem, 'item' | 'label'> {
  const kind: PeriodKind = rule.period;
  if (published.size === 0) return { status: 'none', rule: rule.text, detail: `本站尚未收录${noun}` };
  const lastComplete = previous(periodOf(asOf, kind), kind);
  const lastDeadline = addDays(endOf(lastComplete, kind), rule.graceDays);
  const required = asOf > lastDeadline ? lastComplete : previous(lastComplete, kind);
  const latest = [...published].sort(cmp).at(-1)!;
  const shown = `最近一期记录:${periodLabel(latest)}`;
  if (latest >= lastComplete) {
    const next = periodOf(asOf, kind);
    return { status: 'current', rule: rule.text, detail: shown, deadline: addDays(endOf(next, kind), rule.graceDays) };
  }
  if (latest >= required) {
    return {
      status: 'due',
      rule: rule.text,
      detail: `${shown};${periodLabel(lastComplete)}应于 ${formatDateZh(lastDeadline)} 前公示`,
      deadline: lastDeadline,
    };
  }
  const missing = between(latest, required, kind) + 1;
  const firstMissing = (() => {
    let k = required;
    for (let i = 1; i < missing; i++) k = previous(k, kind);
    return k;
  })();
  const dueOn = addDays(endOf(firstMissing, kind), rule.graceDays);
  return {
    status: 'overdue',
    rule: rule.text,
    detail: `${shown};${periodLabel(firstMissing)}起 ${missing} 期未公示,最早一期应于 ${formatDateZh(dueOn)} 前公示`,
    deadline: dueOn,
  };
}

type Committee = CadenceInput['committees'][number];

function judgeCommittee(
  asOf: string,
  terms: readonly Committee[],
  sources: ReadonlyMap<string, { published_on?: string | undefined }>,
): Omit<CadenceItem, 'item' | 'label'> {
  const rule = `任期届满前换届;选举后 ${COMMITTEE_NOTICE_DAYS} 日内公示名单`;
  if (terms.length === 0) return { status: 'none', rule, detail: '本站尚未收录业委会/物管会届次' };
  const dated = terms.filter((t) => t.term_start || t.elected_on);
  const latest =
    [...dated].sort((a, b) => cmp(a.term_start ?? a.elected_on ?? '', b.term_start ?? b.elected_on ?? '')).at(-1) ??
    terms[terms.length - 1]!;
  // The 3-day rule: the source that published the roster against the election date.
  const late = terms.flatMap((t) => {
    const published = sources.get(t.source_id)?.published_on;
    if (!t.elected_on || !published) return [];
    const days = daysBetween(t.elected_on, published);
    return days > COMMITTEE_NOTICE_DAYS ? [`${formatDateZh(t.elected_on)}选举的名单 ${days} 天后才公示`] : [];
  });
  if (late.length > 0) return { status: 'violation', rule, detail: late.join(';') };
  if (!latest.term_end)
    return { status: 'none', rule, detail: `${latest.kind}任期结束日期未公布,无法判断换届是否按期` };
  if (latest.term_end < asOf) {
    return {
      status: 'overdue',
      rule,
      detail: `最近一届任期已于 ${formatDateZh(latest.term_end)} 届满,未见换届记录`,
      deadline: latest.term_end,
    };
  }
  if (daysBetween(asOf, latest.term_end) <= TERM_DUE_DAYS) {
    return {
      status: 'due',
      rule,
      detail: `本届任期 ${formatDateZh(latest.term_end)} 届满,应组织换届`,
      deadline: latest.term_end,
    };
  }
  return { status: 'current', rule, detail: `本届任期至 ${formatDateZh(latest.term_end)}`, deadline: latest.term_end };
}

type Fee = CadenceInput['fee_standards'][number];

function judgeFees(fees: readonly Fee[]): Omit<CadenceItem, 'item' | 'label'> {
  const rule = `调价至少提前 ${FEE_NOTICE_MONTHS} 个月公示`;
  // The first standard of each category is the baseline, not a change.
  const changes = [...groupBy(fees, (f) => f.category).values()].flatMap((list) =>
    [...list].sort((a, b) => cmp(a.effective_from, b.effective_from)).slice(1),
  );
  if (changes.length === 0) return { status: 'none', rule, detail: '本站未收录调价记录' };
  const problems: string[] = [];
  const unknown: string[] = [];
  for (const f of changes) {
    if (!f.announced_on) {
      unknown.push(`${f.category} ${formatDateZh(f.effective_from)}起的调价未记录公示日期`);
      continue;
    }
    const earliest = addMonths(f.announced_on, FEE_NOTICE_MONTHS);
    if (earliest > f.effective_from) {
      problems.push(
        `${f.category}:${formatDateZh(f.announced_on)}公示,${formatDateZh(f.effective_from)}执行,相隔 ${daysBetween(f.announced_on, f.effective_from)} 天,不足 ${FEE_NOTICE_MONTHS} 个月`,
      );
    }
  }
  if (problems.length > 0) return { status: 'violation', rule, detail: [...problems, ...unknown].join(';') };
  if (unknown.length > 0) return { status: 'due', rule, detail: unknown.join(';') };
  return { status: 'current', rule, detail: `${changes.length} 次调价均提前 ${FEE_NOTICE_MONTHS} 个月以上公示` };
}

export interface CompoundCadence {
  compound: string;
  street?: string | undefined;
  district: string;
  items: CadenceItem[];
  /** Items judged (status other than none). */
  judged: number;
  /** Judged items neither overdue nor in violation. */
  met: number;
  /** met / judged in basis points (0–10000), undefined when nothing is judged. */
  scoreBp?: number;
}

/**
 * What judging one compound reads, looked up by its id: a site model's own indexes (site.ts) or
 * the groups computeCadence makes from flat rows. Each list keeps its table's order.
 */
export interface CadenceLookups {
  asOf: string;
  districts: ReadonlyMap<string, { city: string }>;
  sources: ReadonlyMap<string, { published_on?: string | undefined }>;
  committees: Index<CadenceInput['committees'][number]>;
  fees: Index<CadenceInput['fee_standards'][number]>;
  collection: Index<CadenceInput['fee_collection'][number]>;
  fund: Index<CadenceInput['fund_ledger'][number]>;
  revenue: Index<CadenceInput['public_revenue'][number]>;
  /** Only the annual audits (AUDIT_KIND). */
  audits: Index<{ period_end: string }>;
}

/** The kind of audit report the audit item judges. */
export const AUDIT_KIND = '年度审计';

export function computeCadence(input: CadenceInput): CompoundCadence[] {
  const lookups: CadenceLookups = {
    asOf: input.asOf,
    districts: byId(input.districts),
    sources: byId(input.sources),
    committees: groupBy(input.committees, (r) => r.compound_id),
    fees: groupBy(input.fee_standards, (r) => r.compound_id),
    collection: groupBy(input.fee_collection, (r) => r.compound_id),
    fund: groupBy(input.fund_ledger, (r) => r.compound_id),
    revenue: groupBy(input.public_revenue, (r) => r.compound_id),
    audits: groupBy(
      input.audits.filter((a) => a.kind === AUDIT_KIND),
      (r) => r.compound,
    ),
  };
  return input.compounds.map((c) => judgeCompound(lookups, c));
}

/** One compound's cadence: it reads only the compound's own rows. */
export function judgeCompound(
  l: CadenceLookups,
  c: { id: string; district_id: string; street_id?: string | undefined },
): CompoundCadence {
  const { districts, sources, committees, fees, collection, fund, revenue, audits } = l;
  const rules = rulesFor(districts.get(c.district_id)?.city);
  const asOf = l.asOf;
  const keys = <T>(rows: readonly T[] | undefined, f: (r: T) => string) => new Set((rows ?? []).map(f));
  const items: CadenceItem[] = [
    { item: 'committee', label: ITEM_LABEL.committee, ...judgeCommittee(asOf, committees.get(c.id) ?? [], sources) },
    { item: 'fees', label: ITEM_LABEL.fees, ...judgeFees(fees.get(c.id) ?? []) },
    {
      item: 'collection',
      label: ITEM_LABEL.collection,
      ...judgePeriodic(
        asOf,
        COLLECTION_RULE,
        keys(collection.get(c.id), (r) => String(r.year)),
        '收缴情况',
      ),
    },
    {
      item: 'fund',
      label: ITEM_LABEL.fund,
      ...judgePeriodic(
        asOf,
        rules.fund,
        keys(fund.get(c.id), (r) => periodOf(r.date, rules.fund.period)),
        '维修资金收支',
      ),
    },
    {
      item: 'revenue',
      label: ITEM_LABEL.revenue,
      ...judgePeriodic(
        asOf,
        rules.revenue,
        keys(revenue.get(c.id), (r) =>
          rules.revenue.period === 'quarter'
            ? keyOf(r.year, r.quarter, 'quarter')
            : periodOf(`${r.year}-${String(r.quarter * 3).padStart(2, '0')}-01`, rules.revenue.period),
        ),
        '公共收益',
      ),
    },
    {
      item: 'audit',
      label: ITEM_LABEL.audit,
      ...judgePeriodic(
        asOf,
        AUDIT_RULE,
        keys(audits.get(c.id), (r) => r.period_end.slice(0, 4)),
        '年度审计报告',
      ),
    },
  ];
  const judged = items.filter((i) => i.status !== 'none').length;
  const met = items.filter((i) => i.status === 'current' || i.status === 'due').length;
  const scoreBp = shareBasisPoints(met, judged);
  return {
    compound: c.id,
    street: c.street_id,
    district: c.district_id,
    items,
    judged,
    met,
    ...(scoreBp !== undefined ? { scoreBp } : {}),
  };
}
