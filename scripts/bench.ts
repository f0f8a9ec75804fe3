/**
 * `npm run bench [-- --sizes 1000,5000,15000] [--seed 1] [--work bench/work] [--reports bench]
 *                [--no-incremental] [--no-republish] [--build-heap-mb N] [--history] [--verbose] [--no-peers] [--shards 8,16]`
 *
 * For each size: generate the city-scale fixture (or reuse it when seed, size and
 * generator hash match), then measure `npm run check`, a cold full build with
 * search, Pagefind indexing on its own, the output's weight, the bytes of a first
 * search query in headless Chromium, and re-publishing after one compound's rows
 * change (warm content-layer cache; and with experimental.incrementalBuild; skipped with
 * --no-republish, since at 15,000 it is another whole build); then the
 * peer generators on the same fixture and the city built in 8 and 16 shards (bench/scale-out.ts).
 * Prints a table; writes bench/report-<size>.json and bench/summary.json.
 * The build runs with its own out and cache dirs under the work dir, never dist/.
 * With --history, only the change-history step is measured instead (scripts/bench/history.ts):
 * the fixture as a git repository with ten years of commits, cold and after one new commit;
 * it writes bench/history-<size>.json.
 */
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateFixture, reusableFixture, type FixtureManifest } from './bench/fixture/generate.ts';
import { outputStats } from './bench/output-stats.ts';
import { editOneCompound } from './bench/republish.ts';
import {
  evaluateTargets,
  failedTargets,
  printTable,
  summarise,
  type FailedBuildReport,
  type ReportHeader,
  type SizeReport,
} from './bench/report.ts';
import { runMeasured, type RunResult } from './bench/run.ts';
import { cpuSteps } from './bench/cpu-steps.ts';
import { buildSite, mustSucceed, ROOT, runBuild, siteEnv } from './bench/build-site.ts';
import { measureFirstQuery } from './bench/search-bytes.ts';
import { benchHistory, fixtureOfBuiltRepo, type HistoryReport } from './bench/history.ts';
import { measureScaleOut, scaleOutTargets } from './bench/scale-out.ts';
import { runMain } from './cli.ts';

const NODE = process.execPath;

interface Options {
  sizes: number[];
  seed: number;
  work: string;
  reports: string;
  incremental: boolean;
  verbose: boolean;
  /** V8 heap limit for the builds only (NODE_OPTIONS=--max-old-space-size); the check keeps the default. */
  buildHeapMb: number | undefined;
  /** Measure the change-history step alone instead of the site. */
  history: boolean;
  /** Run ../shared/peers/run.sh on the same fixture. */
  peers: boolean;
  /** Rebuild after editing one compound (at 15,000 that is another whole build). */
  republish: boolean;
  /** Shard counts to build the city in (empty: none). */
  shards: number[];
}

function options(): Options {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '1000,5000,15000' },
      seed: { type: 'string', default: '1' },
      work: { type: 'string', default: 'bench/work' },
      reports: { type: 'string', default: 'bench' },
      incremental: { type: 'boolean', default: true },
      verbose: { type: 'boolean', default: false },
      'build-heap-mb': { type: 'string' },
      history: { type: 'boolean', default: false },
      peers: { type: 'boolean', default: true },
      republish: { type: 'boolean', default: true },
      shards: { type: 'string', default: '8,16' },
    },
    allowNegative: true,
    strict: true,
  });
  const sizes = values.sizes.split(',').map((s) => Number(s.trim()));
  if (sizes.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error(`--sizes must be positive integers, got "${values.sizes}"`);
  const seed = Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0)
    throw new Error(`--seed must be a non-negative integer, got "${values.seed}"`);
  const heapMb = values['build-heap-mb'];
  if (heapMb !== undefined && !/^[1-9]\d*$/.test(heapMb))
    throw new Error(`--build-heap-mb must be a positive integer, got "${heapMb}"`);
  const shards = values.shards.trim() === '' ? [] : values.shards.split(',').map((s) => Number(s.trim()));
  if (shards.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error(`--shards must be positive integers, got "${values.shards}"`);
  const work = resolve(values.work);
  // A built page imports packages (Astro's prerender chunks are written under the out dir), and
  // Node finds them only by walking up from the chunk to this project's node_modules. The
  // history step builds no site and may work anywhere.
  const outside = relative(ROOT, work).startsWith('..') || isAbsolute(relative(ROOT, work));
  if (outside && !values.history)
    throw new Error(`--work must lie inside the project (${ROOT}) so built pages find its node_modules, got "${work}"`);
  return {
    peers: values.peers,
    republish: values.republish,
    shards,
    sizes,
    seed,
    work,
    reports: resolve(values.reports),
    incremental: values.incremental,
    verbose: values.verbose,
    buildHeapMb: values['build-heap-mb'] === undefined ? undefined : Number(values['build-heap-mb']),
    history: values.history,
  };
}

