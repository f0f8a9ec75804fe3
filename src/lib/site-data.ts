/**
 * Everything the pages read, loaded once per build and indexed.
 *
 * Pages never call getCollection themselves: 15,000 compound pages each scanning
 * every table would be quadratic. `getSiteData()` loads each collection once,
 * sorts it deterministically and builds Map indexes in one pass per table;
 * `buildSiteData()` is the pure part, so tests can feed it plain rows.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Row, TableName } from './schema/tables.ts';
import { TABLE_NAMES } from './schema/tables.ts';
import type { DatasetMeta } from './validate/types.ts';
import { loadedDatasetOf } from './validate/dataset.ts';
import { cmp } from './derive/order.ts';

export { cmp };

/** A reference in MDX front matter: Astro's reference() gives {collection, id}; plain checks give the id. */
export type RefValue = string | { id: string; collection?: string };

export function refId(ref: RefValue | undefined): string | undefined {
  if (ref === undefined) return undefined;
  return typeof ref === 'string' ? ref : ref.id;
}

export interface NoticeData {
  title: string;
  compound: RefValue;
  kind: string;
  date: string;
  summary: string;
  source: RefValue;
}
export interface AuditData {
  title: string;
  compound: RefValue;
  kind: string;
  period_start: string;
  period_end: string;
  published_on: string;
  auditor: string;
  summary: string;
  source: RefValue;
}
export interface PolicyData {
  title: string;
  kind: string;
  district: RefValue;
  street?: RefValue;
  doc_number?: string;
  published_on: string;
  period?: string;
  summary: string;
  source: RefValue;
}
export interface CaseData {
  title: string;
  district: RefValue;
  street?: RefValue;
  compounds: RefValue[];
  date: string;
  summary: string;
  source: RefValue;
}

/** An MDX entry as the pages need it; `entry` is the original Astro entry, kept for render(). */
export interface MdxDoc<D> {
  id: string;
  data: D;
  entry: unknown;
}

export type Rows = { [K in TableName]: Row<K>[] };

export interface MdxDocs {
  notices: MdxDoc<NoticeData>[];
  audits: MdxDoc<AuditData>[];
  policies: MdxDoc<PolicyData>[];
  cases: MdxDoc<CaseData>[];
}

/** A one-to-many index; `list()` reads it without undefined checks. */
export type Index<T> = ReadonlyMap<string, readonly T[]>;

const EMPTY: readonly never[] = Object.freeze([]);

/** The rows under `key`, or an empty list. */
export function list<T>(index: Index<T>, key: string | undefined): readonly T[] {
  if (key === undefined) return EMPTY;
  return index.get(key) ?? EMPTY;
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
  contractById: ReadonlyMap<string, Row<'contracts'>>;
  fundEntryById: ReadonlyMap<string, Row<'fund_ledger'>>;

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
  revenueByCompound: Index<Row<'public_revenue'>>;

  honoursByCompound: Index<Row<'honours'>>;
  honoursByFirm: Index<Row<'honours'>>;
  honoursByCommittee: Index<Row<'honours'>>;
  honoursByStreet: Index<Row<'honours'>>;
  honoursByTitle: Index<Row<'honours'>>;
  honoursByYear: Index<Row<'honours'>>;

  evaluationsByCompound: Index<Row<'evaluations'>>;
  evaluationsByFirm: Index<Row<'evaluations'>>;
  evaluationsByStreet: Index<Row<'evaluations'>>;
  evaluationsByDistrict: Index<Row<'evaluations'>>;

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
  casesByCompound: Index<MdxDoc<CaseData>>;
}

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

function byId<T extends { id: string }>(rows: readonly T[]): Map<string, T> {
  const m = new Map<string, T>();
  for (const r of rows) m.set(r.id, r);
  return m;
}

/** Group already-sorted rows; insertion order of each group keeps the sort. */
function groupBy<T>(rows: readonly T[], key: (r: T) => string | undefined): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    if (k === undefined) continue;
    const g = m.get(k);
    if (g) g.push(r);
    else m.set(k, [r]);
  }
  return m;
}

function groupByMany<T>(rows: readonly T[], keys: (r: T) => readonly (string | undefined)[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    for (const k of new Set(keys(r))) {
      if (k === undefined) continue;
      const g = m.get(k);
      if (g) g.push(r);
      else m.set(k, [r]);
    }
  }
  return m;
}

