/**
 * 要点: the answers a resident looks for first (who manages the compound, what it costs, what is
 * left in the maintenance fund, who chairs the committee, whether it is under supervision, what
 * is overdue, the latest notice), one line each, taken from the section slices the page already
 * computed, so the first phone screen and the sections below can never disagree. A fact the
 * sources do not give reads 未公开 in its line rather than vanishing: absence is an answer too.
 */
import type { Row } from '../../schema/tables.ts';
import { STATUS_LABEL } from '../cadence/compute.ts';
import { formatDate, formatRate, formatYuan } from '../format.ts';
import { noticeHref } from '../urls.ts';
import type { SectionBodies } from './compound-page.ts';
import type { CompoundSectionId } from './sections.ts';

/** Shown in a line whose fact no source gives. */
export const NOT_DISCLOSED = '未公开';

export interface KeyFact {
  /** The section the line summarises; its label links there. */
  section: CompoundSectionId;
  label: string;
  /** The fact itself, or 未公开. */
  value: string;
  /** A second clause (contract end, term end, as-of of the balance). */
  detail?: string;
  /** A warning that belongs to the fact (30% line, expired term, overdue items). */
  warning?: string;
  /** Where the value itself leads, when it is a page of its own (the latest notice). */
  href?: string;
}

/** Outcomes that put a compound under supervision (the 后进小区 lists and 限期整改). */
const SUPERVISION = new Set<Row<'evaluations'>['outcome']>(['后进小区督办', '限期整改']);

type Bodies = Pick<SectionBodies, 'firm' | 'fees' | 'fund' | 'committee' | 'evaluations' | 'cadence' | 'notices'>;

export function keyFacts(compound: Row<'compounds'>, b: Bodies): KeyFact[] {
  const facts: KeyFact[] = [firmFact(compound, b.firm), feeFact(b.fees), fundFact(b.fund), committeeFact(b.committee)];
  const supervision = supervisionFact(b.evaluations.rows);
  if (supervision) facts.push(supervision);
  const overdue = overdueFact(b.cadence);
  if (overdue) facts.push(overdue);
  facts.push(noticeFact(b.notices));
  return facts;
}

function firmFact(compound: Row<'compounds'>, firm: SectionBodies['firm']): KeyFact {
  const base = { section: 'firm' as const, label: '物业企业' };
  if (!firm.current) {
    const value = compound.management_mode === '失管' ? '无物业服务企业(失管小区)' : NOT_DISCLOSED;
    return { ...base, value };
  }
  const { contract, firm: row } = firm.current;
  return {
    ...base,
    value: row?.name ?? contract.firm_id,
    detail: contract.end ? `合同至 ${formatDate(contract.end)}` : '合同期限未公开',
  };
}

function feeFact(fees: SectionBodies['fees']): KeyFact {
  const rates = fees.current.flatMap((f) =>
    f.current ? [`${f.category} ${formatRate(f.current.rate, f.current.unit)}`] : [],
  );
  return { section: 'fees', label: '物业费', value: rates.length > 0 ? rates.join(';') : NOT_DISCLOSED };
}

function fundFact(fund: SectionBodies['fund']): KeyFact {
  const s = fund.summary;
  const base = { section: 'fund' as const, label: '维修资金' };
  if (s.lines.length === 0) return { ...base, value: NOT_DISCLOSED };
  return {
    ...base,
    value: formatYuan(s.balance),
    detail: `截至 ${formatDate(s.lastDate)}`,
    warning: s.belowThreshold ? '低于首期归集的 30%,应续筹' : undefined,
  };
}

function committeeFact(committee: SectionBodies['committee']): KeyFact {
  const base = { section: 'committee' as const, label: '业委会' };
  const latest = committee.latest;
  if (!latest) return { ...base, value: NOT_DISCLOSED };
  const label = latest.term.kind;
  const chair = latest.members.find((m) => m.role === '主任');
  const end = latest.term.term_end;
  return {
    ...base,
    label,
    value: chair ? `主任 ${chair.name}` : `主任${NOT_DISCLOSED}`,
    detail: end ? `任期至 ${formatDate(end)}` : '任期未公开',
    warning: latest.status === 'expired' ? `任期已于 ${formatDate(end)} 届满,尚无新一届的公开记录` : undefined,
  };
}

/** The newest assessment with a consequence decides: a later 达标 ends the supervision. */
function supervisionFact(rows: readonly Row<'evaluations'>[]): KeyFact | undefined {
  const newest = rows.find((r) => r.outcome !== undefined);
  if (!newest || !SUPERVISION.has(newest.outcome)) return undefined;
  // The evaluator and the note are one tap away in the section; the line stays one line.
  return { section: 'evaluations', label: '督办', value: `${newest.year}年 ${newest.outcome}` };
}

function overdueFact(cadence: SectionBodies['cadence']): KeyFact | undefined {
  const late = cadence.items.filter((i) => i.status === 'overdue' || i.status === 'violation');
  if (late.length === 0) return undefined;
  return {
    section: 'cadence',
    label: '逾期公示',
    value: `${late.length} 项`,
    warning: late.map((i) => `${i.label}(${STATUS_LABEL[i.status]})`).join('、'),
  };
}

function noticeFact(notices: SectionBodies['notices']): KeyFact {
  const latest = notices.notices[0];
  const base = { section: 'notices' as const, label: '最新公告' };
  if (!latest) return { ...base, value: NOT_DISCLOSED };
  return { ...base, value: latest.data.title, detail: formatDate(latest.data.date), href: noticeHref(latest.id) };
}