function log(msg: string): void {
  process.stderr.write(`bench: ${msg}\n`);
}

function dirBytes(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    n += e.isDirectory() ? dirBytes(p) : statSync(p).size;
  }
  return n;
}

function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

/** The first row's value in a column of one of the fixture's tables ('' when it has none); fixture values hold no commas. */
function firstCell(dataDir: string, table: string, column: string): string {
  const [header, first] = readFileSync(join(dataDir, `${table}.csv`), 'utf8').split('\n', 2);
  const col = (header ?? '').split(',').indexOf(column);
  return col < 0 ? '' : ((first ?? '').split(',')[col] ?? '');
}

/** A query a journalist would type: the first firm's short name, without the demo marker. */
function typicalQuery(dataDir: string): string {
  return (firstCell(dataDir, 'firms', 'short_name') || '物业').replace('（演示）', '');
}

/** A person a journalist would look up: the first committee member (冯家骏 in the seed-1 fixture); '' when the fixture has none. */
function typicalPerson(dataDir: string): string {
  return firstCell(dataDir, 'committee_members', 'name');
}

/**
 * Words a journalist types that no name holds, so Pagefind answers: the full-text first query.
 * 电梯 is in the fixture's spending lines, notices and cases, and in no page's or person's name.
 */
const FULL_TEXT_QUERY = '电梯';

/** What every report starts with: which city, which code, which machine, which fixture. */
function header(
  size: number,
  opts: Options,
  manifest: FixtureManifest,
  generateS: number | null,
  fixtureDir: string,
): ReportHeader {
  const cpuList = cpus();
  return {
    size,
    seed: opts.seed,
    generatorHash: manifest.generatorHash,
    commit: gitCommit(),
    measuredOn: new Date().toISOString().slice(0, 10),
    machine: {
      cpus: cpuList.length,
      cpuModel: cpuList[0]?.model ?? 'unknown',
      memGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      // e.g. --max-old-space-size, which a large build may need: it changes what "peak memory" can reach.
      nodeOptions:
        (process.env.NODE_OPTIONS ?? '') +
        (opts.buildHeapMb ? ` (builds: --max-old-space-size=${opts.buildHeapMb})` : ''),
    },
    fixture: {
      rows: Object.values(manifest.rows).reduce((a, b) => a + b, 0),
      ledgerRows: manifest.rows.fund_ledger,
      contentFiles: manifest.contentFiles,
      dataBytes: dirBytes(fixtureDir),
      generateS,
    },
  };
}

function fixtureFor(size: number, opts: Options) {
  const fixtureDir = join(opts.work, `fixture-${size}-s${opts.seed}`);
  const fx = { compounds: size, seed: opts.seed, out: fixtureDir };
  let manifest: FixtureManifest | undefined = reusableFixture(fx);
  let generateS: number | null = null;
  if (manifest) {
    log(`${size}: reusing fixture ${fixtureDir}`);
  } else {
    log(`${size}: generating fixture → ${fixtureDir}`);
    const t0 = performance.now();
    manifest = generateFixture(fx);
    generateS = (performance.now() - t0) / 1000;
  }
  return { fixtureDir, manifest, generateS };
}

async function historySize(size: number, opts: Options): Promise<HistoryReport> {
  const kept = join(opts.work, `fixture-${size}-s${opts.seed}`);
  const built = fixtureOfBuiltRepo(kept, opts.work, size);
  if (built) log(`${size}: reusing fixture ${kept} and the history repository built from it`);
  const { fixtureDir, manifest, generateS } = built
    ? { fixtureDir: kept, manifest: built, generateS: null }
    : fixtureFor(size, opts);
  return benchHistory(header(size, opts, manifest, generateS, fixtureDir), fixtureDir, opts.work, log, opts.verbose);
}

