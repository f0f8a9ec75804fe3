/**
 * Grouping by compound, kept per commit (history/groups.ts): reused only while
 * every index entry a commit looked up still answers the same, and then exactly
 * what an uncached grouping gives. A changed mapping regroups the commits that
 * looked it up and nothing else.
 */
import { mkdtempSync, readdirSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { historyByCompound, type CompoundHistory } from '../../../src/lib/history/compound.ts';
import type { GroupStats } from '../../../src/lib/history/groups.ts';
import { loadHistory } from '../../../src/lib/history/index.ts';
import type { CompoundLookup } from '../../../src/lib/model/relations.ts';
import { makeRepo } from './repo.ts';

function seed() {
  const r = makeRepo('gongshi-history-groups-');
  r.write('data/compounds.csv', 'id,name\na-yuan,甲苑\nb-li,乙里\n');
  r.write('data/contracts.csv', 'id,compound_id,firm_id\nk1,a-yuan,f1\nk2,b-li,f1\n');
  r.commit('首次发布', '2024-01-05T09:00:00+08:00');
  r.write('data/contracts.csv', 'id,compound_id,firm_id\nk1,a-yuan,f2\nk2,b-li,f1\n');
  r.commit('甲苑换物业', '2024-02-05T09:00:00+08:00');
  r.write('data/fund_ledger.csv', 'id,compound_id,amount\nl1,a-yuan,100\n');
  r.commit('维修资金', '2024-03-05T09:00:00+08:00');
  r.write('data/committee_members.csv', 'id,committee_id,name\nm1,cm1,张三\n');
  r.commit('业委会成员', '2024-04-05T09:00:00+08:00');
  r.write('data/corrections.csv', 'id,table,row_id,note\nx1,contracts,k2,更正\n');
  r.write('src/content/notices/n1.mdx', '---\ntitle: 公告\n---\n');
  r.commit('更正乙里合同', '2024-05-05T09:00:00+08:00');
  return r;
}

const INDEX: [string, string[]][] = [
  ['compounds:a-yuan', ['a-yuan']],
  ['compounds:b-li', ['b-li']],
  ['contracts:k1', ['a-yuan']],
  ['contracts:k2', ['b-li']],
  ['fund_ledger:l1', ['a-yuan']],
  ['committees:cm1', ['a-yuan']],
  ['committee_members:m1', ['a-yuan']],
  ['corrections:x1', ['b-li']],
];

const index = (...changes: [string, string[] | undefined][]): CompoundLookup => {
  const m = new Map(INDEX);
  for (const [k, v] of changes) {
    if (v) m.set(k, v);
    else m.delete(k);
  }
  const byTable = new Map<string, Map<string, string[]>>();
  for (const [k, compounds] of m) {
    const [table, id] = k.split(':') as [string, string];
    let ids = byTable.get(table);
    if (!ids) byTable.set(table, (ids = new Map()));
    ids.set(id, compounds);
  }
  return {
    of: (table, id) => byTable.get(table)?.get(id) ?? [],
    *entries() {
      for (const [table, ids] of byTable) for (const [id, compounds] of ids) yield [table, id, compounds];
    },
  };
};

const content = new Map([['notices/n1', ['b-li']]]);

/** Everything the pages read from a grouping, as text. */
function shown(h: CompoundHistory, hashes: string[]): string {
  const per = ['a-yuan', 'b-li', 'c-cun'].map((id) => [
    id,
    h.commitsOf(id).map((c) => c.subject),
    h.get(id)?.map((cc) => [cc.commit.hash, cc.rows.map((r) => `${r.change} ${r.table}:${r.rowId}`), cc.content]),
  ]);
  return JSON.stringify([per, hashes.map((x) => h.compoundsOf(x))]);
}

describe('grouping by compound, cached per commit', () => {
  const r = seed();
  const dir = mkdtempSync(path.join(tmpdir(), 'gongshi-history-groups-cache-'));
  const history = () => {
    const h = loadHistory({ root: r.dir, cacheDir: dir });
    if (!h.available) throw new Error(h.reason);
    return h.commits;
  };
  const hashes = history().map((c) => c.commit.hash);
  /** Grouped with the shared cache, and the same grouping made from nothing (its own scratch cache). */
  const both = (ix: CompoundLookup) => {
    const stats: GroupStats = { reused: 0, checked: 0, grouped: 0 };
    const cached = shown(historyByCompound(history(), ix, content, stats), hashes);
    const h = loadHistory({ root: r.dir });
    if (!h.available) throw new Error(h.reason);
    const fresh = shown(historyByCompound(h.commits, ix, content), hashes);
    return { cached, fresh, stats };
  };

  it('groups each commit once, then reuses it while its lookups answer the same', () => {
    const cold = both(index());
    expect(cold.stats).toEqual({ reused: 0, checked: 0, grouped: 5 });
    expect(cold.cached).toBe(cold.fresh);
    const warm = both(index());
    expect(warm.stats).toEqual({ reused: 5, checked: 0, grouped: 0 });
    expect(warm.cached).toBe(cold.fresh);
  });

  it('regroups only the commits that looked up a reassigned contract', () => {
    const before = both(index());
    // k1 moves to 乙里: the first two commits changed k1; the correction looked up k2 in the same table.
    const moved = both(index(['contracts:k1', ['b-li']]));
    expect(moved.stats).toEqual({ reused: 2, checked: 1, grouped: 2 });
    expect(moved.cached).toBe(moved.fresh);
    expect(moved.fresh).not.toBe(before.fresh);
    // The check is remembered: the same index again is the fast path for all.
    expect(both(index(['contracts:k1', ['b-li']])).stats).toEqual({ reused: 5, checked: 0, grouped: 0 });
  });

  it('regroups the member’s commit when a committee moves, and no commit for a row no commit changed', () => {
    both(index());
    const committee = both(index(['committees:cm1', ['c-cun']], ['committee_members:m1', ['c-cun']]));
    expect(committee.stats).toEqual({ reused: 4, checked: 0, grouped: 1 });
    expect(committee.cached).toBe(committee.fresh);
    expect(committee.fresh).toContain('c-cun');
    both(index());
    // A new ledger row (a quarterly append) and a removed compound nobody changed since: answers the same.
    const added = both(index(['fund_ledger:l2', ['b-li']]));
    expect(added.stats).toEqual({ reused: 4, checked: 1, grouped: 0 });
    expect(added.cached).toBe(added.fresh);
    // A renamed compound id: the rows' own cells still name the old id, the index no longer does.
    const renamed = both(index(['compounds:a-yuan', undefined], ['compounds:a-yuan2', ['a-yuan2']]));
    expect(renamed.stats.grouped).toBe(1);
    expect(renamed.cached).toBe(renamed.fresh);
  });

  it('groups again where a stored grouping is damaged', () => {
    both(index());
    const g = readdirSync(path.join(dir, 'gongshi-history')).filter((f) => f.endsWith('.groups'));
    expect(g.length).toBeGreaterThanOrEqual(5);
    for (const f of g) truncateSync(path.join(dir, 'gongshi-history', f), 20);
    const damaged = both(index());
    expect(damaged.stats).toEqual({ reused: 0, checked: 0, grouped: 5 });
    expect(damaged.cached).toBe(damaged.fresh);
  });
});
