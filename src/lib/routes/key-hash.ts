/** How a cache key (page-keys.ts, firm-key.ts, area-keys.ts) takes in its inputs. */
import { createHash, type Hash } from 'node:crypto';
import type { AnyRow, SiteData } from '../model/types.ts';
import { COMPOUND_TABLES, compoundTableInputs, rowsOfTableByCompound, type CompoundTable } from '../model/relations.ts';
import { siteCompoundIndex, siteTables } from '../model/tables.ts';
import { cmp } from '../util/compare.ts';
import { groupBy } from '../util/group.ts';
import { perSite } from '../util/memo.ts';
import { checkedFromCache } from '../validate/once.ts';
import { keptValue } from './kept-file.ts';

/** The label keeps `{a: 1}` under one name apart from the same value under another. */
export function feed(h: Hash, label: string, value: unknown): void {
  // One update of the same bytes: the keys hash a city's rows one by one, and each call into
  // the hash costs more than the row's few dozen bytes.
  h.update(`${label}\0${JSON.stringify(value) ?? 'undefined'}\0`);
}

/** A row one of a compound's rows names by id, which a page shows by name: its table and id. */
export type NamedRef = readonly [NamedTable, string];
type NamedTable = 'firms' | 'compounds' | 'committees' | 'streets' | 'districts';

const NAMING = [
  ['firms', 'firm_id'],
  ['compounds', 'compound_id'],
  ['committees', 'committee_id'],
  ['streets', 'street_id'],
  ['districts', 'district_id'],
] as const;

/** The rows `row` names, in this order: firm, compound, committee, street, district. */
export function namedBy(row: AnyRow): NamedRef[] {
  const refs: NamedRef[] = [];
  for (const [table, column] of NAMING) {
    const id = row[column];
    if (typeof id === 'string') refs.push([table, id]);
  }
  return refs;
}

/** Adds `ref` to `named` unless it is there already (keyed by table and id); whether it was added. */
export function nameOnce(named: Map<string, NamedRef>, ref: NamedRef): boolean {
  const k = `${ref[0]}\0${ref[1]}`;
  if (named.has(k)) return false;
  named.set(k, ref);
  return true;
}

/** What one table's rows of one compound bring to a key. */
interface TableShare {
  digest: string;
  /** Ids of the sources the rows cite, in the order first cited. */
  sources: string[];
  /** The rows they name, each once, in the order first named. */
  named: NamedRef[];
}

/** What one compound's rows bring to a key: their digest, the sources they cite and the rows they name. */
export interface CompoundRows {
  digest: string;
  /** Ids of the sources the rows cite, in the order first cited. */
  sources: readonly string[];
  /** The rows they name (firm, compound, committee, street, district), each once, in the order first named. */
  named: readonly NamedRef[];
}

function tableShares(site: SiteData, table: CompoundTable): Map<string, TableShare> {
  const shares = new Map<string, TableShare>();
  for (const [compoundId, rows] of rowsOfTableByCompound(siteTables(site), siteCompoundIndex(site), table)) {
    const h = createHash('sha256');
    feed(h, table, rows);
    const sources = new Set<string>();
    const named = new Map<string, NamedRef>();
    for (const row of rows) {
      if (typeof row.source_id === 'string') sources.add(row.source_id);
      for (const ref of namedBy(row)) nameOnce(named, ref);
    }
    shares.set(compoundId, { digest: h.digest('hex'), sources: [...sources], named: [...named.values()] });
  }
  return shares;
}

const isShares = (v: unknown): v is Map<string, TableShare> => v instanceof Map;

const SHARES = 'gongshi-kept-shares-1';

const sharesMemo = new WeakMap<SiteData, Map<CompoundTable, ReadonlyMap<string, TableShare>>>();