/** Sort orders: the order each list is shown in unless a page re-sorts it. */
function sortRows(input: Rows): Rows {
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
    // Oldest term first; pages pick the current one with derive/committee.
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

function sortDocs(input: MdxDocs): MdxDocs {
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

/** Pure: sort and index rows already loaded. */
export function buildSiteData(meta: DatasetMeta, rawRows: Rows, rawDocs: MdxDocs): SiteData {
  const rows = sortRows(rawRows);
  const docs = sortDocs(rawDocs);
  const compoundById = byId(rows.compounds);
  const committeeById = byId(rows.committees);
  const sourceById = byId(rows.sources);

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
    streetById: byId(rows.streets),
    compoundById,
    firmById: byId(rows.firms),
    committeeById,
    contractById: byId(rows.contracts),
    fundEntryById: byId(rows.fund_ledger),

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
    revenueByCompound: groupBy(rows.public_revenue, (r) => r.compound_id),

    // An honour to a committee or a person on it also belongs to the committee's compound.
    honoursByCompound: groupByMany(rows.honours, (r) => [
      r.compound_id,
      r.committee_id ? committeeById.get(r.committee_id)?.compound_id : undefined,
    ]),
    honoursByFirm: groupBy(rows.honours, (r) => r.firm_id),
    honoursByCommittee: groupBy(rows.honours, (r) => r.committee_id),
    honoursByStreet: groupByMany(rows.honours, (r) => [
      r.street_id,
      r.compound_id ? compoundById.get(r.compound_id)?.street_id : undefined,
    ]),
    honoursByTitle: groupBy(rows.honours, (r) => r.title),
    honoursByYear: groupBy(rows.honours, (r) => String(r.year)),

    evaluationsByCompound: groupBy(rows.evaluations, (r) => r.compound_id),
    evaluationsByFirm: groupBy(rows.evaluations, (r) => r.firm_id),
    evaluationsByStreet: groupBy(rows.evaluations, (r) => r.street_id),
    evaluationsByDistrict: groupBy(rows.evaluations, (r) => r.district_id),

    commitmentsByDistrict: groupBy(rows.commitments, (r) => r.district_id),
    commitmentsByStreet: groupBy(rows.commitments, (r) => r.street_id),
    commitmentsByFirm: groupBy(rows.commitments, (r) => r.firm_id),

    figuresByDistrict: groupBy(rows.figures, (r) => r.district_id),
    figuresByStreet: groupBy(rows.figures, (r) => r.street_id),

    noticesByCompound: groupBy(docs.notices, (d) => refId(d.data.compound)),
    auditsByCompound: groupBy(docs.audits, (d) => refId(d.data.compound)),
    policiesByDistrict: groupBy(docs.policies, (d) => refId(d.data.district)),
    policiesByStreet: groupBy(docs.policies, (d) => refId(d.data.street)),
    casesByDistrict: groupBy(docs.cases, (d) => refId(d.data.district)),
    casesByStreet: groupBy(docs.cases, (d) => refId(d.data.street)),
    casesByCompound: groupByMany(docs.cases, (d) => d.data.compounds.map(refId)),
  };
}

/** Where the data lives: GONGSHI_DATA_DIR lets tests build a fixture site. */
export function dataDir(): string {
  return resolve(process.env.GONGSHI_DATA_DIR ?? 'data');
}

let metaMemo: DatasetMeta | undefined;

/** data/dataset.json: title, as_of ("today" for every judgement), licence, standard version. */
export function getDatasetMeta(): DatasetMeta {
  metaMemo ??= JSON.parse(readFileSync(resolve(dataDir(), 'dataset.json'), 'utf8')) as DatasetMeta;
  return metaMemo;
}

const MDX_COLLECTIONS = ['notices', 'audits', 'policies', 'cases'] as const;

/**
 * Tables too large for one content-collection entry per row (over 90% of a city's
 * rows). They are not collections (src/content.config.ts): pages read them from the
 * dataset the build gate already validated, which this process holds anyway.
 */
export const LARGE_TABLES = [
  'committee_members',
  'fee_standards',
  'fee_collection',
  'fund_ledger',
  'public_revenue',
] as const satisfies readonly TableName[];
export type LargeTableName = (typeof LARGE_TABLES)[number];
const isLarge = (name: TableName): name is LargeTableName => (LARGE_TABLES as readonly TableName[]).includes(name);

/** The validated dataset of this build: the build gate loaded it; the memo is per process. */
function buildDataset() {
  return loadedDatasetOf({
    root: process.cwd(),
    dataDir: process.env.GONGSHI_DATA_DIR || undefined,
    contentDir: process.env.GONGSHI_CONTENT_DIR || undefined,
  });
}

async function load(): Promise<SiteData> {
  const { getCollection } = await import('astro:content');
  // The collection names are only known to Astro's generated types once content.config.ts exists;
  // the loader guarantees each entry's data is the table's Row type.
  const get = getCollection as unknown as (name: string) => Promise<{ id: string; data: unknown }[]>;
  const rowsEntries = await Promise.all(
    TABLE_NAMES.map(async (name) => {
      if (!isLarge(name)) return [name, (await get(name)).map((e) => e.data)] as const;
      const dataset = await buildDataset();
      return [name, dataset.tables[name].rows.map((r) => r.data)] as const;
    }),
  );
  const docsEntries = await Promise.all(
    MDX_COLLECTIONS.map(
      async (name) => [name, (await get(name)).map((e) => ({ id: e.id, data: e.data, entry: e }))] as const,
    ),
  );
  const rows = Object.fromEntries(rowsEntries) as unknown as Rows;
  const docs = Object.fromEntries(docsEntries) as unknown as MdxDocs;
  return buildSiteData(getDatasetMeta(), rows, docs);
}

let memo: Promise<SiteData> | undefined;

/** All site data, loaded and indexed once per process. */
export function getSiteData(): Promise<SiteData> {
  memo ??= load();
  return memo;
}
