/**
 * The bench names each process of a run by its command line (scripts/bench/cpu-steps.ts). A
 * process is often first seen before it has exec'd its program, still showing its parent's
 * command line: the name must be the program it became, or its CPU lands in the wrong step.
 */
import { describe, expect, it } from 'vitest';
import { runMeasured } from '../../../scripts/bench/run.ts';

describe('runMeasured', () => {
  it('names a process by the program it exec’d, not the command line it was first seen with', async () => {
    // The shell is sampled while it waits, then replaces itself with `sleep 1.5` (same pid).
    const r = await runMeasured('sh', ['-c', 'sleep 0.4; exec sleep 1.5']);
    expect(r.exitCode).toBe(0);
    const commands = r.processes.map((p) => p.command);
    expect(commands).toContain('sleep 1.5');
    expect(commands).not.toContain('sh -c sleep 0.4; exec sleep 1.5');
  });
});
