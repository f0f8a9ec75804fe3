/** How a cache key (page-keys.ts, firm-key.ts, area-keys.ts) takes in its inputs. */
import { createHash, type Hash } from 'node:crypto';
import type { AnyRow, SiteData } from '../model/types.ts';
import { rowsOfCompound } from '../model/relations.ts';
import { siteCompoundIndex, siteTables } from '../model/tables.ts';
import { cmp } from '../util/compare.ts';
import { groupBy } from '../util/group.ts';

/** The label keeps `{a: 1}` under one name apart from the same value under another. */
export function feed(h: Hash, label: string, value: unknown): void {
  // One update of the same bytes: the keys hash a city's rows one by one, and each call into
  // the hash costs more than the row's few dozen bytes.
  h.update(`${label}\0${JSON.stringify(value) ?? 'undefined'}\0`);
}

/** `make(site, k)` kept per build and per `k`: many routes ask for the same digest. */
export function perSite<K, V>(make: (site: SiteData, k: K) => V): (site: SiteData, k: K) => V {
  const memo = new WeakMap<SiteData, Map<K, V>>();
  return (site, k) => {
    let m = memo.get(site);
    if (!m) memo.set(site, (m = new Map()));
    let v = m.get(k);
    if (v === undefined) m.set(k, (v = make(site, k)));
    return v;
  };
}

/** What one compound's rows bring to a key: their digest and the sources they cite. */
export interface CompoundRows {
  digest: string;
  /** Ids of the sources the rows cite, in the order first cited. */
  sources: readonly string[];
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
  for (const { table, rows } of rowsOfCompound(siteTables(site), siteCompoundIndex(site), compoundId)) {
    feed(h, table, rows);
    for (const row of rows) if (typeof row.source_id === 'string') sources.add(row.source_id);
  }
  return { digest: h.digest('hex'), sources: [...sources] };
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
