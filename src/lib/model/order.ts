/**
 * The order every list is shown in unless a page re-sorts it, decided once
 * for the whole site so two pages never list the same rows differently.
 */
import type { TableName } from '../schema/tables.ts';
import { TABLE_NAMES } from '../schema/tables.ts';
import { cmp } from '../util/compare.ts';
import type { MdxDocs, Rows } from './types.ts';

type SortValue = string | number | undefined;
/** A sort key; wrap in desc() for newest-first. Blank values always sort last. */
type SortKey<T> = ((x: T) => SortValue) | { desc: (x: T) => SortValue };

function desc<T>(key: (x: T) => SortValue): SortKey<T> {
  return { desc: key };
}

/** Compose comparators: the first non-zero wins. */
function by<T>(...keys: SortKey<T>[]): (a: T, b: T) => number {
  return (a, b) => {
    for (const k of keys) {
      let c: number;
      if (typeof k === 'function') c = cmp(k(a), k(b));
      else {
        const va = k.desc(a);
        const vb = k.desc(b);
        c = va === undefined || vb === undefined ? cmp(va, vb) : -cmp(va, vb);
      }
      if (c !== 0) return c;
    }
    return 0;
  };
}

/** Sort orders: the order each list is shown in unless a page re-sorts it. */
export function sortRows(input: Rows): Rows {
  const s = <T>(rows: readonly T[], order: (a: T, b: T) => number): T[] => [...rows].sort(order);
  // Tables without a page order of their own (added to the standard later) sort by id.
  const generic = (name: TableName) =>
    s(
      (input[name] ?? []) as { id: string }[],
      by((r) => r.id),
    );
  const ordered = {
    sources: s(
      input.sources,
      by((r) => r.id),
    ),
    districts: s(
      input.districts,
      by((r) => r.id),
    ),
    streets: s(
      input.streets,
      by(
        (r) => r.district_id,
        (r) => r.id,
      ),
    ),
    compounds: s(
      input.compounds,
      by(
        (r) => r.name,
        (r) => r.id,
      ),
    ),
    firms: s(
      input.firms,
      by(
        (r) => r.name,
        (r) => r.id,
      ),
    ),
    // Oldest term first; pages pick the current one with views/compound/committee.ts.
    committees: s(
      input.committees,
      by(
        (r) => r.compound_id,
        (r) => r.term_start,
        (r) => r.term_number,
        (r) => r.id,
      ),
    ),
    committee_members: s(
      input.committee_members,
      by(
        (r) => r.committee_id,
        (r) => ROLE_ORDER[r.role] ?? 9,
        (r) => r.id,
      ),
    ),
    contracts: s(
      input.contracts,
      by(
        (r) => r.compound_id,
        (r) => r.start,
        (r) => r.id,
      ),
    ),
    fee_standards: s(
      input.fee_standards,
      by(
        (r) => r.compound_id,
        (r) => r.category,
        (r) => r.effective_from,
        (r) => r.id,
      ),
    ),
    fee_collection: s(
      input.fee_collection,
      by(
        (r) => r.compound_id,
        (r) => r.year,
        (r) => r.id,
      ),
    ),
    // Ledger order is date, then id (ids are sequential within a compound).
    fund_ledger: s(
      input.fund_ledger,
      by(
        (r) => r.compound_id,
        (r) => r.date,
        (r) => r.id,
      ),
    ),
    // A repair's shares in the order they were listed (ids are sequential per ledger row).
    fund_allocations: s(
      input.fund_allocations,
      by(
        (r) => r.ledger_id,
        (r) => r.id,
      ),
    ),
    public_revenue: s(
      input.public_revenue,
      by(
        (r) => r.compound_id,
        (r) => r.year,
        (r) => r.quarter,
        (r) => r.revenue_source,
        (r) => r.id,
      ),
    ),
    // Newest honours first: that is what journalists and the home page want.
    honours: s(
      input.honours,
      by(
        desc((r) => r.year),
        desc((r) => r.date),
        (r) => r.title,
        (r) => r.id,
      ),
    ),
    evaluations: s(
      input.evaluations,
      by(
        desc((r) => r.year),
        (r) => r.rank,
        (r) => r.id,
      ),
    ),
    commitments: s(
      input.commitments,
      by(
        (r) => r.deadline,
        (r) => r.id,
      ),
    ),
    figures: s(
      input.figures,
      by(
        desc((r) => r.as_of),
        (r) => r.id,
      ),
    ),
  };
  const out: Record<string, unknown[]> = { ...ordered };
  for (const name of TABLE_NAMES) out[name] ??= generic(name);
  return out as unknown as Rows;
}

const ROLE_ORDER: Record<string, number> = { 主任: 0, 副主任: 1, 执行秘书: 2, 委员: 3 };

export function sortDocs(input: MdxDocs): MdxDocs {
  return {
    notices: [...input.notices].sort(
      by(
        desc((d) => d.data.date),
        (d) => d.id,
      ),
    ),
    audits: [...input.audits].sort(
      by(
        desc((d) => d.data.published_on),
        (d) => d.id,
      ),
    ),
    policies: [...input.policies].sort(
      by(
        desc((d) => d.data.published_on),
        (d) => d.id,
      ),
    ),
    cases: [...input.cases].sort(
      by(
        desc((d) => d.data.date),
        (d) => d.id,
      ),
    ),
  };
}
