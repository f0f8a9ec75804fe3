/**
 * The peer generators (Hugo, Eleventy) on the same fixture in the same run, through the shared
 * `../shared/peers/run.sh` (its README says what the peer sites hold). Each peer's CPU counts
 * every step it needs for a searchable site (Hugo's CSV preprocessing, the build, Pagefind);
 * divided by the HTML pages it wrote, it is the yardstick for the portal's CPU per page.
 * When the script or a generator is missing the report says so instead of a figure.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runMeasured } from './run.ts';
import { ROOT } from './build-site.ts';

const PEERS_SCRIPT = resolve(ROOT, process.env.GONGSHI_PEERS_SCRIPT ?? '../shared/peers/run.sh');

export interface PeerStep {
  label: string;
  wallS: number;
  cpuS: number;
  peakMiB: number;
}
export interface PeerFigures {
  steps: PeerStep[];
  wallS: number;
  cpuS: number;
  peakMiB: number;
  htmlPages: number;
  cpuMsPerPage: number;
}
export interface PeersReport {
  script: string;
  /** Why a peer (or all of them) has no figure: missing script, generator not installed, failed step. */
  notes: string[];
  hugo: PeerFigures | null;
  eleventy: PeerFigures | null;
}

const STEP = /^(\S+)\s+wall\s+([\d.]+) s\s+cpu\s+([\d.]+) s\s+peak\s+(\d+) MiB/;

function htmlPages(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter(
    (d) => d.isFile() && d.name.endsWith('.html'),
  ).length;
}

function figures(steps: PeerStep[], site: string): PeerFigures | null {
  if (steps.length === 0) return null;
  const pages = htmlPages(site);
  const cpuS = steps.reduce((a, s) => a + s.cpuS, 0);
  return {
    steps,
    wallS: steps.reduce((a, s) => a + s.wallS, 0),
    cpuS,
    peakMiB: Math.max(...steps.map((s) => s.peakMiB)),
    htmlPages: pages,
    cpuMsPerPage: pages > 0 ? (cpuS * 1000) / pages : 0,
  };
}

export async function runPeers(fixtureDir: string, outDir: string, echo = false): Promise<PeersReport> {
  if (!existsSync(PEERS_SCRIPT))
    return { script: PEERS_SCRIPT, notes: [`${PEERS_SCRIPT} not found: peers not measured`], hugo: null, eleventy: null };
  const r = await runMeasured('bash', [PEERS_SCRIPT, fixtureDir, outDir], { cwd: ROOT, echo });
  const notes = r.lines.map((l) => l.text.trim()).filter((t) => t && !STEP.test(t));
  if (r.exitCode !== 0) notes.push(`run.sh exited ${r.exitCode}`);
  const steps = r.lines.flatMap((l) => {
    const m = STEP.exec(l.text.trim());
    return m ? [{ label: m[1] as string, wallS: Number(m[2]), cpuS: Number(m[3]), peakMiB: Number(m[4]) }] : [];
  });
  const of = (prefix: string) => steps.filter((s) => s.label.startsWith(prefix));
  return {
    script: PEERS_SCRIPT,
    notes,
    hugo: figures(of('hugo-'), join(outDir, 'hugo', 'public')),
    eleventy: figures(of('eleventy-'), join(outDir, 'eleventy-site')),
  };
}

/** The faster peer by CPU per HTML page, or null when none was measured. */
export function fasterPeer(p: PeersReport): { name: string; cpuMsPerPage: number } | null {
  const measured = (['hugo', 'eleventy'] as const)
    .map((name) => ({ name, f: p[name] }))
    .filter((x): x is { name: 'hugo' | 'eleventy'; f: PeerFigures } => x.f !== null && x.f.htmlPages > 0);
  if (measured.length === 0) return null;
  const best = measured.reduce((a, b) => (b.f.cpuMsPerPage < a.f.cpuMsPerPage ? b : a));
  return { name: best.name, cpuMsPerPage: best.f.cpuMsPerPage };
}
