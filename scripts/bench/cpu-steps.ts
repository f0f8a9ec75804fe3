/**
 * A build's CPU by step, from the processes runMeasured saw: the whole build's figure alone
 * cannot say whether a change moved the pages or the search, and single runs spread by more than
 * most cuts (session 19: ±10 s at 15,000). `npm run build` runs `astro build` as a child, then the
 * search step in its own process (scripts/build.ts), which starts Pagefind's service binaries.
 */
import { basename } from 'node:path';
import type { ProcessCpu } from './run.ts';

export interface CpuSteps {
  /** `astro build`: validation, every page, the downloads (its worker threads included). */
  astroS: number;
  /** The build script's own process: the search step's staging, joins and writes (and starting astro). */
  searchProcessS: number;
  /** Pagefind's service processes: reading and indexing the pages, writing its bundles. */
  pagefindS: number;
  /** Anything else in the tree (GNU time itself, a shell). */
  otherS: number;
}

type Step = keyof CpuSteps;

/**
 * Which step a process belongs to, by its command line: Pagefind's binary, or Node running a
 * script (its first argument that is not an option; the build passes Node only `--name=value`
 * options). A process that merely names one of them, as GNU time does its command, is not it.
 */
export function stepOf(command: string): Step {
  const [exe = '', ...args] = command.split(' ');
  const program = basename(exe);
  if (/^pagefind/.test(program)) return 'pagefindS';
  if (program !== 'node') return 'otherS';
  const script = args.find((a) => !a.startsWith('-')) ?? '';
  if (script.endsWith('astro/bin/astro.mjs')) return 'astroS';
  if (/(^|\/)scripts\/(build|index-search)\.ts$/.test(script)) return 'searchProcessS';
  return 'otherS';
}

export function cpuSteps(processes: readonly ProcessCpu[]): CpuSteps {
  const steps: CpuSteps = { astroS: 0, searchProcessS: 0, pagefindS: 0, otherS: 0 };
  for (const p of processes) steps[stepOf(p.command)] += p.cpuS;
  for (const k of Object.keys(steps) as Step[]) steps[k] = Math.round(steps[k] * 100) / 100;
  return steps;
}
