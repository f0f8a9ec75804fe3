/**
 * Proves `npm run bench` works end to end on a small city (200 compounds): it
 * generates the fixture, checks it, builds it with search, weighs it, runs a
 * first query in Chromium, re-publishes after one compound changes, and writes
 * a report in which every figure is a finite number. Speed is never asserted
 * here: the benchmark prints figures, tests don't time things.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SizeReport, Summary } from '../../scripts/bench/report.ts';

const run = promisify(execFile);
// Inside the project (bench/work is gitignored): the build's prerender chunks resolve packages from node_modules.
const WORK_ROOT = join(process.cwd(), 'bench/work');
mkdirSync(WORK_ROOT, { recursive: true });
const work = mkdtempSync(join(WORK_ROOT, 'bench-smoke-'));
let report: SizeReport;
let summary: Summary;

/** Figures the report leaves null on purpose: incremental re-publishing and the peer generators are not run here. */
const NOT_MEASURED = new Set([
  'republish.incrementalS',
  'republish.incrementalRatio',
  'republish.incrementalError',
  'scaleOut.peers',
  'scaleOut.peerRatio',
  'scaleOut.fasterPeer',
]);

/** Every number-valued leaf of the report, with its path, and every leaf that is not a number where one belongs. */
function leaves(value: unknown, path: string, out: { path: string; value: unknown }[] = []) {
  if (Array.isArray(value)) value.forEach((v, i) => leaves(v, `${path}[${i}]`, out));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) leaves(v, path ? `${path}.${k}` : k, out);
  else out.push({ path, value });
  return out;
}

beforeAll(async () => {
  await run(
    process.execPath,
    [
      'scripts/bench.ts',
      '--sizes',
      '200',
      '--seed',
      '7',
      '--work',
      join(work, 'work'),
      '--reports',
      join(work, 'reports'),
      '--no-incremental',
      '--no-peers',
      '--shards',
      '2',
    ],
    { cwd: process.cwd(), maxBuffer: 64 * 1024 * 1024 },
  );
  report = JSON.parse(readFileSync(join(work, 'reports', 'report-200.json'), 'utf8')) as SizeReport;
  summary = JSON.parse(readFileSync(join(work, 'reports', 'summary.json'), 'utf8')) as Summary;
}, 900_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('npm run bench -- --sizes 200', () => {
  it('reports every figure as a finite number', () => {
    const all = leaves(report, '');
    const numeric = all.filter((l) => typeof l.value === 'number');
    expect(numeric.length).toBeGreaterThan(40);
    const bad = all.filter((l) => {
      const field = l.path.replace(/\[\d+\]/g, '');
      if (NOT_MEASURED.has(field)) return l.value !== null;
      if (typeof l.value === 'number') return !Number.isFinite(l.value);
      if (typeof l.value === 'string' || typeof l.value === 'boolean') return false;
      return !(field === 'fixture.generateS' && l.value === null);
    });
    expect(bad).toEqual([]);
  });

  it('measured the city it was asked for', () => {
    expect(report.size).toBe(200);
    expect(report.seed).toBe(7);
    expect(report.fixture.ledgerRows).toBeGreaterThan(200 * 60);
    expect(report.compoundPage.count).toBe(200);
    expect(report.build.pages).toBeGreaterThan(200);
    expect(report.output.files).toBeGreaterThan(report.build.pages);
  });

  it('weighed the pages, the scripts and a real search', () => {
    for (const n of [
      report.compoundPage.medianGzip,
      report.compoundPage.maxGzip,
      report.build.peakRssMiB,
      report.check.wallS,
    ]) {
      expect(n).toBeGreaterThan(0);
    }
    // Compound pages and any sub-pages under /compound/<id>/.
    expect(report.jsByPageType.compound?.pages).toBeGreaterThanOrEqual(200);
    expect(report.search.results).toBeGreaterThan(0);
    // The typical query is a firm's short name: the names index answers it, Pagefind is not loaded.
    expect(report.search.names.raw).toBeGreaterThan(0);
    expect(report.search.pagefind.raw).toBe(0);
    expect(report.search.index.raw).toBeGreaterThan(0);
    // The typical person, a committee member, is answered by the names index too.
    expect(report.searchPerson?.results).toBeGreaterThan(0);
    expect(report.searchPerson?.names.raw).toBeGreaterThan(0);
    expect(report.searchPerson?.pagefind.raw).toBe(0);
    expect(report.republish?.compoundId).toMatch(/^demo-c\d{5}$/);
  });

  it("split the build's CPU by step: astro build, the search step's process, Pagefind", () => {
    const steps = report.build.cpuSteps;
    // Each step is a process that ran for seconds: none may be missed or put in another step.
    expect(steps?.astroS).toBeGreaterThan(1);
    expect(steps?.searchProcessS).toBeGreaterThan(0.2);
    expect(steps?.pagefindS).toBeGreaterThan(0.2);
    const { astroS, searchProcessS, pagefindS, otherS } = steps!;
    // Sampled every 100 ms, each process misses at most its last sample: the sum is the build's, or a little under.
    expect(astroS + searchProcessS + pagefindS + otherS).toBeLessThanOrEqual(report.build.cpuS! + 0.05);
    expect(astroS + searchProcessS + pagefindS + otherS).toBeGreaterThan(report.build.cpuS! * 0.8);
    expect(report.build.searchIndexCpuSteps?.astroS).toBe(0);
    expect(report.build.searchIndexCpuSteps?.pagefindS).toBeGreaterThan(0.2);
  });

  it('built the city in shards whose merge equals the whole build', () => {
    const [two] = report.scaleOut.sharded;
    expect(two?.count).toBe(2);
    expect(two?.shards).toHaveLength(2);
    expect(two?.differingFromWholeBuild).toBe(0);
    expect(two?.criticalPathS).toBeGreaterThan(0);
    expect(report.scaleOut.filesByKind['compound page']?.files).toBe(200);
  });

  it('states every target with a verdict', () => {
    // The earlier issues' eight, the check from a warm cache with nothing and with one compound
    // changed, and CPU per page against a peer, output files, output bytes, the first query for a
    // person and for words no name holds, and the complete answer of the latter (with the compound
    // pages' bundle, reported without a target).
    expect(report.targets.map((t) => t.name)).toHaveLength(16);
    // The edited check names the compound the re-publish edits (the middle one of 200).
    expect(report.check.changed?.path).toMatch(/demo-c00100/);
    expect(report.targets.find((t) => t.name === 'npm run check, one compound changed (s)')?.value).toMatch(
      / s \(warm cache, one compound/,
    );
    expect(report.searchFullText?.compounds?.raw).toBeGreaterThan(0);
    expect(report.searchFullText?.complete?.raw).toBe(
      report.searchFullText!.index.raw + report.searchFullText!.compounds!.raw,
    );
    expect(report.targets.find((t) => t.name === 'first search query, a person')?.pass).toBe(true);
    expect(report.targets.find((t) => t.name === 'first search query, full text')?.value).toMatch(/KB as served/);
    for (const t of report.targets) expect(typeof t.pass).toBe('boolean');
    expect(summary.sizes).toEqual([200]);
  });
});
