/**
 * The site model: rows sorted once and indexed in one pass per table, so 15,000
 * compound pages each look up their rows instead of scanning every table.
 * Pure, so tests can feed it plain rows.
 */
import type { DatasetMeta } from '../dataset/types.ts';
import { byId, groupBy, groupByMany } from '../util/group.ts';
import { sortDocs, sortRows } from './order.ts';
import type { MdxDocs, Rows, SiteData } from './types.ts';

/** The key of one cell of one row, as correctionsByCell files its corrections. */
export const cellKey = (table: string, rowId: string, column: string): string => `${table}:${rowId}:${column}`;

/** Pure: sort and index rows already loaded. */
export function buildSiteData(meta: DatasetMeta, rawRows: Rows, rawDocs: MdxDocs): SiteData {
  const rows = sortRows(rawRows);
  const docs = sortDocs(rawDocs);
  const compoundById = byId(rows.compounds);
  const committeeById = byId(rows.committees);
  const sourceById = byId(rows.sources);
  const streetById = byId(rows.streets);

  const hasDemo =
    rows.compounds.some((c) => c.demo) ||
    rows.firms.some((f) => f.demo) ||
    rows.sources.some((s) => s.kind === '演示数据');

  return {
    meta,
    rows,
    docs,
    hasDemo,
    sourceById,
    districtById: byId(rows.districts),
    streetById,
    compoundById,
    firmById: byId(rows.firms),
    committeeById,

    streetsByDistrict: groupBy(rows.streets, (r) => r.district_id),
    compoundsByDistrict: groupBy(rows.compounds, (r) => r.district_id),
    compoundsByStreet: groupBy(rows.compounds, (r) => r.street_id),
    compoundsWithoutStreetByDistrict: groupBy(rows.compounds, (r) => (r.street_id ? undefined : r.district_id)),

    committeesByCompound: groupBy(rows.committees, (r) => r.compound_id),
    membersByCommittee: groupBy(rows.committee_members, (r) => r.committee_id),
    contractsByCompound: groupBy(rows.contracts, (r) => r.compound_id),
    contractsByFirm: groupBy(rows.contracts, (r) => r.firm_id),
    feeStandardsByCompound: groupBy(rows.fee_standards, (r) => r.compound_id),
    feeCollectionByCompound: groupBy(rows.fee_collection, (r) => r.compound_id),
    fundLedgerByCompound: groupBy(rows.fund_ledger, (r) => r.compound_id),
    allocationsByLedger: groupBy(rows.fund_allocations, (r) => r.ledger_id),
    revenueByCompound: groupBy(rows.public_revenue, (r) => r.compound_id),

    // An honour to a committee or a person on it also belongs to the committee's compound.
    honoursByCompound: groupByMany(rows.honours, (r) => [
      r.compound_id,
      r.committee_id ? committeeById.get(r.committee_id)?.compound_id : undefined,
    ]),
    honoursByFirm: groupBy(rows.honours, (r) => r.firm_id),
    honoursByStreet: groupByMany(rows.honours, (r) => [
      r.street_id,
      r.compound_id ? compoundById.get(r.compound_id)?.street_id : undefined,
    ]),
    // District pages list the honours of their streets and compounds (the same rule as district figures).
    honoursByDistrict: groupByMany(rows.honours, (r) => [
      r.compound_id ? compoundById.get(r.compound_id)?.district_id : undefined,
      r.street_id ? streetById.get(r.street_id)?.district_id : undefined,
    ]),

    evaluationsByCompound: groupBy(rows.evaluations, (r) => r.compound_id),
    evaluationsByFirm: groupBy(rows.evaluations, (r) => r.firm_id),

    commitmentsByDistrict: groupBy(rows.commitments, (r) => r.district_id),
    commitmentsByStreet: groupBy(rows.commitments, (r) => r.street_id),
    commitmentsByFirm: groupBy(rows.commitments, (r) => r.firm_id),

    figuresByDistrict: groupBy(rows.figures, (r) => r.district_id),
    figuresByStreet: groupBy(rows.figures, (r) => r.street_id),

    noticesByCompound: groupBy(docs.notices, (d) => d.data.compound),
    auditsByCompound: groupBy(docs.audits, (d) => d.data.compound),
    policiesByDistrict: groupBy(docs.policies, (d) => d.data.district),
    policiesByStreet: groupBy(docs.policies, (d) => d.data.street),
    casesByDistrict: groupBy(docs.cases, (d) => d.data.district),
    casesByStreet: groupBy(docs.cases, (d) => d.data.street),

    correctionsByCell: groupBy(rows.corrections, (r) => cellKey(r.table, r.row_id, r.column)),
  };
}
