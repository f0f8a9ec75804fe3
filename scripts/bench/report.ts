/** The benchmark report: its shape, the targets, growth between sizes, and the printed table. */
import type { Distribution, JsByType } from './output-stats.ts';
import type { SearchBytes } from './search-bytes.ts';
import { target, type Target } from './target.ts';
import type { ScaleOut } from './scale-out.ts';
import type { CpuSteps } from './cpu-steps.ts';

export interface ReportHeader {
  size: number;
  seed: number;
  generatorHash: string;
  commit: string;
  measuredOn: string;
  machine: { cpus: number; cpuModel: string; memGiB: number; node: string; nodeOptions: string };
  fixture: { rows: number; ledgerRows: number; contentFiles: number; dataBytes: number; generateS: number | null };
}

/** A size whose full build could not finish: what it cost before it stopped, and its last output. */
export interface FailedBuildReport extends ReportHeader {
  check: SizeReport['check'];
  buildFailed: { exitCode: number; wallS: number; cpuS: number | null; load: number; peakRssMiB: number; lastLines: string[] };
  targets: Target[];
}

export interface SizeReport extends ReportHeader {
  /**
   * cpuS: user + system seconds (robust to other work on the machine); load: 1-min load average at
   * start. `path` says what was measured: the check from an empty cache, then (`warm`) again with
   * nothing changed, then (`changed`) with one compound's rows edited. Reports before issue 15 have
   * none of them; `changed` is absent in reports made before session 22.
   */
  check: CheckFigure & { path?: string; warm?: CheckFigure & { path: string }; changed?: CheckFigure & { path: string } };
  build: {
    /** Full build with search indexing, cold caches: the figure the target is about. */
    wallS: number;
    cpuS: number | null;
    /**
     * The same build's CPU by process (`astro build`, the search step's own process, Pagefind's
     * services), each as last sampled from /proc, so their sum is a little under `cpuS`. Absent
     * in reports made before session 20.
     */
    cpuSteps?: CpuSteps;
    load: number;
    peakRssMiB: number;
    pages: number;
    /** Pagefind alone on the built output (the search integration's own function, timed apart). */
    searchIndexS: number;
    /** That search step's CPU by process. Absent in reports made before session 20. */
    searchIndexCpuSteps?: CpuSteps;
    searchIndexPeakRssMiB: number;
    /** Build minus search indexing. */
    pagesS: number;
    pagesPerS: number;
  };
  output: { files: number; bytes: number; htmlPages: number };
  compoundPage: Distribution;
  jsByPageType: Record<string, JsByType>;
  search: SearchBytes;
  /** The first query for a person (a committee member), answered by the names index; null when the fixture names nobody. Absent in reports made before it was measured. */
  searchPerson?: SearchBytes | null;
  /**
   * The first query for words no name holds (Pagefind's full text). Its `index` is the first
   * answer (every page but the compound pages), the target's figure; its `complete` adds the
   * compound pages' bundle, loaded after that answer is drawn. Absent in reports made before it was measured.
   */
  searchFullText?: SearchBytes;
  /** Null when the run was told `--no-republish` (at 15,000 it is another whole build). */
  republish: {
    compoundId: string;
    /** Rebuild after the edit with the content-layer cache of the full build kept. */
    warmS: number;
    warmCpuS: number | null;
    warmRatio: number;
    /** The same with experimental.incrementalBuild (null when not measured). */
    incrementalS: number | null;
    incrementalRatio: number | null;
    /** Why the incremental figure is missing, when the incremental build failed. */
    incrementalError: string | null;
    /** The warm build's search step: pages indexed, and how many Pagefind re-indexed (the rest came from the cache). Absent in older reports. */
    searchPages?: { indexed: number; reindexed: number } | null;
  } | null;
  /** Files by kind, CPU per page against the peer generators, sharded builds (scale-out.ts). */
  scaleOut: ScaleOut;
  targets: Target[];
}

interface CheckFigure {
  wallS: number;
  cpuS: number | null;
  load: number;
  peakRssMiB: number;
}

/** The warm checks' rows: absent in reports made before the check had a cache (or measured an edit). */
function warmCheck(r: Pick<SizeReport, 'check'>): Target[] {
  const { warm, changed } = r.check;
  return [
    ...(warm ? [target('npm run check, nothing changed (s)', '≤ 15 s', `${warm.wallS.toFixed(1)} s (${warm.path})`, warm.wallS <= 15)] : []),
    ...(changed ? [target('npm run check, one compound changed (s)', '≤ 15 s', `${changed.wallS.toFixed(1)} s (${changed.path})`, changed.wallS <= 15)] : []),
  ];
}

const KB = 1024;
const kb = (n: number) => `${(n / KB).toFixed(1)} KB`;

