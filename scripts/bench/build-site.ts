/**
 * Build the portal from a generated fixture into its own folders, never dist/ or
 * the shared cache: GONGSHI_DATA_DIR / GONGSHI_CONTENT_DIR point at the fixture,
 * GONGSHI_OUT_DIR / GONGSHI_CACHE_DIR at `siteDir`. Used by the benchmark and by
 * the build tests (bench smoke, multisite).
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { runMeasured, type RunResult } from './run.ts';

export const ROOT = resolve(import.meta.dirname, '../..');
/** `npm run build`: astro build, then search indexing in a process of its own. */
export const BUILD_SCRIPT = join(ROOT, 'scripts/build.ts');

export interface SiteDirs {
  fixtureDir: string;
  siteDir: string;
}

export function siteEnv({ fixtureDir, siteDir }: SiteDirs, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ASTRO_TELEMETRY_DISABLED: '1',
    GONGSHI_DATA_DIR: join(fixtureDir, 'data'),
    GONGSHI_CONTENT_DIR: join(fixtureDir, 'content'),
    GONGSHI_OUT_DIR: join(siteDir, 'dist'),
    GONGSHI_CACHE_DIR: join(siteDir, 'cache'),
    ...extra,
  };
}

/** A failed step stops the caller with the command's last lines: a figure from a broken build would mislead. */
export function mustSucceed(step: string, r: RunResult): RunResult {
  if (r.exitCode !== 0) {
    const tail = r.lines
      .slice(-25)
      .map((l) => `  ${l.text}`)
      .join('\n');
    throw new Error(`${step} failed (exit ${r.exitCode}):\n${tail}`);
  }
  return r;
}

/**
 * `npm run build [args]`, run from the site's own folder (the build script points astro at the
 * project with `--root`): when the out dir lies outside the working directory, Astro 7 stages
 * prerender chunks in `<cwd>/.astro/.prerender`, which concurrent builds (parallel test files)
 * would share.
 */
export async function runBuild(env: NodeJS.ProcessEnv, echo = false, args: string[] = []): Promise<RunResult> {
  const cwd = env.GONGSHI_OUT_DIR ? dirname(env.GONGSHI_OUT_DIR) : ROOT;
  mkdirSync(cwd, { recursive: true });
  return runMeasured(process.execPath, [BUILD_SCRIPT, ...args], { cwd, env, echo });
}

/** runBuild, failing with the build's last lines when it does not succeed. */
export async function buildSite(env: NodeJS.ProcessEnv, echo = false, args: string[] = []): Promise<RunResult> {
  return mustSucceed('npm run build', await runBuild(env, echo, args));
}
