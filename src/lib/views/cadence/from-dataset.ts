/** Adapt the validated data set to the cadence input. */
import type { Dataset } from '../../dataset/types.ts';
import type { CadenceInput } from './compute.ts';

export function cadenceInput(ds: Pick<Dataset, 'meta' | 'tables' | 'content'>): CadenceInput {
  const rows = <T>(t: { rows: readonly { data: T }[] }) => t.rows.map((r) => r.data);
  return {
    asOf: ds.meta.as_of,
    compounds: rows(ds.tables.compounds),
    districts: rows(ds.tables.districts),
    sources: rows(ds.tables.sources),
    committees: rows(ds.tables.committees),
    fee_standards: rows(ds.tables.fee_standards),
    fee_collection: rows(ds.tables.fee_collection),
    fund_ledger: rows(ds.tables.fund_ledger),
    public_revenue: rows(ds.tables.public_revenue),
    audits: ds.content
      .filter((e) => e.collection === 'audits')
      .map((e) => e.data as { compound: string; kind: string; period_end: string; published_on: string }),
  };
}