export function evaluateTargets(r: Omit<SizeReport, 'targets'>): Target[] {
  const jsTypes = Object.entries(r.jsByPageType);
  const strayJs = jsTypes.filter(([, t]) => t.pagesWithJsNoChart > 0).map(([k, t]) => `${k}×${t.pagesWithJsNoChart}`);
  const chartJs = jsTypes.reduce((m, [k, t]) => (k !== 'search' && t.chartPages > 0 ? Math.max(m, t.maxGzip) : m), 0);
  const t = target;
  return [
    // Issue 15's targets, stated for 15,000 compounds on the 2-core machine and held at every size.
    t('build with search (s)', '≤ 240 s at 15,000', `${r.build.wallS.toFixed(1)} s (${r.build.cpuS?.toFixed(1) ?? '?'} s cpu)`, r.build.wallS <= 240),
    t('build peak memory, process tree', '≤ 4 GB', `${r.build.peakRssMiB} MiB`, r.build.peakRssMiB <= 4 * 1024),
    t('npm run check (s)', '≤ 15 s', `${r.check.wallS.toFixed(1)} s`, r.check.wallS <= 15),
    ...warmCheck(r),
    r.republish === null
      ? { name: 're-publish one compound', limit: '≤ 60 s', value: 'not measured (--no-republish)', pass: false }
      : t('re-publish one compound', '≤ 60 s', `${r.republish.warmS.toFixed(1)} s (${(r.republish.warmRatio * 100).toFixed(0)}% of a full build)` + (r.republish.incrementalS === null ? '' : `; incremental ${r.republish.incrementalS.toFixed(1)} s`), Math.min(r.republish.warmS, r.republish.incrementalS ?? Infinity) <= 60),
    t('compound page HTML+CSS gzip (largest)', '< 15 KB', `median ${kb(r.compoundPage.medianGzip)}, max ${kb(r.compoundPage.maxGzip)}`, r.compoundPage.maxGzip < 15 * KB),
    t('JS only on chart/search pages', 'none elsewhere', strayJs.length ? strayJs.join(', ') : 'none', strayJs.length === 0),
    t('chart code gzip', '< 60 KB', kb(chartJs), chartJs < 60 * KB),
    t('first search query', '≤ 300 KB', `${kb(r.search.index.raw)} as served (${kb(r.search.index.gzip)} gzip)`, r.search.index.raw <= 300 * KB),
    ...(r.searchPerson
      ? [t('first search query, a person', '≤ 300 KB', `${kb(r.searchPerson.index.raw)} as served (${kb(r.searchPerson.index.gzip)} gzip), Pagefind ${kb(r.searchPerson.pagefind.raw)}`, r.searchPerson.index.raw <= 300 * KB)]
      : []),
    ...(r.searchFullText
      ? [t('first search query, full text', '≤ 300 KB', `${kb(r.searchFullText.index.raw)} as served (${kb(r.searchFullText.index.gzip)} gzip), Pagefind ${kb(r.searchFullText.pagefind.raw)}`, r.searchFullText.index.raw <= 300 * KB)]
      : []),
    ...(r.searchFullText?.complete
      ? [
          {
            name: 'full text, complete answer (+ compound pages)',
            limit: 'no target: loads after the first answer is drawn',
            value: `${kb(r.searchFullText.complete.raw)} as served (${kb(r.searchFullText.complete.gzip)} gzip), compound bundle ${kb(r.searchFullText.compounds?.raw ?? 0)}`,
            pass: true,
          },
        ]
      : []),
  ];
}

export function failedTargets(r: Omit<FailedBuildReport, 'targets'>): Target[] {
  const b = r.buildFailed;
  return [
    { name: 'build with search (s)', limit: '≤ 240 s at 15,000', value: `did not finish (exit ${b.exitCode} after ${b.wallS.toFixed(0)} s)`, pass: false },
    { name: 'build peak memory, process tree', limit: '≤ 4 GB', value: `${b.peakRssMiB} MiB when it stopped`, pass: b.peakRssMiB <= 4 * 1024 },
    { name: 'npm run check (s)', limit: '≤ 15 s', value: `${r.check.wallS.toFixed(1)} s`, pass: r.check.wallS <= 15 },
    ...warmCheck(r),
  ];
}

export interface Growth {
  from: number;
  to: number;
  /** Ratio of per-compound cost at `to` over `from`: ≤ 1 is linear or better. */
  perCompound: Record<string, number>;
}
export interface Summary {
  sizes: number[];
  perCompound: Record<string, Record<string, number>>;
  growth: Growth[];
  linearOrBetter: Record<string, boolean>;
  note: string;
}

const PER_COMPOUND: Record<string, (r: SizeReport) => number> = {
  checkS: (r) => r.check.wallS,
  buildS: (r) => r.build.wallS,
  buildCpuS: (r) => r.build.cpuS ?? NaN,
  astroCpuS: (r) => r.build.cpuSteps?.astroS ?? NaN,
  searchProcessCpuS: (r) => r.build.cpuSteps?.searchProcessS ?? NaN,
  pagefindCpuS: (r) => r.build.cpuSteps?.pagefindS ?? NaN,
  pagesS: (r) => r.build.pagesS,
  searchIndexS: (r) => r.build.searchIndexS,
  buildPeakRssMiB: (r) => r.build.peakRssMiB,
  outputBytes: (r) => r.output.bytes,
  outputFiles: (r) => r.output.files,
  republishWarmS: (r) => r.republish?.warmS ?? NaN,
};