/**
 * Every compound table's rows digested per compound, once per build. Every re-publish hashed the
 * whole city's rows for the keys (2.4 million at 15,000 compounds, the ledger's 1.1 million among
 * them) though a one-compound edit changes one or two tables: a build that checked from its cache
 * takes a table's digests from the last build (kept-file.ts, `<cacheDir>/gongshi-keys/`) when
 * the files they are made from have the same hashes — the table's and those that say which
 * compound its rows concern (relations.ts compoundTableInputs) — under the same code; the check
 * keeps the rows by those hashes (validate/cached.ts) and model/order.ts sorts a table by its own
 * cells, so the same files give the same rows in the same order.
 */
function compoundShares(site: SiteData): Map<CompoundTable, ReadonlyMap<string, TableShare>> {
  let all = sharesMemo.get(site);
  if (all) return all;
  const from = checkedFromCache();
  all = new Map();
  for (const table of COMPOUND_TABLES) {
    const make = () => tableShares(site, table);
    const hashes = compoundTableInputs(table).map((t) => from?.tableHashes.get(t));
    const key = hashes.every((x) => x !== undefined) ? hashes.join('\0') : undefined;
    all.set(
      table,
      from && key !== undefined
        ? keptValue({ dir: from.keysDir, code: from.code }, SHARES, `shares-${table}`, key, make, isShares)
        : make(),
    );
  }
  sharesMemo.set(site, all);
  return all;
}

/**
 * The compound's rows in every table that concerns it (model/relations.ts: its own row, its
 * committees and members, contracts, fees, ledger, revenue, honours, evaluations and the
 * corrections of any of them), digested once per build: the compound's own pages, the area pages
 * listing it and its district's archive all take them in, and hashing a compound's ten thousand
 * ledger rows once for each was most of the keys' time.
 */
export const compoundRows = perSite((site: SiteData, compoundId: string): CompoundRows => {
  const h = createHash('sha256');
  const sources = new Set<string>();
  const named = new Map<string, NamedRef>();
  for (const [table, shares] of compoundShares(site)) {
    const share = shares.get(compoundId);
    if (!share) continue;
    feed(h, table, share.digest);
    for (const id of share.sources) sources.add(id);
    for (const ref of share.named) nameOnce(named, ref);
  }
  return { digest: h.digest('hex'), sources: [...sources], named: [...named.values()] };
});

type Corrections = ReadonlyMap<string, readonly AnyRow[]>;

const byRowMemo = new WeakMap<SiteData, Corrections>();

/** The city's corrections under their table and row, grouped once per build. */
function correctionsByRow(site: SiteData): Corrections {
  let m = byRowMemo.get(site);
  if (!m) {
    m = groupBy(site.rows.corrections as readonly AnyRow[], (c) => `${String(c.table)}\0${String(c.row_id)}`);
    byRowMemo.set(site, m);
  }
  return m;
}

/**
 * A key made of the rows a page shows. A row shown on a page brings two things along: the
 * corrections of it ("已更正" marks) and the source it cites, whose title is listed and whose
 * kind makes the page say it shows demo data. Sources are taken in once each, in id order.
 */
export class ShownRows {
  readonly h = createHash('sha256');
  private readonly sources = new Set<string>();
  readonly site: SiteData;
  constructor(site: SiteData) {
    this.site = site;
  }

  row(table: string, row: AnyRow | undefined): void {
    feed(this.h, table, row);
    if (!row) return;
    this.cite(row.source_id);
    const fixes = correctionsByRow(this.site).get(`${table}\0${String(row.id)}`);
    if (fixes) feed(this.h, 'corrections', fixes);
  }

  cite(sourceId: unknown): void {
    if (typeof sourceId === 'string') this.sources.add(sourceId);
  }

  /** The key: 32 hex digits. */
  digest(): string {
    for (const id of [...this.sources].sort(cmp)) feed(this.h, `source:${id}`, this.site.sourceById.get(id));
    return this.h.digest('hex').slice(0, 32);
  }
}
