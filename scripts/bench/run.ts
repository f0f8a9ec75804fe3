/**
 * Run a command and measure it: wall time, and peak memory of the whole process
 * tree (Astro may start Pagefind as a child). Memory is sampled from /proc every
 * 100 ms as the sum of the tree's resident pages, and each process's own
 * high-water mark (VmHWM) is read too, so a short spike between samples in a
 * single process is still caught.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { groupBy } from '../../src/lib/util/group.ts';

export interface RunResult {
  exitCode: number;
  wallS: number;
  /** Peak resident memory of the process tree in MiB; 0 where /proc is unavailable. */
  peakRssMiB: number;
  /**
   * CPU seconds (user + system) of the command and its children: the larger of GNU time's
   * figure (which counts only children that were waited for: Pagefind's service process is
   * killed, not waited for, so its indexing was missing) and the sum over every process seen
   * in the tree, sampled from /proc (which misses each process's last 100 ms). Null without
   * /usr/bin/time. On a shared 2-core machine this moves far less than wall time when others
   * are building too.
   */
  cpuS: number | null;
  /** 1-minute load average when the command started: how busy the machine was. */
  load: number;
  /**
   * Every process seen in the tree, with its command line and its own CPU seconds as last sampled
   * (threads included, children not): what each step of a build cost (cpu-steps.ts). Each misses
   * its last 100 ms, like the tree's sum.
   */
  processes: ProcessCpu[];
  /** Output lines with the seconds since start at which each arrived. */
  lines: { t: number; text: string }[];
}

export interface ProcessCpu {
  /** The command line, arguments joined by spaces. */
  command: string;
  cpuS: number;
}

const PAGE_KIB = 4;

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Pids of the tree rooted at `root` (root included). */
function processTree(root: number): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [root];
  }
  const parentOf = (pid: string): number | undefined => {
    const stat = readText(`/proc/${pid}/stat`);
    // The command name may hold spaces and parentheses: fields start after the last ')'.
    return stat ? Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) : undefined;
  };
  const children = groupBy(
    entries.filter((e) => /^\d+$/.test(e)).map((e) => ({ pid: Number(e), ppid: parentOf(e) })),
    (p) => p.ppid,
  );
  const out: number[] = [];
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop() as number;
    out.push(pid);
    stack.push(...(children.get(pid) ?? []).map((p) => p.pid));
  }
  return out;
}

/** Clock ticks per second of /proc's CPU times; 100 on every Linux this runs on. */
const CLK_TCK = 100;

/** utime + stime of one process in ticks, children excluded. */
function cpuTicks(pid: number): number | undefined {
  const stat = readText(`/proc/${pid}/stat`);
  if (!stat) return undefined;
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(f[11]) + Number(f[12]);
}

/** A process's command line as /proc shows it now; empty once it has exited. */
function commandLine(pid: number): string {
  return (readText(`/proc/${pid}/cmdline`) ?? '').split('\0').filter(Boolean).join(' ');
}

function sample(
  root: number,
  cpu: Map<number, number>,
  commands: Map<number, string>,
): { sumKiB: number; maxHwmKiB: number } {
  let sumKiB = 0;
  let maxHwmKiB = 0;
  for (const pid of processTree(root)) {
    const ticks = cpuTicks(pid);
    if (ticks !== undefined && ticks >= (cpu.get(pid) ?? 0)) cpu.set(pid, ticks);
    // Read at every sample, not once: a child first seen between fork and exec still shows its
    // parent's command line (under load the astro process was once counted as the build script's).
    const command = commandLine(pid);
    if (command) commands.set(pid, command);
    const statm = readText(`/proc/${pid}/statm`);
    if (statm) sumKiB += Number(statm.split(' ')[1]) * PAGE_KIB;
    const hwm = /VmHWM:\s+(\d+) kB/.exec(readText(`/proc/${pid}/status`) ?? '');
    if (hwm) maxHwmKiB = Math.max(maxHwmKiB, Number(hwm[1]));
  }
  return { sumKiB, maxHwmKiB };
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Echo the command's output to this process's stderr as it arrives. */
  echo?: boolean;
}

const GNU_TIME = '/usr/bin/time';

export function runMeasured(cmd: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const load = Math.round((loadavg()[0] ?? 0) * 100) / 100;
    const timeDir = existsSync(GNU_TIME) ? mkdtempSync(join(tmpdir(), 'gongshi-bench-')) : undefined;
    const timeFile = timeDir ? join(timeDir, 'time.txt') : undefined;
    const [exe, argv] = timeFile ? [GNU_TIME, ['-f', '%U %S %M', '-o', timeFile, cmd, ...args]] : [cmd, args];
    const t0 = performance.now();
    const child = spawn(exe, argv, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: RunResult['lines'] = [];
    const cpuByPid = new Map<number, number>();
    const commandByPid = new Map<number, string>();
    let peakKiB = 0;
    const take = () => {
      if (child.pid === undefined) return;
      const s = sample(child.pid, cpuByPid, commandByPid);
      peakKiB = Math.max(peakKiB, s.sumKiB, s.maxHwmKiB);
    };
    const timer = setInterval(take, 100);
    const onData = (buf: Buffer, partial: { rest: string }) => {
      const t = (performance.now() - t0) / 1000;
      const text = partial.rest + buf.toString('utf8');
      const parts = text.split('\n');
      partial.rest = parts.pop() ?? '';
      for (const p of parts) {
        lines.push({ t, text: p });
        if (opts.echo) process.stderr.write(`  │ ${p}\n`);
      }
      take();
    };
    const out = { rest: '' };
    const err = { rest: '' };
    child.stdout.on('data', (b: Buffer) => onData(b, out));
    child.stderr.on('data', (b: Buffer) => onData(b, err));
    child.on('error', (e) => {
      clearInterval(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearInterval(timer);
      const t = (performance.now() - t0) / 1000;
      for (const rest of [out.rest, err.rest]) if (rest) lines.push({ t, text: rest });
      let cpuS: number | null = null;
      if (timeFile && timeDir) {
        // GNU time's last line: user s, system s, max RSS of the largest process in KiB.
        const last = (readText(timeFile) ?? '').trim().split('\n').pop() ?? '';
        const [user, sys, maxKiB] = last.split(' ').map(Number);
        if (Number.isFinite(user) && Number.isFinite(sys)) {
          let ticks = 0;
          for (const t of cpuByPid.values()) ticks += t;
          cpuS = Math.max((user as number) + (sys as number), ticks / CLK_TCK);
        }
        if (Number.isFinite(maxKiB)) peakKiB = Math.max(peakKiB, maxKiB as number);
        rmSync(timeDir, { recursive: true, force: true });
      }
      const processes = [...cpuByPid].map(([pid, ticks]) => ({
        command: commandByPid.get(pid) ?? '',
        cpuS: ticks / CLK_TCK,
      }));
      resolve({ exitCode: code ?? 1, wallS: t, cpuS, load, peakRssMiB: Math.round(peakKiB / 1024), lines, processes });
    });
  });
}