/** Tolerance for "no worse than linear": fixed costs shrink per compound, noise is a few percent. */
const LINEAR_SLACK = 1.15;

export function summarise(reports: SizeReport[]): Summary {
  const sorted = reports.slice().sort((a, b) => a.size - b.size);
  const perCompound: Summary['perCompound'] = {};
  for (const r of sorted) perCompound[String(r.size)] = Object.fromEntries(Object.entries(PER_COMPOUND).map(([k, f]) => [k, f(r) / r.size]));
  const growth: Growth[] = [];
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1] as SizeReport;
    const b = sorted[i] as SizeReport;
    growth.push({ from: a.size, to: b.size, perCompound: Object.fromEntries(Object.entries(PER_COMPOUND).map(([k, f]) => [k, f(b) / b.size / (f(a) / a.size)])) });
  }
  const linearOrBetter = Object.fromEntries(Object.keys(PER_COMPOUND).map((k) => [k, growth.every((g) => (g.perCompound[k] ?? 0) <= LINEAR_SLACK)]));
  return {
    sizes: sorted.map((r) => r.size),
    perCompound,
    growth,
    linearOrBetter,
    note: `growth[].perCompound is (cost/compound at the larger size) ÷ (cost/compound at the smaller): ≤ 1 means linear or better; counted linear up to ${LINEAR_SLACK}.`,
  };
}

export function printTable(reports: SizeReport[]): string {
  const rows: [string, (r: SizeReport) => string][] = [
    ['compounds', (r) => String(r.size)],
    ['ledger rows', (r) => String(r.fixture.ledgerRows)],
    ['check', (r) => `${r.check.wallS.toFixed(1)} s`],
    ['  nothing changed', (r) => (r.check.warm ? `${r.check.warm.wallS.toFixed(1)} s` : '—')],
    ['  one compound changed', (r) => (r.check.changed ? `${r.check.changed.wallS.toFixed(1)} s` : '—')],
    ['build + search', (r) => `${r.build.wallS.toFixed(1)} s`],
    ['  cpu (user+sys)', (r) => (r.build.cpuS === null ? '—' : `${r.build.cpuS.toFixed(1)} s`)],
    [
      '  astro/search/pf',
      (r) => {
        const c = r.build.cpuSteps;
        return c ? [c.astroS, c.searchProcessS, c.pagefindS].map((x) => x.toFixed(1)).join(' / ') : '—';
      },
    ],
    ['  search index', (r) => `${r.build.searchIndexS.toFixed(1)} s`],
    ['pages / s', (r) => r.build.pagesPerS.toFixed(0)],
    ['build peak RSS', (r) => `${r.build.peakRssMiB} MiB`],
    ['output', (r) => `${r.output.files} files, ${(r.output.bytes / 1024 / 1024).toFixed(0)} MiB`],
    ['compound page gz', (r) => `${kb(r.compoundPage.medianGzip)} / max ${kb(r.compoundPage.maxGzip)}`],
    ['first query', (r) => kb(r.search.index.raw)],
    ['  a person', (r) => (r.searchPerson ? kb(r.searchPerson.index.raw) : '—')],
    ['  full text', (r) => (r.searchFullText ? kb(r.searchFullText.index.raw) : '—')],
    ['  full text, complete', (r) => (r.searchFullText?.complete ? kb(r.searchFullText.complete.raw) : '—')],
    ['re-publish warm', (r) => (r.republish ? `${r.republish.warmS.toFixed(1)} s` : '—')],
    ['  search re-indexed', (r) => (r.republish?.searchPages ? `${r.republish.searchPages.reindexed} of ${r.republish.searchPages.indexed} pages` : '—')],
    ['re-publish incr.', (r) => (r.republish?.incrementalS == null ? '—' : `${r.republish.incrementalS.toFixed(1)} s`)],
    ['cpu ms / html page', (r) => r.scaleOut.cpuMsPerHtmlPage?.toFixed(1) ?? '—'],
    ['  hugo', (r) => r.scaleOut.peers?.hugo?.cpuMsPerPage.toFixed(1) ?? '—'],
    ['  eleventy', (r) => r.scaleOut.peers?.eleventy?.cpuMsPerPage.toFixed(1) ?? '—'],
    ...[8, 16].map((n): [string, (r: SizeReport) => string] => [
      `${n} shards crit.`,
      (r) => {
        const s = r.scaleOut.sharded.find((x) => x.count === n);
        return s
          ? `${s.criticalPathS.toFixed(1)} s (cpu ${s.criticalPathCpuS?.toFixed(1) ?? '?'}), matrix cpu ${s.totalCpuS?.toFixed(0) ?? '?'} s`
          : '—';
      },
    ]),
  ];
  const width = 20;
  const lines = rows.map(([label, f]) => label.padEnd(18) + reports.map((r) => f(r).padStart(width)).join(''));
  return lines.join('\n');
}