/**
 * Re-publish one compound: its rows edited, built again with the warm cache (and incrementally,
 * when asked). The warm cache holds the full build's pages' search entries, so the search step
 * re-indexes only the pages whose HTML the edit changed (src/integrations/search-cache.ts); the
 * report says how many, from the build's own line.
 */
async function measureRepublish(
  size: number,
  dataDir: string,
  siteDir: string,
  full: RunResult,
  build: (label: string, e: NodeJS.ProcessEnv) => Promise<RunResult>,
  env: (extra?: Record<string, string>) => NodeJS.ProcessEnv,
  opts: Options,
): Promise<NonNullable<SizeReport['republish']>> {
  const edit = editOneCompound(dataDir, size);
  let warm: RunResult;
  try {
    warm = await build(`re-publish ${edit.compoundId}, warm cache`, env());
  } finally {
    edit.restore();
  }

  let incrementalS: number | null = null;
  let incrementalError: string | null = null;
  if (opts.incremental) {
    // Its own out and cache dirs: the first incremental build writes the manifest the second one reuses.
    const incEnv = env({
      GONGSHI_INCREMENTAL: '1',
      GONGSHI_OUT_DIR: join(siteDir, 'dist-inc'),
      GONGSHI_CACHE_DIR: join(siteDir, 'cache-inc'),
    });
    try {
      await build('incremental, first', incEnv);
      const edit2 = editOneCompound(dataDir, size);
      try {
        incrementalS = (await build(`incremental, re-publish ${edit2.compoundId}`, incEnv)).wallS;
      } finally {
        edit2.restore();
      }
    } catch (e) {
      // An experimental flag that breaks the build is a finding, not a reason to lose the other figures.
      incrementalError =
        (e as Error).message
          .split('\n')
          .find((l) => /error/i.test(l))
          ?.trim() ?? (e as Error).message;
      log(`${size}: incremental build failed: ${incrementalError}`);
    }
  }

  const searchLine = warm.lines.map((l) => /搜索索引:(\d+) 个页面,其中 (\d+) 个/.exec(l.text)).find((m) => m);
  return {
    compoundId: edit.compoundId,
    searchPages: searchLine ? { indexed: Number(searchLine[1]), reindexed: Number(searchLine[2]) } : null,
    warmS: warm.wallS,
    warmCpuS: warm.cpuS,
    warmRatio: warm.wallS / full.wallS,
    incrementalS,
    incrementalRatio: incrementalS === null ? null : incrementalS / full.wallS,
    incrementalError,
  };
}

