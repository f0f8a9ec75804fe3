/**
 * The site model's shapes: every table's rows, every MDX collection's entries,
 * and the indexes the pages look things up in. Row and front-matter types come
 * from the zod schemas, never written by hand.
 */
import type { z } from 'astro/zod';
import type { Row, TableName } from '../schema/tables.ts';
import type { auditSchema, caseSchema, noticeSchema, policySchema } from '../schema/content.ts';
import type { DatasetMeta, Rows } from '../dataset/types.ts';
import type { Index } from '../util/group.ts';

export type NoticeData = z.infer<typeof noticeSchema>;
export type AuditData = z.infer<typeof auditSchema>;
export type PolicyData = z.infer<typeof policySchema>;
export type CaseData = z.infer<typeof caseSchema>;

/** An MDX entry as the pages need it; `entry` is the original Astro entry, kept for render(). */
export interface MdxDoc<D> {
  id: string;
  data: D;
  entry: unknown;
}

export type { Rows };

/** Some of the tables, for code that serialises or relates rows of any table. */
export type TableRows = { [K in TableName]?: readonly Row<K>[] };

/** A row of any table, seen as plain fields. */
export type AnyRow = Record<string, unknown>;

export interface MdxDocs {
  notices: MdxDoc<NoticeData>[];
  audits: MdxDoc<AuditData>[];
  policies: MdxDoc<PolicyData>[];
  cases: MdxDoc<CaseData>[];
}

export interface SiteData {
  meta: DatasetMeta;
  rows: Rows;
  docs: MdxDocs;
  /** True when any row of the data is demo data: the home page and footer say so. */
  hasDemo: boolean;

  sourceById: ReadonlyMap<string, Row<'sources'>>;
  districtById: ReadonlyMap<string, Row<'districts'>>;
  streetById: ReadonlyMap<string, Row<'streets'>>;
  compoundById: ReadonlyMap<string, Row<'compounds'>>;
  firmById: ReadonlyMap<string, Row<'firms'>>;
  committeeById: ReadonlyMap<string, Row<'committees'>>;

  streetsByDistrict: Index<Row<'streets'>>;
  compoundsByDistrict: Index<Row<'compounds'>>;
  compoundsByStreet: Index<Row<'compounds'>>;
  /** Compounds of a district whose street is blank (the source does not say). */
  compoundsWithoutStreetByDistrict: Index<Row<'compounds'>>;

  committeesByCompound: Index<Row<'committees'>>;
  membersByCommittee: Index<Row<'committee_members'>>;
  contractsByCompound: Index<Row<'contracts'>>;
  contractsByFirm: Index<Row<'contracts'>>;
  feeStandardsByCompound: Index<Row<'fee_standards'>>;
  feeCollectionByCompound: Index<Row<'fee_collection'>>;
  fundLedgerByCompound: Index<Row<'fund_ledger'>>;
  /** How each repair (a fund_ledger 支出 row) was shared across buildings. */
  allocationsByLedger: Index<Row<'fund_allocations'>>;
  revenueByCompound: Index<Row<'public_revenue'>>;

  honoursByCompound: Index<Row<'honours'>>;
  honoursByFirm: Index<Row<'honours'>>;
  honoursByStreet: Index<Row<'honours'>>;
  honoursByDistrict: Index<Row<'honours'>>;

  evaluationsByCompound: Index<Row<'evaluations'>>;
  evaluationsByFirm: Index<Row<'evaluations'>>;

  commitmentsByDistrict: Index<Row<'commitments'>>;
  commitmentsByStreet: Index<Row<'commitments'>>;
  commitmentsByFirm: Index<Row<'commitments'>>;

  figuresByDistrict: Index<Row<'figures'>>;
  figuresByStreet: Index<Row<'figures'>>;

  noticesByCompound: Index<MdxDoc<NoticeData>>;
  auditsByCompound: Index<MdxDoc<AuditData>>;
  policiesByDistrict: Index<MdxDoc<PolicyData>>;
  policiesByStreet: Index<MdxDoc<PolicyData>>;
  casesByDistrict: Index<MdxDoc<CaseData>>;
  casesByStreet: Index<MdxDoc<CaseData>>;

  /** Corrections of one cell, under `table:row_id:column` (cellKey), in page order. */
  correctionsByCell: Index<Row<'corrections'>>;
}
