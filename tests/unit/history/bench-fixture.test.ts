/**
 * The benchmark's history fixture at a small scale (three compounds): the same
 * repository shape the city-scale measurement reads, parsed cold into the
 * cache, then once more after one new commit. Its two whole-ledger re-saves
 * (CRLF, re-typed amounts) must add nothing; appends and corrections must show
 * exactly what they changed; the incremental result must equal a full parse.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateFixture } from '../../../scripts/bench/fixture/generate.ts';
import { AS_OF } from '../../../scripts/bench/fixture/world.ts';
import { addOneCommit, buildHistoryRepo, type HistoryRepo } from '../../../scripts/bench/history-repo.ts';
import { loadHistory, type History, type HistoryStats } from '../../../src/lib/history/index.ts';

const work = mkdtempSync(path.join(tmpdir(), 'gongshi-bench-history-'));
const cacheDir = path.join(work, 'cache');
let repo: HistoryRepo;
let ledgerRows: number;
let cold: History;
const coldStats: HistoryStats = { commits: 0, fromCache: 0, parsed: 0 };

const load = (stats?: HistoryStats, cache = true) =>
  loadHistory({ root: repo.dir, dataDir: 'data', contentDir: 'content', ...(cache ? { cacheDir } : {}) }, stats);

beforeAll(() => {
  const manifest = generateFixture({ compounds: 3, seed: 3, out: path.join(work, 'fixture') });
  ledgerRows = manifest.rows.fund_ledger;
  repo = buildHistoryRepo(path.join(work, 'fixture'), path.join(work, 'repo'), AS_OF);
  cold = load(coldStats);
}, 240_000);

describe('history of the benchmark fixture (small scale)', () => {
  it('has the shape the benchmark measures: a first commit, ≥ 40 quarterly appends and corrections, two re-saves', () => {
    expect(repo.rewrites).toEqual(['crlf', 'general-number']);
    expect(repo.commits).toBeGreaterThanOrEqual(1 + 40 + 2);
    expect(cold.available).toBe(true);
    expect(coldStats.parsed).toBe(coldStats.commits);
  });

  it('shows no change for the whole-ledger re-saves, and every ledger row added exactly once', () => {
    if (!cold.available) throw new Error(cold.reason);
    const subjects = cold.commits.map((c) => c.commit.subject);
    expect(subjects.some((s) => s.includes('另存'))).toBe(false);
    expect(subjects.some((s) => s.includes('常规数字格式'))).toBe(false);
    const ledger = cold.commits.flatMap((c) => c.rows.filter((r) => r.table === 'fund_ledger'));
    expect(ledger.every((r) => r.change === 'added')).toBe(true);
    expect(new Set(ledger.map((r) => r.rowId)).size).toBe(ledgerRows);
    expect(ledger).toHaveLength(ledgerRows);
    const corrections = cold.commits.filter((c) => c.commit.subject.startsWith('更正'));
    expect(corrections.length).toBeGreaterThanOrEqual(4);
    for (const c of corrections)
      for (const r of c.rows)
        expect([r.table, r.change, r.diff.map((d) => d.column)]).toEqual(['compounds', 'modified', ['households']]);
  });

  it('parses only the one new commit, and gives what a full parse gives', () => {
    addOneCommit(repo.dir, '2026-11-05');
    const stats: HistoryStats = { commits: 0, fromCache: 0, parsed: 0 };
    const next = load(stats);
    expect(stats).toEqual({ commits: coldStats.commits + 1, fromCache: coldStats.commits, parsed: 1 });
    expect(JSON.stringify(next)).toBe(JSON.stringify(load(undefined, false)));
    if (!next.available) throw new Error(next.reason);
    expect(next.commits[0]!.rows.map((r) => [r.table, r.change, r.diff.map((d) => d.column)])).toEqual([
      ['compounds', 'modified', ['households']],
      ['fund_ledger', 'modified', ['description']],
    ]);
  });
});