async function benchSize(size: number, opts: Options): Promise<SizeReport | FailedBuildReport> {
  const { fixtureDir, manifest, generateS } = fixtureFor(size, opts);
  const dataDir = join(fixtureDir, 'data');
  const contentDir = join(fixtureDir, 'content');

  // The check's own cache, emptied: the first run reads and checks everything (the figure kept
  // since issue 2), the second finds nothing changed (issue 15: hashing and kept results).
  const checkCache = join(opts.work, `check-cache-${size}`);
  rmSync(checkCache, { recursive: true, force: true });
  const checkRun = async (label: string) => {
    log(`${size}: npm run check (${label})`);
    return mustSucceed(
      'check',
      await runMeasured(NODE, ['scripts/check.ts', '--data', dataDir, '--content', contentDir], {
        cwd: ROOT,
        env: { ...process.env, GONGSHI_CACHE_DIR: checkCache },
        echo: opts.verbose,
      }),
    );
  };
  const checkCold = await checkRun('empty cache');
  const checkWarm = await checkRun('nothing changed');
  // Issue 15's other path to its 15 s: only what changed checked against the kept results (the
  // property test in tests/unit/validate/check-cache.test.ts proves it refuses what the full check
  // refuses). The edit is the re-publish's, the one a street office commits most often.
  const checkEdit = editOneCompound(dataDir, size);
  let checkChanged: RunResult;
  try {
    checkChanged = await checkRun(`${checkEdit.compoundId}'s rows changed`);
  } finally {
    checkEdit.restore();
  }
  const check: SizeReport['check'] = {
    path: 'empty cache: every table read, every rule run',
    wallS: checkCold.wallS,
    cpuS: checkCold.cpuS,
    load: checkCold.load,
    peakRssMiB: checkCold.peakRssMiB,
    warm: {
      path: 'warm cache, nothing changed: files hashed, kept results read',
      wallS: checkWarm.wallS,
      cpuS: checkWarm.cpuS,
      load: checkWarm.load,
      peakRssMiB: checkWarm.peakRssMiB,
    },
    changed: {
      path: `warm cache, one compound's rows changed (${checkEdit.compoundId}: ${checkEdit.files.join(', ')}): those tables read, the rules over them run`,
      wallS: checkChanged.wallS,
      cpuS: checkChanged.cpuS,
      load: checkChanged.load,
      peakRssMiB: checkChanged.peakRssMiB,
    },
  };

  const siteDir = join(opts.work, `site-${size}`);
  rmSync(siteDir, { recursive: true, force: true });
  const outDir = join(siteDir, 'dist');
  const heap: Record<string, string> = opts.buildHeapMb
    ? { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=${opts.buildHeapMb}`.trim() }
    : {};
  const env = (extra: Record<string, string> = {}) => siteEnv({ fixtureDir, siteDir }, { ...heap, ...extra });
  const build = async (label: string, e: NodeJS.ProcessEnv) => {
    log(`${size}: astro build (${label})`);
    const r = await buildSite(e, opts.verbose);
    log(
      `${size}:   ${r.wallS.toFixed(1)} s wall, ${r.cpuS?.toFixed(1) ?? '?'} s cpu, peak ${r.peakRssMiB} MiB, load ${r.load}`,
    );
    return r;
  };

  log(`${size}: astro build (cold, with search)`);
  const full = await runBuild(env(), opts.verbose);
  const steps = cpuSteps(full.processes);
  log(
    `${size}:   ${full.wallS.toFixed(1)} s wall, ${full.cpuS?.toFixed(1) ?? '?'} s cpu (astro ${steps.astroS.toFixed(1)}, search process ${steps.searchProcessS.toFixed(1)}, Pagefind ${steps.pagefindS.toFixed(1)}), peak ${full.peakRssMiB} MiB`,
  );
  if (full.exitCode !== 0) {
    // A build that cannot finish (e.g. out of memory) is the finding: report how far it got and what it cost.
    const plain = full.lines.map((l) => ({ t: l.t, text: l.text.replace(/\x1b\[[0-9;]*m/g, '') }));
    // The build's own last log line says which phase it died in; native stack frames say nothing.
    const lastLines = plain
      .filter((l) => l.text.trim() && !/^\s*\d+: 0x/.test(l.text))
      .slice(-12)
      .map((l) => `${l.t.toFixed(0)}s ${l.text}`);
    log(`${size}: the full build FAILED (exit ${full.exitCode}); writing what was measured`);
    const failed: Omit<FailedBuildReport, 'targets'> = {
      ...header(size, opts, manifest, generateS, fixtureDir),
      check,
      buildFailed: {
        exitCode: full.exitCode,
        wallS: full.wallS,
        cpuS: full.cpuS,
        load: full.load,
        peakRssMiB: full.peakRssMiB,
        lastLines,
      },
    };
    return { ...failed, targets: failedTargets(failed) };
  }
  log(`${size}: Pagefind indexing alone`);
  const searchCache = join(siteDir, 'cache-search');
  rmSync(searchCache, { recursive: true, force: true });
  const search = mustSucceed(
    'search indexing',
    // A cache of its own, emptied: this figure is a cold index of every page, and the project's
    // cache (node_modules/.astro) is left alone. The re-publish below runs the whole build, whose
    // search step reuses the pages' entries the full build left in the site's cache.
    await runMeasured(NODE, ['scripts/index-search.ts', outDir], {
      cwd: ROOT,
      echo: opts.verbose,
      env: { ...process.env, GONGSHI_CACHE_DIR: searchCache },
    }),
  );
  log(`${size}: weighing the output`);
  const stats = outputStats(outDir);
  log(`${size}: first search query in Chromium`);
  const sb = await measureFirstQuery(outDir, typicalQuery(dataDir));
  const person = typicalPerson(dataDir);
  const sbPerson = person === '' ? null : await measureFirstQuery(outDir, person);
  const sbFullText = await measureFirstQuery(outDir, FULL_TEXT_QUERY);

  const scaleOut = await measureScaleOut({
    size,
    fixtureDir,
    siteDir,
    outDir,
    build: full,
    htmlPages: stats.htmlPages,
    peers: opts.peers,
    shardCounts: opts.shards,
    env: heap,
    echo: opts.verbose,
    log,
  });

  const republish = opts.republish ? await measureRepublish(size, dataDir, siteDir, full, build, env, opts) : null;

  const pagesS = Math.max(0.001, full.wallS - search.wallS);
  const partial: Omit<SizeReport, 'targets'> = {
    ...header(size, opts, manifest, generateS, fixtureDir),
    check,
    build: {
      wallS: full.wallS,
      cpuS: full.cpuS,
      cpuSteps: steps,
      load: full.load,
      peakRssMiB: full.peakRssMiB,
      pages: stats.htmlPages,
      searchIndexS: search.wallS,
      searchIndexCpuSteps: cpuSteps(search.processes),
      searchIndexPeakRssMiB: search.peakRssMiB,
      pagesS,
      pagesPerS: stats.htmlPages / pagesS,
    },
    output: { files: stats.files, bytes: stats.bytes, htmlPages: stats.htmlPages },
    compoundPage: stats.compoundPage,
    jsByPageType: stats.jsByPageType,
    search: sb,
    searchPerson: sbPerson,
    searchFullText: sbFullText,
    republish,
    scaleOut,
  };
  return { ...partial, targets: [...evaluateTargets(partial), ...scaleOutTargets(partial)] };
}

async function main(): Promise<number> {
  let opts: Options;
  try {
    opts = options();
  } catch (e) {
    console.error(`bench: ${(e as Error).message}`);
    return 2;
  }
  mkdirSync(opts.work, { recursive: true });
  mkdirSync(opts.reports, { recursive: true });
  if (opts.history) {
    for (const size of opts.sizes) {
      const r = await historySize(size, opts);
      writeFileSync(join(opts.reports, `history-${size}.json`), JSON.stringify(r, null, 2) + '\n');
      console.log(
        `\nhistory step at ${size} compounds (${r.repo.commits} commits, ledger ${(r.repo.ledgerBytes / 2 ** 20).toFixed(0)} MiB):`,
      );
      for (const t of r.targets)
        console.log(`  ${t.pass ? 'PASS' : 'MISS'}  ${t.name.padEnd(40)} ${t.value}  (${t.limit})`);
    }
    console.log(`\nreports: ${opts.reports}/history-<size>.json`);
    return 0;
  }
  const reports: (SizeReport | FailedBuildReport)[] = [];
  for (const size of opts.sizes) {
    const r = await benchSize(size, opts);
    writeFileSync(join(opts.reports, `report-${size}.json`), JSON.stringify(r, null, 2) + '\n');
    reports.push(r);
  }
  const done = (rs: (SizeReport | FailedBuildReport)[]) => rs.filter((r): r is SizeReport => !('buildFailed' in r));
  // The summary covers every report in the folder, so sizes run separately still compare.
  const all = readdirSync(opts.reports)
    .filter((f) => /^report-\d+\.json$/.test(f))
    .map((f) => JSON.parse(readFileSync(join(opts.reports, f), 'utf8')) as SizeReport | FailedBuildReport);
  writeFileSync(join(opts.reports, 'summary.json'), JSON.stringify(summarise(done(all)), null, 2) + '\n');
  console.log(printTable(done(reports)));
  for (const r of reports) {
    console.log(`\ntargets at ${r.size} compounds:`);
    for (const t of r.targets)
      console.log(`  ${t.pass ? 'PASS' : 'MISS'}  ${t.name.padEnd(40)} ${t.value}  (${t.limit})`);
  }
  console.log(`\nreports: ${opts.reports}/report-<size>.json, summary.json`);
  return 0;
}

runMain(main, { prefix: 'bench: ' });
